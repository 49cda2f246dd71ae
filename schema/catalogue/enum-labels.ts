// What people read for each enumerated value of the catalogue: the API keeps its codes
// (STATE_OWNED), the console, the printed report and the CSV exports show these labels. A unit
// test checks every value of every enumeration has both.
import type { IndicatorSpec } from './types';

export interface ValueLabel {
  readonly zh: string;
  readonly en: string;
}

const label = (zh: string, en: string): ValueLabel => ({ zh, en });

export const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, ValueLabel>>>> = {
  EnterpriseType: {
    LIMITED_LIABILITY: label('有限责任公司', 'Limited liability company'),
    JOINT_STOCK: label('股份有限公司', 'Joint-stock company'),
    SOLE_PROPRIETORSHIP: label('个人独资企业', 'Sole proprietorship'),
    PARTNERSHIP: label('合伙企业', 'Partnership'),
    BRANCH: label('分支机构', 'Branch'),
    INDIVIDUAL_BUSINESS: label('个体工商户', 'Individual business'),
    COOPERATIVE: label('农民专业合作社', "Farmers' cooperative"),
    STATE_OWNED: label('国有企业', 'State-owned enterprise'),
    FOREIGN_INVESTED: label('外商投资企业', 'Foreign-invested enterprise'),
    OTHER: label('其他', 'Other'),
  },
  IdType: { RESIDENT_ID: label('居民身份证', 'Resident ID card'), PASSPORT: label('护照', 'Passport'), OTHER: label('其他证件', 'Other document') },
  HolderType: { NATURAL_PERSON: label('自然人', 'Natural person'), ENTERPRISE: label('企业', 'Enterprise'), GOVERNMENT: label('政府机构', 'Government body'), OTHER: label('其他', 'Other') },
  ContributionMethod: {
    CASH: label('货币', 'Cash'),
    IN_KIND: label('实物', 'In kind'),
    INTELLECTUAL_PROPERTY: label('知识产权', 'Intellectual property'),
    LAND_USE_RIGHT: label('土地使用权', 'Land-use right'),
    EQUITY: label('股权', 'Equity'),
    OTHER: label('其他', 'Other'),
  },
  KeyPosition: {
    CHAIRMAN: label('董事长', 'Chairman'),
    DIRECTOR: label('董事', 'Director'),
    SUPERVISOR: label('监事', 'Supervisor'),
    GENERAL_MANAGER: label('经理', 'General manager'),
    OTHER: label('其他', 'Other'),
  },
  OperatingStatusCode: {
    ACTIVE: label('存续（在营、开业、在册）', 'Active'),
    SUSPENDED: label('停业', 'Suspended'),
    REVOKED: label('吊销', 'Licence revoked'),
    DEREGISTERED: label('注销', 'Deregistered'),
    MOVED_OUT: label('迁出', 'Moved out'),
  },
  TaxpayerType: { GENERAL: label('一般纳税人', 'General taxpayer'), SMALL_SCALE: label('小规模纳税人', 'Small-scale taxpayer') },
  TaxRegistrationStatus: { NORMAL: label('正常', 'Normal'), ABNORMAL: label('非正常户', 'Abnormal'), CANCELLED: label('注销', 'Cancelled') },
  SocialInsuranceStatus: { NORMAL: label('正常参保', 'Insured'), SUSPENDED: label('暂停缴费', 'Contributions suspended'), CANCELLED: label('注销', 'Cancelled') },
  AnnualReportStatus: { FILED: label('已公示', 'Filed'), LATE: label('逾期公示', 'Filed late'), NOT_FILED: label('未公示', 'Not filed') },
  PenaltyType: {
    WARNING: label('警告', 'Warning'),
    CIRCULATED_CRITICISM: label('通报批评', 'Circulated criticism'),
    FINE: label('罚款', 'Fine'),
    CONFISCATION: label('没收违法所得、没收非法财物', 'Confiscation'),
    SUSPENSION: label('暂扣许可证件、责令停产停业', 'Suspension'),
    LICENCE_REVOCATION: label('吊销许可证件', 'Licence revocation'),
    DETENTION: label('行政拘留', 'Detention'),
    OTHER: label('其他', 'Other'),
  },
  PenaltySeverity: { MINOR: label('轻微', 'Minor'), GENERAL: label('一般', 'General'), SERIOUS: label('严重', 'Serious') },
  AbnormalOperationReason: {
    ANNUAL_REPORT_NOT_FILED: label('未按规定报送年度报告', 'Annual report not filed'),
    FAILED_TO_DISCLOSE: label('未按规定公示即时信息', 'Failed to disclose'),
    FALSE_DISCLOSURE: label('公示信息隐瞒真实情况、弄虚作假', 'False disclosure'),
    UNREACHABLE_AT_ADDRESS: label('通过登记的住所或者经营场所无法联系', 'Unreachable at the registered address'),
  },
  TaxViolationType: {
    TAX_EVASION: label('逃避缴纳税款', 'Tax evasion'),
    FALSE_INVOICING: label('虚开发票', 'False invoicing'),
    EXPORT_REBATE_FRAUD: label('骗取出口退税', 'Export rebate fraud'),
    TAX_RESISTANCE: label('抗税', 'Tax resistance'),
    OTHER: label('其他', 'Other'),
  },
  PerformanceStatus: { UNPERFORMED: label('全部未履行', 'Not performed'), PARTIALLY_PERFORMED: label('部分未履行', 'Partly performed') },
  CaseType: { CIVIL: label('民事', 'Civil'), COMMERCIAL: label('商事', 'Commercial'), ADMINISTRATIVE: label('行政', 'Administrative'), CRIMINAL: label('刑事', 'Criminal') },
  LitigantRole: { PLAINTIFF: label('原告', 'Plaintiff'), DEFENDANT: label('被告', 'Defendant'), THIRD_PARTY: label('第三人', 'Third party') },
  JudgmentOutcome: { LOST: label('败诉', 'Lost'), WON: label('胜诉', 'Won'), PARTIAL: label('部分胜诉', 'Partly won'), SETTLED: label('调解、和解', 'Settled') },
  LicenceStatus: { VALID: label('有效', 'Valid'), EXPIRED: label('已过期', 'Expired'), REVOKED: label('已撤销', 'Revoked'), SUSPENDED: label('暂停', 'Suspended') },
  QualificationGrade: { SPECIAL: label('特级', 'Special grade'), FIRST: label('一级', 'Grade 1'), SECOND: label('二级', 'Grade 2'), THIRD: label('三级', 'Grade 3') },
  TaxCreditGrade: { A: label('A级', 'Grade A'), B: label('B级', 'Grade B'), M: label('M级', 'Grade M'), C: label('C级', 'Grade C'), D: label('D级', 'Grade D') },
  AwardLevel: { DISTRICT: label('区县级', 'District'), CITY: label('市级', 'City'), PROVINCE: label('省部级', 'Provincial'), NATIONAL: label('国家级', 'National') },
  TrademarkRecognition: { WELL_KNOWN: label('驰名商标', 'Well-known trademark'), FAMOUS: label('著名商标', 'Famous trademark') },
  CertificationStatus: { VALID: label('有效', 'Valid'), SUSPENDED: label('暂停', 'Suspended'), WITHDRAWN: label('撤销', 'Withdrawn'), EXPIRED: label('过期', 'Expired') },
  LabourCreditGrade: { A: label('A级', 'Grade A'), B: label('B级', 'Grade B'), C: label('C级', 'Grade C') },
};

/** Bidder-check verdicts, as a bidding clerk reads them. */
export const VERDICT_LABELS: Readonly<Record<string, ValueLabel>> = {
  ELIGIBLE: label('无限制', 'Eligible'),
  WARN: label('提示关注', 'Warning'),
  DISQUALIFIED: label('不得参与', 'Disqualified'),
  NOT_FOUND: label('未查到该企业', 'Not found'),
};

/** An attribute's value as people read it: an enumerated code (or list of codes) becomes its label; anything else is as given. */
export function valueLabel(indicator: IndicatorSpec, attribute: string, value: unknown, language: 'zh' | 'en' = 'zh'): unknown {
  const enumName = indicator.attributes.find((a) => a.name === attribute)?.enumName;
  const labels = enumName ? ENUM_LABELS[enumName] : undefined;
  if (!labels) return value;
  const one = (v: unknown) => (typeof v === 'string' ? (labels[v]?.[language] ?? v) : v);
  return Array.isArray(value) ? value.map(one) : one(value);
}
