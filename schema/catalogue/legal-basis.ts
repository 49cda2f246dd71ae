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
  issuer: '国家发展和改革委员会 (NDRC), 国家发展和改革委员会令第36号 (published 2025-11-20)',
  adoptedOn: '2025-11-19',
  inForceFrom: '2026-04-01',
  provisions:
    '失信信息按严重程度分为轻微、一般、严重三类，公示期限自司法、行政公务文书认定之日起计算。轻微失信信息原则上不予公示，行业主管部门认为确有必要公示的，公示期最长不超过3个月，法定责任履行完毕即可申请修复；一般失信信息最短公示期3个月，最长1年；严重失信信息最短公示期1年，最长3年。最短公示期届满后方可申请信用修复；最长公示期届满后自动停止公示。申请修复须达到最短公示期、纠正失信行为并履行义务、公开作出信用承诺。废止2023年《失信行为纠正后的信用信息修复管理办法（试行）》。',
  checkedAgainst:
    'the decree as published (toubiaole.com, "中华人民共和国国家发展和改革委员会令 第36号", articles 1–4 read) and the NDRC announcement of 2025-11-26 (证券之星/财闻 "国家发改委：轻微失信信息原则上不予公示"); the periods match 国办发〔2025〕22号 part 二; article numbers of the periods not cited: the text read did not reach them',
};

/** Objections: the record marked as disputed, verified and answered within 20 days, with three outcomes. */
export const OBJECTION_RULES: LegalBasis = {
  document: '征信业管理条例',
  issuer: '国务院',
  adoptedOn: '2012-12-26',
  inForceFrom: '2013-03-15',
  provisions:
    '第二十五条：信息主体认为信息存在错误、遗漏的，有权提出异议，要求更正。收到异议，应当对相关信息作出存在异议的标注，自收到异议之日起20日内进行核查和处理，并将结果书面答复异议人。确有错误、遗漏的，予以更正；不存在错误、遗漏的，取消异议标注；经核查仍不能确认的，对核查情况和异议内容应当予以记载。',
  checkedAgainst: 'article 25 as quoted by shoulawyer.com (2024-06-12, "异议处理时间是自收到异议之日起20日内进行核查和处理"); public credit platforms apply the same (e.g. 信用广州 异议信息办理须知)',
};
