// Deterministic demo enterprises: enterprise `i` of a data set depends only on the seed and i,
// so any size (up to millions) is generated as a stream and any enterprise can be re-derived.
import { CITY_REGION, districtRegions, INDICATORS, REGIONS, SUBGRAPH_OF } from '../../schema/catalogue';
import { registrationNoCheckDigit, residentIdCheckChar, usccCheckChar } from '../../schema/identifiers';
import { personHash } from '../../schema/person-hash';
import type { EnterpriseEntry, NewRecord } from '../../storage/port';
import type { SubgraphName } from '../../subgraphs/index';
import { addDays, moneyFromFen, Random } from './random';
import { GIVEN, INDUSTRIES, QUALIFICATION_TYPES, STREETS, SUFFIXES, SURNAMES, TRADE_NAMES, VIOLATIONS } from './vocabulary';

/** Dates are drawn relative to this day, so the data set is the same whenever it is generated. */
export const DEMO_ANCHOR = '2026-06-30';
export const DEFAULT_SEED = 20260630;

export interface DemoOptions {
  readonly seed: number;
  readonly size: number;
  readonly personHashKey: string;
}

export interface DemoEnterprise {
  readonly directory: EnterpriseEntry;
  readonly records: Record<SubgraphName, NewRecord[]>;
}

export interface DemoPerson {
  readonly name: string;
  readonly idNumber: string;
}

const DISTRICTS = districtRegions();
const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name.replace(/(区|县|自治县|土家族自治县|土家族苗族自治县|苗族土家族自治县)$/, '')]));
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function usccOf(region: string, index: number): string {
  // positions 9–17: an organisation code derived from the index, unique within the data set
  let n = index;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = (ORG_ALPHABET[n % 31] ?? '0') + org;
    n = Math.floor(n / 31);
  }
  const first17 = `91${region}${org}`;
  return first17 + usccCheckChar(first17);
}

export function regionOf(seed: number, index: number): string {
  return Random.forItem(seed, index).pick(DISTRICTS);
}

/** The USCC of enterprise `index`, without generating the rest of it (for benchmarks). */
export function demoUscc(seed: number, index: number): string {
  return usccOf(regionOf(seed, index), index);
}

export function demoPerson(seed: number, index: number): DemoPerson {
  const rng = Random.forItem(seed ^ 0x5a5a5a, index);
  const region = rng.pick(DISTRICTS.filter((r) => !r.startsWith('50019')));
  const birth = addDays('1960-01-01', rng.int(0, 40 * 365));
  const first17 = `${region}${birth.replace(/-/g, '')}${String(rng.int(0, 999)).padStart(3, '0')}`;
  return { name: rng.pick(SURNAMES) + rng.pick(GIVEN), idNumber: first17 + residentIdCheckChar(first17) };
}

/** Whether person `index` is a listed dishonest judgment debtor (about 1.5 %). */
function personIsDishonest(seed: number, index: number): boolean {
  return Random.forItem(seed ^ 0x7e7e7e, index).chance(0.015);
}

const SUBGRAPH_BY_CODE = new Map(INDICATORS.map((i) => [i.code, SUBGRAPH_OF[i.category]]));

/** One enterprise being generated: its facts so far, its random stream and how a record is added. */
interface Draft {
  readonly options: DemoOptions;
  readonly index: number;
  readonly rng: Random;
  readonly uscc: string;
  readonly region: string;
  readonly name: string;
  readonly industry: (typeof INDUSTRIES)[number];
  readonly established: string;
  readonly registrationNo: string | undefined;
  readonly records: Record<SubgraphName, NewRecord[]>;
  readonly add: (code: string, agency: string, data: Record<string, unknown>, extra?: Partial<NewRecord>) => void;
  /** A date between `minDaysAgo` and `maxDaysAgo` before the demo's anchor day. */
  readonly date: (minDaysAgo: number, maxDaysAgo: number) => string;
  /** An amount of whole yuan between `min` and `max`. */
  readonly fen: (min: number, max: number) => string;
}

/** Registration, people, branches, changes, status, tax and insurance registration, annual reports. */
function identityRecords(d: Draft): void {
  const { options, index, rng, uscc, region, name, industry, established, registrationNo, add, date, fen } = d;
  const { seed, size } = options;
  // Identity
  add('ID01', 'aic', {
    uscc,
    registrationNo,
    name,
    enterpriseType: rng.pick(['LIMITED_LIABILITY', 'LIMITED_LIABILITY', 'LIMITED_LIABILITY', 'JOINT_STOCK', 'SOLE_PROPRIETORSHIP', 'STATE_OWNED']),
    address: `重庆市${REGION_NAMES.get(region) ?? ''}${rng.pick(STREETS)}路${rng.int(1, 999)}号`,
    region,
    registeredCapital: fen(10_000, 50_000_000),
    establishedOn: established,
    businessTermFrom: established,
    businessTermTo: rng.chance(0.6) ? undefined : addDays(established, 30 * 365),
    businessScope: industry.scope,
    industryCode: industry.code,
    registrationAuthority: `重庆市${REGION_NAMES.get(region) ?? ''}市场监督管理局`,
  });
  // About one in ten people represents more than one enterprise.
  const repIndex = rng.int(0, Math.max(0, Math.floor(size * 0.9) - 1));
  const rep = demoPerson(seed, repIndex);
  const repHash = personHash(options.personHashKey, rep.idNumber);
  add('ID02', 'aic', { name: rep.name, idType: 'RESIDENT_ID', idNumber: rep.idNumber, since: established }, { personHash: repHash });
  const person = (p: { idNumber: string }) => ({ idType: 'RESIDENT_ID', idNumber: p.idNumber });
  add(
    'ID03',
    'aic',
    { name: rep.name, holderType: 'NATURAL_PERSON', ...person(rep), subscribedAmount: fen(10_000, 1_000_000), paidAmount: fen(10_000, 500_000), contributionMethod: 'CASH', subscribedOn: established },
    { personHash: repHash },
  );
  if (rng.chance(0.4)) {
    const holder = demoPerson(seed, rng.int(0, size));
    add(
      'ID03',
      'aic',
      { name: holder.name, holderType: 'NATURAL_PERSON', ...person(holder), subscribedAmount: fen(10_000, 500_000), contributionMethod: 'CASH', subscribedOn: established },
      { personHash: personHash(options.personHashKey, holder.idNumber) },
    );
  }
  add('ID04', 'aic', { name: rep.name, position: 'CHAIRMAN', ...person(rep) }, { personHash: repHash });
  const manager = demoPerson(seed, rng.int(0, size));
  add('ID04', 'aic', { name: manager.name, position: 'GENERAL_MANAGER', ...person(manager) }, { personHash: personHash(options.personHashKey, manager.idNumber) });
  if (rng.chance(0.1)) {
    const branchIndex = size + index;
    const branchRegion = rng.pick(DISTRICTS);
    add('ID05', 'aic', { branchUscc: usccOf(branchRegion, branchIndex), name: `${name}${REGION_NAMES.get(branchRegion) ?? ''}分公司`, region: branchRegion, establishedOn: date(30, 2000) });
  }
  for (let c = rng.int(0, 3); c > 0; c--) add('ID06', 'aic', { changedOn: date(10, 3000), item: rng.pick(['住所变更', '经营范围变更', '注册资本变更', '法定代表人变更']), before: '—', after: '—' });
  const status = rng.chance(0.96) ? 'ACTIVE' : rng.pick(['SUSPENDED', 'REVOKED', 'DEREGISTERED', 'MOVED_OUT']);
  add('ID07', 'aic', { status, effectiveOn: status === 'ACTIVE' ? established : date(10, 1500), reason: status === 'ACTIVE' ? undefined : '依法处理' });
  if (rng.chance(0.95))
    add('ID08', 'tax', {
      taxpayerType: rng.pick(['GENERAL', 'SMALL_SCALE']),
      taxAuthority: `国家税务总局重庆市${REGION_NAMES.get(region) ?? ''}税务局`,
      registeredOn: addDays(established, 20),
      status: rng.chance(0.97) ? 'NORMAL' : 'ABNORMAL',
    });
  if (rng.chance(0.9)) add('ID09', 'hrss', { insuranceNo: `SI${uscc.slice(8, 17)}`, registeredOn: addDays(established, 30), status: 'NORMAL' });
  for (const year of [2023, 2024, 2025]) {
    const filed = rng.chance(0.92);
    add('ID10', 'aic', {
      year,
      filedOn: filed ? `${year + 1}-0${rng.int(1, 6)}-1${rng.int(0, 9)}` : undefined,
      status: filed ? 'FILED' : 'NOT_FILED',
      contactPhone: `023-${rng.int(60000000, 69999999)}`,
    });
  }
}

/** Adverse records: most enterprises have none; some natural persons are listed dishonest debtors. */
function adverseRecords(d: Draft): void {
  const { options, index, rng, region, records, add, date, fen } = d;
  const { seed, size } = options;
  // Adverse: most enterprises are clean.
  if (rng.chance(0.08)) {
    const severity = rng.pick(['MINOR', 'GENERAL', 'GENERAL', 'SERIOUS']);
    const agency = rng.pick(['aic', 'tax', 'quality', 'env', 'housing']);
    add('AD01', agency, {
      decisionNo: `渝${agency}罚〔${2020 + rng.int(0, 6)}〕${rng.int(1, 9999)}号`,
      decidedOn: date(5, 5 * 365),
      authority: `重庆市${REGION_NAMES.get(region) ?? ''}执法机关`,
      violation: rng.pick(VIOLATIONS),
      basis: '《中华人民共和国行政处罚法》',
      penaltyTypes: severity === 'MINOR' ? ['WARNING'] : ['FINE'],
      fineAmount: severity === 'MINOR' ? undefined : fen(1_000, 500_000),
      severity,
    });
  }
  if (rng.chance(0.03)) add('AD02', 'aic', { listedOn: date(30, 4 * 365), reason: 'ANNUAL_REPORT_NOT_FILED', listedBy: '重庆市市场监督管理局', removedOn: rng.chance(0.4) ? date(0, 29) : undefined });
  if (rng.chance(0.005)) add('AD03', 'aic', { listedOn: date(30, 3 * 365), reason: '列入经营异常名录届满3年仍未履行相关义务', listedBy: '重庆市市场监督管理局' });
  if (rng.chance(0.015))
    add('AD04', 'tax', { announcedOn: date(10, 2 * 365), taxType: rng.pick(['增值税', '企业所得税']), arrearsAmount: fen(5_000, 2_000_000), clearedOn: rng.chance(0.3) ? date(0, 9) : undefined });
  if (rng.chance(0.003))
    add('AD05', 'tax', {
      caseNo: `渝税稽〔${rng.int(2020, 2026)}〕${rng.int(1, 999)}号`,
      announcedOn: date(10, 4 * 365),
      violationType: rng.pick(['TAX_EVASION', 'FALSE_INVOICING']),
      amountInvolved: fen(100_000, 10_000_000),
    });
  if (rng.chance(0.01)) add('AD06', 'hrss', { periodFrom: '2025-01-01', periodTo: '2025-06-30', arrearsAmount: fen(10_000, 300_000), determinedOn: date(10, 300) });
  if (rng.chance(0.004)) {
    const listedOn = date(30, 2 * 365);
    add('AD07', 'hrss', { listedOn, amountOwed: fen(50_000, 3_000_000), workersAffected: rng.int(5, 200), listedUntil: addDays(listedOn, 3 * 365) });
  }
  if (rng.chance(0.01))
    add('AD08', 'court', {
      caseNo: `(${rng.int(2021, 2026)})渝0${rng.int(101, 156)}执${rng.int(1, 9999)}号`,
      court: `重庆市${REGION_NAMES.get(region) ?? ''}人民法院`,
      filedOn: date(200, 900),
      publishedOn: date(30, 199),
      obligation: '支付货款及利息',
      performance: 'UNPERFORMED',
      conduct: '有履行能力而拒不履行生效法律文书确定义务',
    });
  if (rng.chance(0.06))
    add('AD09', 'court', {
      caseNo: `(${rng.int(2020, 2026)})渝0${rng.int(101, 156)}民初${rng.int(1, 9999)}号`,
      court: `重庆市${REGION_NAMES.get(region) ?? ''}人民法院`,
      caseType: 'COMMERCIAL',
      role: rng.pick(['PLAINTIFF', 'DEFENDANT']),
      cause: '买卖合同纠纷',
      judgedOn: date(10, 5 * 365),
      outcome: rng.pick(['LOST', 'WON', 'PARTIAL', 'SETTLED']),
      amount: fen(10_000, 5_000_000),
    });
  if (rng.chance(0.01))
    add('AD10', 'quality', {
      inspectedOn: date(10, 2 * 365),
      product: '电线电缆',
      batchNo: `B${rng.int(1000, 9999)}`,
      failedItems: ['导体电阻'],
      authority: '重庆市市场监督管理局',
      disposition: '责令整改',
    });
  if (rng.chance(0.003))
    add('AD11', 'housing', {
      licenceNo: `D${rng.int(100000000, 999999999)}`,
      licenceName: '建筑业企业资质证书',
      revokedOn: date(10, 3 * 365),
      authority: '重庆市住房和城乡建设委员会',
      reason: '发生重大安全事故',
    });
  if (rng.chance(0.005)) {
    const banFrom = date(10, 3 * 365);
    add('AD12', rng.pick(['housing', 'finance']), {
      decidedOn: banFrom,
      project: '某道路改造工程',
      violation: '串通投标',
      authority: '重庆市公共资源交易监督管理局',
      banFrom,
      banUntil: addDays(banFrom, 365 * rng.int(1, 3)),
    });
  }
  // Natural persons on the dishonest debtor list are emitted once, with the enterprise of the same index.
  if (index < Math.floor(size * 0.9) && personIsDishonest(seed, index)) {
    const person = demoPerson(seed, index);
    const hash = personHash(options.personHashKey, person.idNumber);
    records.adverse.push({
      uscc: null,
      ind: 'AD08',
      agency: 'court',
      agencyRegion: CITY_REGION,
      personHash: hash,
      data: {
        caseNo: `(2025)渝01执${10000 + (index % 90000)}号`,
        court: '重庆市第一中级人民法院',
        filedOn: addDays(DEMO_ANCHOR, -400),
        publishedOn: addDays(DEMO_ANCHOR, -300),
        obligation: '偿还借款本息',
        performance: 'UNPERFORMED',
      },
      naturalKey: [`(2025)渝01执${10000 + (index % 90000)}号`],
    });
  }
}

/** Licences, grades, ratings, awards and certifications. */
function reputationRecords(d: Draft): void {
  const { rng, uscc, name, industry, add, date } = d;
  // Reputation
  if (rng.chance(0.6))
    add('RP01', rng.pick(['aic', 'env', 'housing']), {
      licenceNo: `L${uscc.slice(8, 17)}`,
      licenceName: rng.pick(['食品经营许可证', '排污许可证', '安全生产许可证']),
      issuedOn: date(100, 2000),
      validUntil: addDays(DEMO_ANCHOR, rng.int(-100, 1500)),
      authority: '重庆市行政审批机关',
      status: 'VALID',
    });
  if (industry.word.startsWith('建') || rng.chance(0.05)) {
    add('RP02', 'housing', {
      certificateNo: `D${uscc.slice(8, 17)}`,
      qualificationType: rng.pick(QUALIFICATION_TYPES),
      grade: rng.pick(['SPECIAL', 'FIRST', 'SECOND', 'SECOND', 'THIRD', 'THIRD']),
      issuedOn: date(100, 1500),
      validUntil: addDays(DEMO_ANCHOR, rng.int(-200, 1500)),
      authority: '重庆市住房和城乡建设委员会',
    });
  }
  if (rng.chance(0.9)) for (const year of [2023, 2024, 2025]) add('RP03', 'tax', { year, grade: rng.pick(['A', 'B', 'B', 'M', 'C', 'D']), evaluatedOn: `${year + 1}-04-15` });
  if (rng.chance(0.05)) add('RP04', 'aic', { awardYear: rng.int(2020, 2025), level: rng.pick(['DISTRICT', 'CITY']), authority: '重庆市市场监督管理局' });
  if (rng.chance(0.01))
    add('RP05', 'aic', {
      trademarkNo: String(rng.int(1000000, 9999999)),
      mark: name.slice(2, 5),
      niceClass: rng.int(1, 45),
      recognisedOn: date(100, 3000),
      recognition: rng.pick(['WELL_KNOWN', 'FAMOUS']),
    });
  if (rng.chance(0.02)) add('RP06', 'quality', { award: '重庆名牌产品', product: industry.word, awardedOn: date(100, 2000), authority: '重庆市质量技术监督局' });
  if (rng.chance(0.04)) add('RP07', rng.pick(['tax', 'hrss', 'aic']), { title: '诚信经营示范单位', awardedOn: date(100, 2000), authority: '重庆市人民政府', level: 'CITY' });
  if (rng.chance(0.2))
    add('RP08', 'quality', {
      certificateNo: `CQC${uscc.slice(10, 17)}`,
      standard: rng.pick(['ISO 9001', 'ISO 14001', 'CCC']),
      certifiedBy: '中国质量认证中心',
      issuedOn: date(100, 1500),
      validUntil: addDays(DEMO_ANCHOR, rng.int(-100, 1000)),
      status: 'VALID',
    });
  if (rng.chance(0.5)) for (const year of [2024, 2025]) add('RP09', 'hrss', { year, grade: rng.pick(['A', 'A', 'B', 'C']), evaluatedOn: `${year + 1}-03-31` });
}

/** Three years of figures, in fen so no float ever touches an amount. */
function economicRecords(d: Draft): void {
  const { index, rng, add } = d;
  // Economic: three years of figures, in fen so no float ever touches an amount.
  let assets = rng.int(1_000_000, 500_000_000) * 100;
  for (const year of [2023, 2024, 2025]) {
    assets = Math.round(assets * (0.9 + rng.next() * 0.3));
    const liabilities = Math.round(assets * (0.2 + rng.next() * 0.7));
    const revenue = Math.round(assets * (0.3 + rng.next() * 1.5));
    const profit = Math.round(revenue * (rng.next() * 0.2 - 0.05));
    add('EC01', 'aic', { year, amount: moneyFromFen(assets) });
    add('EC02', 'aic', { year, amount: moneyFromFen(liabilities) });
    add('EC03', 'aic', { year, amount: moneyFromFen(assets - liabilities) });
    add('EC04', 'aic', { year, amount: moneyFromFen(revenue) });
    add('EC05', 'aic', { year, amount: moneyFromFen(profit) });
    add('EC06', 'tax', { year, amount: moneyFromFen(Math.max(0, Math.round(revenue * 0.03))) });
    add('EC07', 'hrss', { year, count: rng.int(3, 2000) });
    if (index % 10 === 0) add('EC08', 'customs', { year, importAmount: moneyFromFen(Math.round(revenue * 0.1)), exportAmount: moneyFromFen(Math.round(revenue * 0.2)) });
  }
}

export function generateEnterprise(options: DemoOptions, index: number): DemoEnterprise {
  const { seed } = options;
  const rng = Random.forItem(seed, index);
  const region = rng.pick(DISTRICTS);
  const uscc = usccOf(region, index);
  const industry = INDUSTRIES[index % INDUSTRIES.length] as (typeof INDUSTRIES)[number];
  const name = `重庆${REGION_NAMES.get(region) ?? ''}${rng.pick(TRADE_NAMES)}${rng.pick(TRADE_NAMES)}${industry.word}${rng.pick(SUFFIXES)}`;
  const established = addDays(DEMO_ANCHOR, -rng.int(200, 25 * 365));
  const regNoPrefix = `${region}${String(index % 1e8).padStart(8, '0')}`;
  const registrationNo = rng.chance(0.8) ? regNoPrefix + registrationNoCheckDigit(regNoPrefix) : undefined;
  const records: Record<SubgraphName, NewRecord[]> = { identity: [], adverse: [], reputation: [], economic: [] };
  const cityLevel = rng.chance(0.5);

  const add: Draft['add'] = (code, agency, data, extra = {}) => {
    const ind = INDICATORS.find((i) => i.code === code);
    const subgraph = SUBGRAPH_BY_CODE.get(code);
    if (!ind || !subgraph) throw new Error(`unknown indicator ${code}`);
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    records[subgraph].push({
      uscc,
      ind: code,
      agency,
      agencyRegion: cityLevel || agency === 'customs' ? CITY_REGION : region,
      data: clean,
      naturalKey: ind.naturalKey.map((k) => clean[k] ?? null),
      ...extra,
    });
  };
  const date = (minDaysAgo: number, maxDaysAgo: number) => addDays(DEMO_ANCHOR, -rng.int(minDaysAgo, maxDaysAgo));
  const fen = (min: number, max: number) => moneyFromFen(rng.int(min, max) * 100);

  const d: Draft = { options, index, rng, uscc, region, name, industry, established, registrationNo, records, add, date, fen };
  // in this order: the random stream is read in it, so a seed gives the same data set every time
  identityRecords(d);
  adverseRecords(d);
  reputationRecords(d);
  economicRecords(d);

  return { directory: registrationNo ? { uscc, registrationNo, name, region } : { uscc, name, region }, records };
}
