// Joint reward and punishment (守信联合激励和失信联合惩戒), as data: each scenario of an agency's own
// business lists its measures; each measure names the records that trigger it (an indicator and a
// rule form shared with the bidding rules), what it does, and its legal basis (document and
// article). The tendering scenario carries BR01–BR12 over unchanged, so it gives the bidder
// check's verdicts on the same data.
import { createHash } from 'node:crypto';
import {
  BIDDING_LAW,
  BIDDING_LAW_REGULATIONS,
  COMPANY_LAW_2023,
  DISHONEST_DEBTOR_RULES,
  ENTERPRISE_DISCLOSURE_REGULATIONS,
  JOINT_INCENTIVES_2016,
  PROCUREMENT_LAW,
  PROCUREMENT_REGULATIONS,
  type LegalBasis,
} from '../catalogue/legal-basis';
import { RULE_LOGIC, RULE_SET_VERSION, type RuleLogic } from '../bidding/rules';

export type MeasureKind = 'RESTRICTION' | 'INCENTIVE';

/** What a measure does: restrictions from the strongest, then incentives. */
export type MeasureEffect = 'EXCLUDE' | 'RESTRICT' | 'HEIGHTENED_SCRUTINY' | 'NO_SIMPLIFIED_PROCEDURE' | 'GREEN_CHANNEL' | 'ACCEPT_WITH_DEFICIENCIES' | 'FEWER_INSPECTIONS' | 'PRIORITY';

/** Whose persons a person rule reads: the legal representative (ID02), or key persons (ID04) too. */
export type PersonScope = 'LEGAL_REPRESENTATIVE' | 'LEGAL_REPRESENTATIVE_AND_KEY_PERSONS';

/** The rule forms of the bidding rules, and two for incentives. */
export type TriggerLogic =
  | Exclude<RuleLogic, { kind: 'PERSON_ACTIVE_ENTRY' }>
  | { readonly kind: 'PERSON_ACTIVE_ENTRY'; readonly persons: PersonScope }
  /** The newest record (by `orderBy`) has one of `values` in `field` (a tax credit grade A). */
  | { readonly kind: 'LATEST_VALUE_IN'; readonly orderBy: string; readonly field: string; readonly values: readonly string[] }
  /** A record of a year no more than `years` before the check's year (an award). */
  | { readonly kind: 'YEAR_WITHIN'; readonly yearField: string; readonly years: number };

export interface MeasureSpec {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: MeasureKind;
  readonly effect: MeasureEffect;
  readonly indicator: string;
  readonly trigger: TriggerLogic;
  readonly basis: LegalBasis;
  /** The article(s) of `basis` the measure rests on. */
  readonly article: string;
  /** The bidding rule it carries over (tendering). */
  readonly bidderRule?: string;
}

export interface ScenarioSpec {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Who runs checks of this scenario: any of these roles, or members of these agencies (credit administrators always). */
  readonly owners: { readonly roles: readonly string[]; readonly agencies: readonly string[] };
  /** Whether a check takes a required qualification (RP02). */
  readonly takesQualification: boolean;
  readonly measures: readonly MeasureSpec[];
}

const logicOf = (rule: string): RuleLogic => {
  const logic = RULE_LOGIC[rule];
  if (!logic) throw new Error(`no logic for ${rule}`);
  return logic;
};

/** A bidding rule as a tendering measure: DISQUALIFIED excludes, WARN heightens scrutiny. */
function fromBiddingRule(rule: string, indicator: string, effect: 'EXCLUDE' | 'HEIGHTENED_SCRUTINY', nameZh: string, nameEn: string, basis: LegalBasis, article: string): MeasureSpec {
  const logic = logicOf(rule);
  const trigger: TriggerLogic = logic.kind === 'PERSON_ACTIVE_ENTRY' ? { kind: 'PERSON_ACTIVE_ENTRY', persons: 'LEGAL_REPRESENTATIVE' } : logic;
  return { code: `TENDERING.${rule}`, nameZh, nameEn, kind: 'RESTRICTION', effect, indicator, trigger, basis, article, bidderRule: rule };
}

const ACTIVE: TriggerLogic = { kind: 'ACTIVE_ENTRY' };
const SERIOUS_PENALTY_3Y: TriggerLogic = { kind: 'DATED_WITHIN', dateField: 'decidedOn', periods: { SERIOUS: 'P3Y' } };
const REVOKED_3Y: TriggerLogic = { kind: 'DATED_WITHIN', dateField: 'revokedOn', periods: { ALL: 'P3Y' } };

function measure(code: string, m: Omit<MeasureSpec, 'code' | 'kind'> & { kind?: MeasureKind }): MeasureSpec {
  return { code, kind: m.kind ?? 'RESTRICTION', ...m };
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  {
    code: 'TENDERING',
    nameZh: '招标投标',
    nameEn: 'Tendering',
    owners: { roles: ['credit-bidding', 'credit-member'], agencies: [] },
    takesQualification: true,
    measures: [
      fromBiddingRule('BR01', 'AD08', 'EXCLUDE', '限制参与投标：失信被执行人', 'No bidding: dishonest judgment debtor', DISHONEST_DEBTOR_RULES, '第六条'),
      fromBiddingRule('BR02', 'AD08', 'EXCLUDE', '限制参与投标：法定代表人为失信被执行人', 'No bidding: legal representative a dishonest judgment debtor', DISHONEST_DEBTOR_RULES, '第六条'),
      fromBiddingRule('BR03', 'AD03', 'EXCLUDE', '禁止参与工程招投标：严重违法失信名单', 'No bidding: serious violation list', ENTERPRISE_DISCLOSURE_REGULATIONS, '第十八条'),
      fromBiddingRule('BR04', 'AD05', 'EXCLUDE', '限制参与公共资源交易：重大税收违法失信', 'No bidding: major tax violation', JOINT_INCENTIVES_2016, '（联合惩戒：限制参与有关公共资源交易活动）'),
      fromBiddingRule('BR05', 'AD12', 'EXCLUDE', '取消投标资格期间', 'Bidding ban in force', BIDDING_LAW_REGULATIONS, '第六十七条、第六十八条；招标投标法第五十三条'),
      fromBiddingRule(
        'BR06',
        'AD07',
        'EXCLUDE',
        '限制参与公共资源交易：拖欠农民工工资失信',
        'No bidding: wage arrears dishonesty list',
        JOINT_INCENTIVES_2016,
        '（联合惩戒：限制参与有关公共资源交易活动）',
      ),
      fromBiddingRule('BR07', 'ID07', 'EXCLUDE', '不具备投标主体资格：非存续', 'Not a bidder: not in operation', BIDDING_LAW, '第二十五条'),
      fromBiddingRule('BR08', 'RP02', 'EXCLUDE', '不具备规定的资格条件', 'Lacks the required qualification', BIDDING_LAW, '第二十六条'),
      fromBiddingRule('BR09', 'AD02', 'HEIGHTENED_SCRUTINY', '重点审查：经营异常名录', 'Scrutiny: abnormal operations list', ENTERPRISE_DISCLOSURE_REGULATIONS, '第十八条'),
      fromBiddingRule(
        'BR10',
        'AD01',
        'HEIGHTENED_SCRUTINY',
        '重点审查：近期行政处罚',
        'Scrutiny: recent administrative penalty',
        ENTERPRISE_DISCLOSURE_REGULATIONS,
        '第十八条（企业信息作为重要考量因素）',
      ),
      fromBiddingRule('BR11', 'AD04', 'HEIGHTENED_SCRUTINY', '重点审查：欠税未清缴', 'Scrutiny: tax arrears', ENTERPRISE_DISCLOSURE_REGULATIONS, '第十八条（企业信息作为重要考量因素）'),
      fromBiddingRule(
        'BR12',
        'AD10',
        'HEIGHTENED_SCRUTINY',
        '重点审查：产品质量抽查不合格',
        'Scrutiny: failed quality inspection',
        ENTERPRISE_DISCLOSURE_REGULATIONS,
        '第十八条（企业信息作为重要考量因素）',
      ),
    ],
  },
  {
    code: 'GOVERNMENT_PROCUREMENT',
    nameZh: '政府采购',
    nameEn: 'Government procurement',
    owners: { roles: ['credit-bidding'], agencies: ['finance'] },
    takesQualification: false,
    measures: [
      measure('GOVERNMENT_PROCUREMENT.MAJOR_PENALTY', {
        nameZh: '不得参加政府采购：前三年内重大违法记录（严重行政处罚）',
        nameEn: 'No procurement: major violation (serious penalty) in 3 years',
        effect: 'EXCLUDE',
        indicator: 'AD01',
        trigger: SERIOUS_PENALTY_3Y,
        basis: PROCUREMENT_LAW,
        article: '第二十二条第一款第五项；实施条例第十九条',
      }),
      measure('GOVERNMENT_PROCUREMENT.REVOCATION', {
        nameZh: '不得参加政府采购：前三年内吊销许可证或者执照',
        nameEn: 'No procurement: licence revoked in 3 years',
        effect: 'EXCLUDE',
        indicator: 'AD11',
        trigger: REVOKED_3Y,
        basis: PROCUREMENT_REGULATIONS,
        article: '第十九条',
      }),
      measure('GOVERNMENT_PROCUREMENT.DEBTOR', {
        nameZh: '限制参与政府采购：失信被执行人',
        nameEn: 'No procurement: dishonest judgment debtor',
        effect: 'EXCLUDE',
        indicator: 'AD08',
        trigger: ACTIVE,
        basis: DISHONEST_DEBTOR_RULES,
        article: '第六条',
      }),
      measure('GOVERNMENT_PROCUREMENT.SERIOUS_LIST', {
        nameZh: '禁入政府采购：严重违法失信名单',
        nameEn: 'No procurement: serious violation list',
        effect: 'EXCLUDE',
        indicator: 'AD03',
        trigger: ACTIVE,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条',
      }),
      measure('GOVERNMENT_PROCUREMENT.ABNORMAL', {
        nameZh: '限制参与政府采购：经营异常名录',
        nameEn: 'Restricted: abnormal operations list',
        effect: 'RESTRICT',
        indicator: 'AD02',
        trigger: ACTIVE,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条',
      }),
    ],
  },
  {
    code: 'FISCAL_SUBSIDY',
    nameZh: '财政资金补贴',
    nameEn: 'Fiscal subsidies',
    owners: { roles: [], agencies: ['finance', 'hrss', 'aic'] },
    takesQualification: false,
    measures: [
      measure('FISCAL_SUBSIDY.DEBTOR', {
        nameZh: '限制获得政府扶持：失信被执行人',
        nameEn: 'No subsidy: dishonest judgment debtor',
        effect: 'EXCLUDE',
        indicator: 'AD08',
        trigger: ACTIVE,
        basis: DISHONEST_DEBTOR_RULES,
        article: '第六条（政府扶持）',
      }),
      measure('FISCAL_SUBSIDY.SERIOUS_LIST', {
        nameZh: '限制申请财政性资金项目：严重违法失信名单',
        nameEn: 'No subsidy: serious violation list',
        effect: 'EXCLUDE',
        indicator: 'AD03',
        trigger: ACTIVE,
        basis: JOINT_INCENTIVES_2016,
        article: '（联合惩戒：严格限制申请财政性资金项目）',
      }),
      measure('FISCAL_SUBSIDY.WAGE_ARREARS', {
        nameZh: '限制申请财政性资金项目：拖欠农民工工资失信',
        nameEn: 'Restricted: wage arrears dishonesty list',
        effect: 'RESTRICT',
        indicator: 'AD07',
        trigger: ACTIVE,
        basis: JOINT_INCENTIVES_2016,
        article: '（联合惩戒：严格限制申请财政性资金项目）',
      }),
      measure('FISCAL_SUBSIDY.TAX_A', {
        kind: 'INCENTIVE',
        nameZh: '同等条件下优先：纳税信用A级',
        nameEn: 'Priority: tax credit grade A',
        effect: 'PRIORITY',
        indicator: 'RP03',
        trigger: { kind: 'LATEST_VALUE_IN', orderBy: 'year', field: 'grade', values: ['A'] },
        basis: JOINT_INCENTIVES_2016,
        article: '（守信联合激励）',
      }),
    ],
  },
  {
    code: 'HONOURS',
    nameZh: '评先评优',
    nameEn: 'Honours and awards',
    owners: { roles: ['credit-member'], agencies: [] },
    takesQualification: false,
    measures: [
      measure('HONOURS.SERIOUS_LIST', {
        nameZh: '禁止授予荣誉称号：严重违法失信名单',
        nameEn: 'No honour: serious violation list',
        effect: 'EXCLUDE',
        indicator: 'AD03',
        trigger: ACTIVE,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条（授予荣誉称号）',
      }),
      measure('HONOURS.ABNORMAL', {
        nameZh: '限制授予荣誉称号：经营异常名录',
        nameEn: 'Restricted: abnormal operations list',
        effect: 'RESTRICT',
        indicator: 'AD02',
        trigger: ACTIVE,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条（授予荣誉称号）',
      }),
      measure('HONOURS.SERIOUS_PENALTY', {
        nameZh: '重点审查：三年内严重行政处罚',
        nameEn: 'Scrutiny: serious penalty in 3 years',
        effect: 'HEIGHTENED_SCRUTINY',
        indicator: 'AD01',
        trigger: SERIOUS_PENALTY_3Y,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条（企业信息作为重要考量因素）',
      }),
    ],
  },
  {
    code: 'ADMINISTRATIVE_LICENSING',
    nameZh: '行政许可审批',
    nameEn: 'Administrative licensing',
    owners: { roles: ['credit-member'], agencies: [] },
    takesQualification: false,
    measures: [
      measure('ADMINISTRATIVE_LICENSING.DEBTOR', {
        nameZh: '重点审查：失信被执行人',
        nameEn: 'Scrutiny: dishonest judgment debtor',
        effect: 'HEIGHTENED_SCRUTINY',
        indicator: 'AD08',
        trigger: ACTIVE,
        basis: DISHONEST_DEBTOR_RULES,
        article: '第六条（行政审批、市场准入、资质认定）',
      }),
      measure('ADMINISTRATIVE_LICENSING.SERIOUS_LIST', {
        nameZh: '不适用告知承诺等便利措施：严重违法失信名单',
        nameEn: 'No simplified procedure: serious violation list',
        effect: 'NO_SIMPLIFIED_PROCEDURE',
        indicator: 'AD03',
        trigger: ACTIVE,
        basis: JOINT_INCENTIVES_2016,
        article: '（联合惩戒：从严审核行政许可审批项目）',
      }),
      measure('ADMINISTRATIVE_LICENSING.TAX_A', {
        kind: 'INCENTIVE',
        nameZh: '绿色通道：纳税信用A级',
        nameEn: 'Green channel: tax credit grade A',
        effect: 'GREEN_CHANNEL',
        indicator: 'RP03',
        trigger: { kind: 'LATEST_VALUE_IN', orderBy: 'year', field: 'grade', values: ['A'] },
        basis: JOINT_INCENTIVES_2016,
        article: '（守信联合激励：行政审批绿色通道）',
      }),
      measure('ADMINISTRATIVE_LICENSING.CONTRACT_TRUSTWORTHY', {
        kind: 'INCENTIVE',
        nameZh: '容缺受理：守合同重信用企业（两年内）',
        nameEn: 'Accepted with deficiencies: contract-trustworthy award (2 years)',
        effect: 'ACCEPT_WITH_DEFICIENCIES',
        indicator: 'RP04',
        trigger: { kind: 'YEAR_WITHIN', yearField: 'awardYear', years: 2 },
        basis: JOINT_INCENTIVES_2016,
        article: '（守信联合激励：容缺受理）',
      }),
    ],
  },
  {
    code: 'STATE_LAND_TRANSFER',
    nameZh: '国有土地出让',
    nameEn: 'State land transfers',
    owners: { roles: [], agencies: ['housing', 'finance'] },
    takesQualification: false,
    measures: [
      measure('STATE_LAND_TRANSFER.SERIOUS_LIST', {
        nameZh: '禁入国有土地出让：严重违法失信名单',
        nameEn: 'No land transfer: serious violation list',
        effect: 'EXCLUDE',
        indicator: 'AD03',
        trigger: ACTIVE,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条（国有土地出让）',
      }),
      measure('STATE_LAND_TRANSFER.ABNORMAL', {
        nameZh: '限制参与国有土地出让：经营异常名录',
        nameEn: 'Restricted: abnormal operations list',
        effect: 'RESTRICT',
        indicator: 'AD02',
        trigger: ACTIVE,
        basis: ENTERPRISE_DISCLOSURE_REGULATIONS,
        article: '第十八条（国有土地出让）',
      }),
    ],
  },
  {
    code: 'OFFICE_HOLDING',
    nameZh: '担任法定代表人或高管',
    nameEn: 'Holding office',
    owners: { roles: [], agencies: ['aic'] },
    takesQualification: false,
    measures: [
      measure('OFFICE_HOLDING.DEBTOR_PERSON', {
        nameZh: '不得担任董事、监事、高级管理人员：失信被执行人',
        nameEn: 'May not hold office: dishonest judgment debtor',
        effect: 'EXCLUDE',
        indicator: 'AD08',
        // the legal representative (ID02) and the key persons (ID04), by keyed ID hash
        trigger: { kind: 'PERSON_ACTIVE_ENTRY', persons: 'LEGAL_REPRESENTATIVE_AND_KEY_PERSONS' },
        basis: COMPANY_LAW_2023,
        article: '第一百七十八条第一款第五项',
      }),
    ],
  },
];

export function scenarioByCode(code: string): ScenarioSpec | undefined {
  return SCENARIOS.find((s) => s.code === code);
}

/** The version a check names: the bidding rules' version (rules, logic, display periods) with the scenarios hashed in. */
export const JOINT_RULE_SET_VERSION = `${RULE_SET_VERSION}.${createHash('sha256').update(JSON.stringify(SCENARIOS)).digest('hex').slice(0, 6)}`;
