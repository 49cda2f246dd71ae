// The domains (领域) a special credit report (专项信用报告) covers, in place of certificates of no
// violation (无违法违规证明): the enterprise chooses domains and a period; for each the report lists
// the records in the period, or says none were recorded, or names the domain as not covered by
// this system (never as clean). The first four are required in every report (发改财金〔2025〕565号).
import { SPECIAL_REPORT_RULES, type LegalBasis } from './legal-basis';

/** Records of an indicator that fall in a domain: all of them, or those from some agencies, or with some attribute values. */
export interface DomainSource {
  readonly ind: string;
  readonly agencies?: readonly string[];
  readonly where?: Readonly<Record<string, readonly string[]>>;
}

export interface ReportDomain {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Empty: this system does not hold the domain; `notHeld` says why. */
  readonly sources: readonly DomainSource[];
  readonly notHeld?: string;
  /** Part of every special report, whatever the enterprise chooses. */
  readonly required?: boolean;
  /** What is covered and what is not, where only part of the domain is held. */
  readonly note?: string;
}

const fromAgency = (agency: string): DomainSource[] => [
  { ind: 'AD01', agencies: [agency] },
  { ind: 'AD11', agencies: [agency] },
];

export const REPORT_DOMAINS: readonly ReportDomain[] = [
  // a licence or qualification revoked is an administrative penalty too (行政处罚法 art. 9)
  {
    code: 'ADMINISTRATIVE_PENALTIES',
    nameZh: '行政处罚（含简易程序）',
    nameEn: 'Administrative penalties (simplified procedure included)',
    required: true,
    sources: [{ ind: 'AD01' }, { ind: 'AD11' }],
  },
  {
    code: 'ADMINISTRATIVE_COMPULSION',
    nameZh: '行政强制',
    nameEn: 'Administrative compulsion',
    required: true,
    sources: [],
    notHeld: '行政强制措施信息未归集到本系统',
  },
  {
    code: 'SERIOUS_DISHONESTY_LISTS',
    nameZh: '严重失信主体名单',
    nameEn: 'Lists of seriously dishonest entities',
    required: true,
    sources: [{ ind: 'AD03' }, { ind: 'AD05' }, { ind: 'AD07' }, { ind: 'AD08' }],
  },
  {
    code: 'CRIMINAL_JUDGMENTS',
    nameZh: '刑事裁判',
    nameEn: 'Criminal judgments',
    required: true,
    sources: [{ ind: 'AD09', where: { caseType: ['CRIMINAL'], role: ['DEFENDANT'] } }],
    note: '人民法院报送的刑事判决（企业为被告）；公安机关的犯罪记录未归集到本系统',
  },
  { code: 'MARKET_REGULATION', nameZh: '市场监管', nameEn: 'Market regulation', sources: [...fromAgency('aic'), { ind: 'AD02' }, { ind: 'AD03' }] },
  { code: 'TAXATION', nameZh: '税务', nameEn: 'Taxation', sources: [...fromAgency('tax'), { ind: 'AD04' }, { ind: 'AD05' }] },
  { code: 'HUMAN_RESOURCES_SOCIAL_SECURITY', nameZh: '人力资源和社会保障', nameEn: 'Human resources and social security', sources: [...fromAgency('hrss'), { ind: 'AD06' }, { ind: 'AD07' }] },
  { code: 'QUALITY_SUPERVISION', nameZh: '质量技术监督', nameEn: 'Quality supervision', sources: [...fromAgency('quality'), { ind: 'AD10' }] },
  { code: 'HOUSING_CONSTRUCTION', nameZh: '住房和城乡建设', nameEn: 'Housing and construction', sources: [...fromAgency('housing'), { ind: 'AD12', agencies: ['housing'] }] },
  { code: 'CUSTOMS', nameZh: '海关', nameEn: 'Customs', sources: fromAgency('customs') },
  { code: 'PUBLIC_PROCUREMENT_BIDDING', nameZh: '招标投标和政府采购', nameEn: 'Bidding and public procurement', sources: [...fromAgency('finance'), { ind: 'AD12' }] },
  { code: 'ECOLOGY_ENVIRONMENT', nameZh: '生态环境', nameEn: 'Ecology and environment', sources: fromAgency('env') },
  { code: 'COURTS', nameZh: '司法', nameEn: 'Courts', sources: [{ ind: 'AD08' }, { ind: 'AD09' }] },
  { code: 'WORK_SAFETY', nameZh: '安全生产', nameEn: 'Work safety', sources: [], notHeld: '应急管理部门不是本系统成员单位，安全生产信息未归集' },
  { code: 'FIRE_SAFETY', nameZh: '消防安全', nameEn: 'Fire safety', sources: [], notHeld: '消防救援机构不是本系统成员单位，消防安全信息未归集' },
];

/** The longest period one special report covers, in years back from its day of issue (within the five years records are kept). */
export const SPECIAL_REPORT_MAX_YEARS = 5;
export const SPECIAL_REPORT_BASIS: LegalBasis = SPECIAL_REPORT_RULES;
