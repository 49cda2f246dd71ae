// Every one of the 39 indicators is served through the gateway, attribute for attribute, as the
// demo generator stored it; plus persons across subgraphs and the credit summary.
import { INDICATORS, indicatorByCode } from '../../schema/catalogue';
import { isVisible, type Audience } from '../../schema/display-windows';
import { todayIso } from '../../schema/today';
import type { NewRecord } from '../../storage/port';
import { recordId } from '../../storage/record-id';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;
let admin: string;

beforeAll(async () => {
  system = await startTestSystem(1500);
  admin = await serviceToken('svc-credit-admin');
});
afterAll(() => system?.stop());

const allRecords = (i: number): NewRecord[] =>
  Object.values(system.enterprise(i).records)
    .flat()
    .filter((r) => r.uscc !== null);

/** The records of enterprise `i` an audience sees today (adverse records have display windows). */
const visibleRecords = (i: number, audience: Audience): NewRecord[] =>
  allRecords(i).filter((r) => {
    const ind = indicatorByCode(r.ind);
    return ind !== undefined && isVisible(audience, ind, r, todayIso());
  });

/** A few enterprises that, together, have records of every indicator. */
function coveringSample(): number[] {
  const missing = new Set(INDICATORS.map((i) => i.code));
  const picked: number[] = [];
  for (let i = 0; i < system.demo.size && missing.size > 0; i++) {
    const codes = new Set(visibleRecords(i, 'MEMBER').map((r) => r.ind));
    if ([...codes].some((c) => missing.has(c))) {
      picked.push(i);
      for (const c of codes) missing.delete(c);
    }
  }
  expect([...missing]).toEqual([]);
  return picked;
}

const PROFILE_FIELDS = INDICATORS.map((ind) => {
  const attrs = ind.attributes.map((a) => a.name).join(' ');
  return `${ind.field} { id agency agencyRegion receivedAt ${attrs} }`;
}).join('\n');

it('serves all 39 indicators of many enterprises in one query, as stored', async () => {
  const sample = coveringSample();
  const usccs = sample.map((i) => system.enterprise(i).directory.uscc);
  const res = await system.query<{ enterprises: Record<string, unknown>[] }>(`query($c: [ID!]!) { enterprises(usccs: $c) { uscc ${PROFILE_FIELDS} } }`, { c: usccs }, admin);
  expect(res.errors).toBeUndefined();
  res.data?.enterprises.forEach((served, n) => {
    const expected = visibleRecords(sample[n] ?? -1, 'MEMBER');
    for (const ind of INDICATORS) {
      const want = expected.filter((r) => r.ind === ind.code);
      const value = served[ind.field];
      const got = (ind.cardinality === 'ONE' ? (value ? [value] : []) : (value as unknown[])) as Record<string, unknown>[];
      expect([ind.code, got.map((g) => g['id']).sort()]).toEqual([ind.code, want.map((w) => recordId(w)).sort()]);
      for (const record of got) {
        const source = want.find((w) => recordId(w) === record['id']);
        expect(record['agency']).toBe(source?.agency);
        for (const attr of ind.attributes) expect([ind.code, attr.name, record[attr.name]]).toEqual([ind.code, attr.name, source?.data[attr.name] ?? null]);
      }
    }
  });
});

it('orders lists newest first, windows them by date and pages with after', async () => {
  const i = Array.from({ length: system.demo.size }, (_, n) => n).find((n) => allRecords(n).filter((r) => r.ind === 'ID06').length >= 3);
  const uscc = system.enterprise(i ?? 0).directory.uscc;
  const dates = allRecords(i ?? 0)
    .filter((r) => r.ind === 'ID06')
    .map((r) => String(r.data['changedOn']))
    .sort()
    .reverse();
  const q = 'query($u: ID!, $first: Int, $after: ID, $since: Date) { enterprise(uscc: $u) { registrationChanges(first: $first, after: $after, since: $since) { id changedOn } } }';
  type R = { enterprise: { registrationChanges: { id: string; changedOn: string }[] } };
  const all = await system.query<R>(q, { u: uscc }, admin);
  expect(all.data?.enterprise.registrationChanges.map((c) => c.changedOn)).toEqual(dates);
  const first = await system.query<R>(q, { u: uscc, first: 1 }, admin);
  const rest = await system.query<R>(q, { u: uscc, after: first.data?.enterprise.registrationChanges[0]?.id }, admin);
  expect([...(first.data?.enterprise.registrationChanges ?? []), ...(rest.data?.enterprise.registrationChanges ?? [])]).toEqual(all.data?.enterprise.registrationChanges);
  const since = await system.query<R>(q, { u: uscc, since: dates[1] }, admin);
  expect(since.data?.enterprise.registrationChanges.every((c) => c.changedOn >= (dates[1] ?? ''))).toBe(true);
});

it('tells whether an entry is active as of a date', async () => {
  const i = Array.from({ length: system.demo.size }, (_, n) => n).find((n) => allRecords(n).some((r) => r.ind === 'AD12'));
  const ban = allRecords(i ?? 0).find((r) => r.ind === 'AD12');
  const { banFrom, banUntil } = ban?.data as { banFrom: string; banUntil: string };
  const q = 'query($u: ID!, $a: Date) { enterprise(uscc: $u) { biddingViolations { banFrom active(asOf: $a) } } }';
  const at = async (asOf: string) =>
    (await system.query<{ enterprise: { biddingViolations: { active: boolean }[] } }>(q, { u: system.enterprise(i ?? 0).directory.uscc, a: asOf }, admin)).data?.enterprise.biddingViolations[0]
      ?.active;
  const dayBefore = new Date(Date.parse(banFrom) - 86_400_000).toISOString().slice(0, 10);
  const dayAfter = new Date(Date.parse(banUntil) + 86_400_000).toISOString().slice(0, 10);
  expect(await at(dayBefore)).toBe(false);
  expect(await at(banFrom)).toBe(true);
  expect(await at(banUntil)).toBe(true);
  expect(await at(dayAfter)).toBe(false);
});

it('counts records per indicator without the lists, and only what the caller may read', async () => {
  const i = Array.from({ length: system.demo.size }, (_, n) => n).find((n) => allRecords(n).some((r) => r.ind === 'AD04' && r.data['clearedOn'] === undefined));
  const uscc = system.enterprise(i ?? 0).directory.uscc;
  const q = `query($u: ID!) { enterprise(uscc: $u) { creditSummary {
    identity { indicator count } adverse { indicator count } reputation { indicator count } economic { indicator count }
    activeAdverseFlags(asOf: "2026-06-30") } } }`;
  type S = { enterprise: { creditSummary: Record<string, { indicator: string; count: number }[]> & { activeAdverseFlags: string[] } } };
  const res = await system.query<S>(q, { u: uscc }, admin);
  expect(res.errors).toBeUndefined();
  const summary = res.data?.enterprise.creditSummary;
  const counted = [...(summary?.['identity'] ?? []), ...(summary?.['adverse'] ?? []), ...(summary?.['reputation'] ?? []), ...(summary?.['economic'] ?? [])];
  expect(counted).toHaveLength(39);
  for (const c of counted) expect([c.indicator, c.count]).toEqual([c.indicator, visibleRecords(i ?? 0, 'MEMBER').filter((r) => r.ind === c.indicator).length]);
  expect(summary?.activeAdverseFlags).toContain('AD04');

  const anonymous = await system.query<S>(q, { u: uscc });
  const publicCodes = INDICATORS.filter((ind) => ind.disclosure === 'PUBLIC')
    .map((ind) => ind.code)
    .sort();
  const anonCounted = ['identity', 'adverse', 'reputation', 'economic'].flatMap((k) => anonymous.data?.enterprise.creditSummary[k] ?? []);
  expect(anonCounted.map((c) => c.indicator).sort()).toEqual(publicCodes);
});

it('tells whether the legal representative is a listed dishonest debtor, and which other enterprises that person represents', async () => {
  // find a listed person who represents at least one demo enterprise
  const listed = new Map<string, string>();
  for (let n = 0; n < system.demo.size; n++) for (const r of system.enterprise(n).records.adverse) if (r.uscc === null && r.personHash) listed.set(r.personHash, String(r.data['caseNo']));
  const represented = new Map<string, string[]>();
  for (let n = 0; n < system.demo.size; n++) {
    const rep = system.enterprise(n).records.identity.find((r) => r.ind === 'ID02');
    if (rep?.personHash) represented.set(rep.personHash, [...(represented.get(rep.personHash) ?? []), system.enterprise(n).directory.uscc]);
  }
  const hash = [...represented.keys()].find((h) => listed.has(h));
  expect(hash).toBeDefined();
  const usccs = (represented.get(hash ?? '') ?? []).sort();
  // following a person is MEMBER data (the catalogue's personLink); bidding platforms get BR02 from bidderCheck
  const token = await serviceToken('svc-court');
  const res = await system.query<{
    enterprise: { legalRepresentative: { person: { listedAsDishonestDebtor: boolean; dishonestJudgmentDebtor: { caseNo: string }[]; representedEnterprises: { uscc: string }[] } } };
  }>(
    `query($u: ID!) { enterprise(uscc: $u) { legalRepresentative { person {
      listedAsDishonestDebtor(asOf: "2026-06-30") dishonestJudgmentDebtor { caseNo } representedEnterprises { uscc }
    } } } }`,
    { u: usccs[0] },
    token,
  );
  expect(res.errors).toBeUndefined();
  const person = res.data?.enterprise.legalRepresentative.person;
  expect(person?.listedAsDishonestDebtor).toBe(true);
  expect(person?.dishonestJudgmentDebtor.map((d) => d.caseNo)).toEqual([listed.get(hash ?? '')]);
  expect(person?.representedEnterprises.map((e) => e.uscc)).toEqual(usccs);

  const clean = [...represented.keys()].find((h) => !listed.has(h));
  const cleanUscc = represented.get(clean ?? '')?.[0];
  const other = await system.query<{ enterprise: { legalRepresentative: { person: { listedAsDishonestDebtor: boolean } } } }>(
    'query($u: ID!) { enterprise(uscc: $u) { legalRepresentative { person { listedAsDishonestDebtor } } } }',
    { u: cleanUscc },
    token,
  );
  expect(other.data?.enterprise.legalRepresentative.person.listedAsDishonestDebtor).toBe(false);
});

it('never exposes the person key to clients', async () => {
  const res = await system.query('query($u: ID!) { enterprise(uscc: $u) { legalRepresentative { person { personKey } } } }', { u: system.enterprise(0).directory.uscc }, admin);
  expect(res.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
});
