// The legal texts the catalogue's rules come from, cited where a rule is encoded. Each entry says
// what was checked, against which published text, so a reader can check it again.

export interface LegalBasis {
  /** Title of the document, as published. */
  readonly document: string;
  readonly issuer: string;
  readonly adoptedOn: string;
  readonly inForceFrom: string;
  /** The provisions the rule encodes, in the document's own terms. */
  readonly provisions: string;
  /** Where the text was read (article numbers are cited where the published text gives them). */
  readonly checkedAgainst: string;
}

/** Display classes and periods of adverse information, and when repair may be applied for. */
export const REPAIR_RULES_2026: LegalBasis = {
  document: '信用修复管理办法',
  issuer: '国家发展和改革委员会 (NDRC), 委令',
  adoptedOn: '2025-11-19',
  inForceFrom: '2026-04-01',
  provisions:
    '失信信息按严重程度分为轻微、一般、严重三类，公示期限自司法、行政公务文书认定之日起计算。轻微失信信息原则上不予公示，行业主管部门认为确有必要公示的，公示期最长不超过3个月，法定责任履行完毕即可申请修复；一般失信信息最短公示期3个月，最长1年；严重失信信息最短公示期1年，最长3年。最短公示期届满后方可申请信用修复；最长公示期届满后自动停止公示。申请修复须达到最短公示期、纠正失信行为并履行义务、公开作出信用承诺。废止2023年《失信行为纠正后的信用信息修复管理办法（试行）》。',
  checkedAgainst: 'NDRC announcement of 2025-11-26 as published (e.g. 证券之星/财闻 2025-11-26 "国家发改委：轻微失信信息原则上不予公示"); article numbers not cited: the text read did not give them',
};
