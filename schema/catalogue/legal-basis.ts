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

/** How a repair application is handled: where, by whom, with what materials, and how fast. */
export const REPAIR_PROCEDURE_2025: LegalBasis = {
  document: '关于进一步完善信用修复制度的实施方案',
  issuer: '国务院办公厅, 国办发〔2025〕22号',
  adoptedOn: '2025-06-22',
  inForceFrom: '2025-06-22',
  provisions:
    '“信用中国”网站为统一受理窗口，“谁认定、谁修复”：认定单位核实并作出决定。申请材料包括法定责任义务履行完毕的证明材料和信用承诺书。“信用中国”网站一般应当自收到信用修复申请之日起…个工作日内反馈信用修复结果（英文报道：10个工作日内反馈结果，3个工作日内作出是否受理的决定）；因案情复杂或需进行核查的，可以延长。',
  checkedAgainst:
    'the Chinese text read only in fragments (wmzd.szvf.com.cn, bundschool.com copies: "网站一般应当自收到信用修复申请之日起…个工作日内反馈信用修复结果", "申请材料包括法定责任义务履行完毕的证明材料和信用承诺书", "谁认定"/"谁修复"); the period of 10 working days from an English report of the scheme (93vmall.com, 2025-06-30: "feedback within 10 working days"), not confirmed in the Chinese text; 谁认定、谁修复 confirmed by CCTV reporting of 令第36号',
};

/** Credit commitments (信用承诺) and their kinds. */
export const COMMITMENT_RULES: LegalBasis = {
  document: '关于加快推进社会信用体系建设 构建以信用为基础的新型监管机制的指导意见',
  issuer: '国务院办公厅, 国办发〔2019〕35号',
  adoptedOn: '2019-07-09',
  inForceFrom: '2019-07-09',
  provisions:
    '建立健全信用承诺制度：审批型（审批替代、容缺办理、证明事项告知承诺）、主动公示型、修复型信用承诺，完善行业自律型信用承诺；承诺内容向社会公开，失信（违背承诺）情况记入信用记录，作为监管的重要依据。',
  checkedAgainst:
    'the kinds as 《中国信用》 2020 no. 12 (credit.luxi.gov.cn) summarises 国办发〔2019〕35号; the opening of 35号 itself read (ryanbays.com) names no kinds; a data standard\'s value list reads "审批替代型;容缺受理型;证明事项型;信用修复型;行业自律型;主动型;其他"',
};

/** Special credit reports (专项信用报告) in place of certificates of no violation. */
export const SPECIAL_REPORT_RULES: LegalBasis = {
  document: '关于以专项信用报告替代有无违法违规记录证明的通知 (国家发展改革委、公安部、国家数据局)',
  issuer: '国家发展和改革委员会等, 发改财金〔2025〕565号',
  adoptedOn: '2025-05',
  inForceFrom: '2025-09-30',
  provisions:
    '各省（区、市）专项信用报告应至少涵盖行政处罚（含简易程序作出的行政处罚）、行政强制、严重失信主体名单和刑事裁判（犯罪记录）等信息；支持信用主体根据应用场景需要自行选择报告涵盖的时间和领域；2025年9月底前实现。',
  checkedAgainst:
    'the notice as quoted by 023ye.com and jalj9999.com (coverage) and chbeo.org.cn (the subject chooses period and domains; by end of September 2025); a period of at most 5 years appears only in commentary (39.101.64.207), not in the text read, and is applied here as the longest period a report may cover',
};
