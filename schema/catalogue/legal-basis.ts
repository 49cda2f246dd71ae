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

// The laws the joint reward and punishment measures (schema/catalogue/scenarios.ts) follow. Statute
// texts were read in the LawRefBook/Laws collection (commit 2f4c5c23); policy documents only where
// said.

export const BIDDING_LAW: LegalBasis = {
  document: '中华人民共和国招标投标法',
  issuer: '全国人民代表大会常务委员会 (2017 revision)',
  adoptedOn: '1999-08-30',
  inForceFrom: '2000-01-01',
  provisions:
    '第二十五条：投标人是响应招标、参加投标竞争的法人或者其他组织。第二十六条：投标人应当具备承担招标项目的能力；国家有关规定对投标人资格条件或者招标文件对投标人资格条件有规定的，投标人应当具备规定的资格条件。第五十三条：……情节严重的，取消其一年至二年内参加依法必须进行招标的项目的投标资格并予以公告。',
  checkedAgainst: 'articles 25, 26 and 53 as quoted in several public copies of the law (LawRefBook/Laws; code corpora quoting 第二十六条 verbatim)',
};

export const BIDDING_LAW_REGULATIONS: LegalBasis = {
  document: '中华人民共和国招标投标法实施条例',
  issuer: '国务院 (2019-03-02 revision)',
  adoptedOn: '2011-12-20',
  inForceFrom: '2012-02-01',
  provisions:
    '第六十七条第二款：属于招标投标法第五十三条规定的情节严重行为，由有关行政监督部门取消其1年至2年内参加依法必须进行招标的项目的投标资格。第六十八条第二款：（弄虚作假）取消其1年至3年内参加依法必须进行招标的项目的投标资格。',
  checkedAgainst: 'articles 67 and 68 in LawRefBook/Laws 行政法规/招标投标法实施条例(2019-03-02).md',
};

export const PROCUREMENT_LAW: LegalBasis = {
  document: '中华人民共和国政府采购法',
  issuer: '全国人民代表大会常务委员会 (2014 revision)',
  adoptedOn: '2002-06-29',
  inForceFrom: '2003-01-01',
  provisions: '第二十二条：供应商参加政府采购活动应当具备下列条件：……（五）参加政府采购活动前三年内，在经营活动中没有重大违法记录。',
  checkedAgainst: 'article 22 in LawRefBook/Laws 经济法/政府采购法(2014-08-31).md',
};

export const PROCUREMENT_REGULATIONS: LegalBasis = {
  document: '中华人民共和国政府采购法实施条例',
  issuer: '国务院',
  adoptedOn: '2014-12-31',
  inForceFrom: '2015-03-01',
  provisions:
    '第十九条：政府采购法第二十二条第一款第五项所称重大违法记录，是指供应商因违法经营受到刑事处罚或者责令停产停业、吊销许可证或者执照、较大数额罚款等行政处罚。……期限届满的，可以参加政府采购活动。',
  checkedAgainst: 'article 19 in LawRefBook/Laws 行政法规/政府采购法实施条例(2015-01-30).md; 较大数额 is set by each sector, so a SERIOUS penalty stands for it here',
};

export const ENTERPRISE_DISCLOSURE_REGULATIONS: LegalBasis = {
  document: '企业信息公示暂行条例',
  issuer: '国务院令第654号',
  adoptedOn: '2014-08-07',
  inForceFrom: '2014-10-01',
  provisions:
    '第十七条：被列入严重违法企业名单的企业的法定代表人、负责人，3年内不得担任其他企业的法定代表人、负责人。第十八条：县级以上地方人民政府及其有关部门应当建立健全信用约束机制，在政府采购、工程招投标、国有土地出让、授予荣誉称号等工作中，将企业信息作为重要考量因素，对被列入经营异常名录或者严重违法企业名单的企业依法予以限制或者禁入。',
  checkedAgainst: 'articles 17 and 18 of the 2014 text in LawRefBook/Laws 行政法规/企业信息公示暂行条例(2014-08-07).md; the regulation was revised in 2024 and the revised numbering was not read',
};

export const DISHONEST_DEBTOR_RULES: LegalBasis = {
  document: '最高人民法院关于公布失信被执行人名单信息的若干规定',
  issuer: '最高人民法院',
  adoptedOn: '2013-07-01',
  inForceFrom: '2013-10-01',
  provisions: '第六条：……供相关单位依照法律、法规和有关规定，在政府采购、招标投标、行政审批、政府扶持、融资信贷、市场准入、资质认定等方面，对失信被执行人予以信用惩戒。',
  checkedAgainst: 'article 6 of the 2013 text in LawRefBook/Laws 司法解释; the 2017 revision (法释〔2017〕7号) keeps the wording as article 8 by common citation, not read here',
};

export const COMPANY_LAW_2023: LegalBasis = {
  document: '中华人民共和国公司法',
  issuer: '全国人民代表大会常务委员会 (2023 revision)',
  adoptedOn: '2023-12-29',
  inForceFrom: '2024-07-01',
  provisions:
    '第一百七十八条：有下列情形之一的，不得担任公司的董事、监事、高级管理人员：……（五）个人因所负数额较大债务到期未清偿被人民法院列为失信被执行人。违反前款规定选举、委派董事、监事或者聘任高级管理人员的，该选举、委派或者聘任无效。',
  checkedAgainst: 'article 178 in LawRefBook/Laws 民法商法/公司法(2023-12-29).md',
};

export const JOINT_INCENTIVES_2016: LegalBasis = {
  document: '国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见',
  issuer: '国务院, 国发〔2016〕33号',
  adoptedOn: '2016-05-30',
  inForceFrom: '2016-05-30',
  provisions:
    '让守信者受益、失信者受限。对守信主体实施联合激励（多部门联合激励：行政审批“绿色通道”、容缺受理、优化检查频次）；对严重失信主体严格限制申请财政性资金项目，限制参与有关公共资源交易活动，限制参与基础设施和公用事业特许经营。',
  checkedAgainst:
    'the opening (总体要求, 基本原则: 让守信者受益、失信者受限) at cptp.org.cn/902.html; the punishment wording from a 2016 news summary (wmf.fjsen.com); the incentive wording (绿色通道, 容缺受理, 检查频次) not read in the text itself: the measures citing it are marked as resting on a summary',
};
