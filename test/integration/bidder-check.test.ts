// bidderCheck through the gateway with real services and tokens: verdicts across three
// subgraphs, restriction on office by keyed ID hash, per-bidder problems and constant batching.
import { BIDDING_RULES } from '../../schema/catalogue';
import { firingRecords, qualificationMet, RULE_LOGIC, verdictOf, type QualificationRequirement } from '../../schema/bidding/rules';
import { usccCheckChar } from '../../schema/identifiers';
import { DEMO_ANCHOR } from '../../scripts/demo-data/generate';
import type { NewRecord } from '../../storage/port';
import { recordId } from '../../storage/record-id';
import { SUBGRAPHS } from '../../subgraphs/index';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
let bidding: string;

const SIZE = 1200;

beforeAll(async () => {
  system = await startTestSystem(SIZE);
  bidding = await serviceToken('svc-bidding-platform');
});
afterAll(() => system?.stop());

const CHECK = `query($c: [ID!]!, $d: Date, $q: QualificationRequirementInput, $t: String) {
  bidderCheck(usccs: $c, bidDate: $d, requiredQualification: $q, tenderRef: $t) {
    ruleSetVersion checkedAt bidDate tenderRef
    results { uscc name verdict problem hits { rule indicator recordId summary verdict } }
  }
}`;

interface Hit {
  rule: string;
  indicator: string;
  recordId: string | null;
  summary: string;
  verdict: string;
}
interface Result {
  uscc: string;
  name: string | null;
  verdict: string;
  problem: string | null;
  hits: Hit[];
}
type Report = { bidderCheck: { ruleSetVersion: string; bidDate: string; tenderRef: string | null; results: Result[] } };

const listedPersons = () => {
  const map = new Map<string, NewRecord>();
  for (let n = 0; n < SIZE; n++) for (const r of system.enterprise(n).records.adverse) if (r.uscc === null && r.personHash) map.set(r.personHash, r);
  return map;
};

/** The rules evaluated on the generated records, independently of the subgraphs. */
function expectedRules(i: number, bidDate: string, persons: Map<string, NewRecord>, q?: QualificationRequirement): string[] {
  const e = system.enterprise(i);
  const all = Object.values(e.records)
    .flat()
    .filter((r) => r.uscc !== null);
  const fired = new Set<string>();
  for (const rule of BIDDING_RULES) {
    const logic = RULE_LOGIC[rule.id];
    const records = all.filter((r) => r.ind === rule.indicator).map((r) => ({ id: recordId(r), data: r.data }));
    if (logic?.kind === 'QUALIFICATION') {
      if (q && !qualificationMet(q, records, bidDate)) fired.add(rule.id);
    } else if (logic?.kind === 'PERSON_ACTIVE_ENTRY') {
      const rep = e.records.identity.find((r) => r.ind === 'ID02');
      const entry = rep?.personHash ? persons.get(rep.personHash) : undefined;
      if (entry && firingRecords(rule, [{ id: recordId(entry), data: entry.data }], bidDate).length > 0) fired.add(rule.id);
    } else if (firingRecords(rule, records, bidDate).length > 0) fired.add(rule.id);
  }
  return [...fired].sort();
}

it('returns every bidder in input order with the verdict the rules give, across three subgraphs', async () => {
  const persons = listedPersons();
  const indices = Array.from({ length: 400 }, (_, i) => i);
  const res = await system.query<Report>(CHECK, { c: indices.map((i) => system.enterprise(i).directory.uscc), d: DEMO_ANCHOR, t: 'CQ-2026-TENDER-001' }, bidding);
  expect(res.errors).toBeUndefined();
  const report = res.data?.bidderCheck;
  expect(report?.bidDate).toBe(DEMO_ANCHOR);
  expect(report?.tenderRef).toBe('CQ-2026-TENDER-001');
  expect(report?.ruleSetVersion).toMatch(/^1\.0-/);
  const verdicts = new Set<string>();
  report?.results.forEach((r, n) => {
    const i = indices[n] ?? -1;
    expect(r.uscc).toBe(system.enterprise(i).directory.uscc);
    const expected = expectedRules(i, DEMO_ANCHOR, persons);
    expect([r.uscc, [...new Set(r.hits.map((h) => h.rule))].sort()]).toEqual([r.uscc, expected]);
    const rules = expected.map((id) => BIDDING_RULES.find((b) => b.id === id)?.verdict ?? 'WARN');
    expect(r.verdict).toBe(verdictOf(rules));
    verdicts.add(r.verdict);
    for (const h of r.hits) {
      expect(h.summary.length).toBeGreaterThan(4);
      if (h.rule !== 'BR08') expect(h.recordId).toEqual(expect.any(String));
    }
  });
  // the demo data gives every verdict
  expect([...verdicts].sort()).toEqual(['DISQUALIFIED', 'ELIGIBLE', 'WARN']);
});

it('disqualifies a bidder whose legal representative is a listed dishonest debtor, showing only the masked ID', async () => {
  const persons = listedPersons();
  const i = Array.from({ length: SIZE }, (_, n) => n).find((n) => {
    const rep = system.enterprise(n).records.identity.find((r) => r.ind === 'ID02');
    return rep?.personHash !== undefined && persons.has(rep.personHash);
  });
  expect(i).toBeDefined();
  const e = system.enterprise(i ?? 0);
  const rep = e.records.identity.find((r) => r.ind === 'ID02');
  const idNumber = String(rep?.data['idNumber']);
  const entry = persons.get(rep?.personHash ?? '');
  const res = await system.query<Report>(CHECK, { c: [e.directory.uscc], d: DEMO_ANCHOR }, bidding);
  const result = res.data?.bidderCheck.results[0];
  expect(result?.verdict).toBe('DISQUALIFIED');
  const br02 = result?.hits.find((h) => h.rule === 'BR02');
  expect(br02).toMatchObject({ indicator: 'AD08', verdict: 'DISQUALIFIED', recordId: recordId(entry as NewRecord) });
  expect(br02?.summary).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
  expect(br02?.summary).toContain(String(entry?.data['caseNo']));
  expect(JSON.stringify(res)).not.toContain(idNumber);
});

it('applies a required qualification grade (BR08)', async () => {
  const need = { type: '建筑工程施工总承包', minGrade: 'SECOND' as const };
  const indices = Array.from({ length: 200 }, (_, i) => i);
  const res = await system.query<Report>(CHECK, { c: indices.map((i) => system.enterprise(i).directory.uscc), d: DEMO_ANCHOR, q: need }, bidding);
  const persons = listedPersons();
  let met = 0;
  res.data?.bidderCheck.results.forEach((r, n) => {
    const expected = expectedRules(indices[n] ?? -1, DEMO_ANCHOR, persons, need);
    expect([r.uscc, [...new Set(r.hits.map((h) => h.rule))].sort()]).toEqual([r.uscc, expected]);
    if (!expected.includes('BR08')) met++;
  });
  expect(met).toBeGreaterThan(0);
  expect(met).toBeLessThan(200);
});

it('reports an invalid or unknown code per bidder, and refuses more than 1,000', async () => {
  const good = system.enterprise(0).directory.uscc;
  const unknownPrefix = '91500103MA5U0000X';
  const unknown = unknownPrefix + usccCheckChar(unknownPrefix);
  const res = await system.query<Report>(CHECK, { c: [good, 'NOT-A-CODE', unknown] }, bidding);
  expect(res.errors).toBeUndefined();
  const [a, b, c] = res.data?.bidderCheck.results ?? [];
  expect(a?.verdict).not.toBe('NOT_FOUND');
  expect(b).toMatchObject({ uscc: 'NOT-A-CODE', verdict: 'NOT_FOUND', hits: [] });
  expect(b?.problem).toMatch(/not a valid/);
  expect(c).toMatchObject({ uscc: unknown, verdict: 'NOT_FOUND', problem: 'no enterprise with this code is registered' });
  const tooMany = await system.query(CHECK, { c: Array(1001).fill(good) }, bidding);
  expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(tooMany.errors?.[0]?.message).toMatch(/^usccs: at most 1000/);
});

it('is for bidding platforms and member agencies only', async () => {
  const c = [system.enterprise(0).directory.uscc];
  expect((await system.query(CHECK, { c })).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect((await system.query(CHECK, { c }, await userToken('credit-auditor'))).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  expect((await system.query<Report>(CHECK, { c }, await serviceToken('svc-tax'))).data?.bidderCheck.results).toHaveLength(1);
});

it('costs the same number of subgraph fetches and database commands for 1,000 bidders as for 20', async () => {
  const measure = async (n: number) => {
    const counters = SUBGRAPHS.map((s) => {
      system.subgraphs[s.name].running.requests.count = 0;
      system.subgraphs[s.name].storage.statements.reset();
      return system.subgraphs[s.name].storage.statements;
    });
    const res = await system.query<Report>(CHECK, { c: Array.from({ length: n }, (_, i) => system.enterprise(i).directory.uscc), d: DEMO_ANCHOR }, bidding);
    expect(res.data?.bidderCheck.results).toHaveLength(n);
    const out = {
      fetches: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, system.subgraphs[s.name].running.requests.count])),
      commands: Object.fromEntries(SUBGRAPHS.map((s, k) => [s.name, counters[k]?.count])),
    };
    return out;
  };
  const small = await measure(20);
  const large = await measure(1000);
  expect(large).toEqual(small);
  expect(large.fetches).toEqual({ identity: 2, adverse: 1, reputation: 1, economic: 0 });
});

it('audits each check with its tender reference and verdicts', async () => {
  const c = [system.enterprise(0).directory.uscc, system.enterprise(1).directory.uscc];
  await system.query(CHECK, { c, t: 'AUDITED-TENDER-7' }, bidding);
  await system.gateway.flushAudit();
  const [event] = await system.audit.find({ tenderRef: 'AUDITED-TENDER-7', limit: 1 });
  expect(event?.bidderCheck?.verdicts.map((v) => v.uscc)).toEqual(c);
  expect(event?.enterprises).toEqual([...c].sort());
});

it('downloads the same check as a CSV for the tender file', async () => {
  const c = Array.from({ length: 50 }, (_, i) => system.enterprise(i).directory.uscc);
  c.push('NOT-A-CODE');
  const graph = await system.query<Report>(CHECK, { c, d: DEMO_ANCHOR, t: 'CSV-TENDER' }, bidding);
  const res = await fetch(system.gateway.url.replace(/\/graphql$/, '/bidder-check.csv'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bidding}` },
    body: JSON.stringify({ usccs: c, bidDate: DEMO_ANCHOR, tenderRef: 'CSV-TENDER' }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(res.headers.get('content-disposition')).toContain('bidder-check-CSV-TENDER.csv');
  const text = (await res.text()).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('tenderRef,bidDate,ruleSetVersion,uscc,name,verdict,verdictLabel,rules,reasons,evidence');
  expect(lines).toHaveLength(c.length + 1);
  graph.data?.bidderCheck.results.forEach((r, n) => {
    const line = lines[n + 1] ?? '';
    expect(line.startsWith(`CSV-TENDER,${DEMO_ANCHOR},`)).toBe(true);
    expect(line).toContain(`,${r.uscc},`);
    expect(line).toContain(`,${r.verdict},${{ ELIGIBLE: '无限制', WARN: '提示关注', DISQUALIFIED: '不得参与', NOT_FOUND: '未查到该企业' }[r.verdict] ?? '?'},`);
    for (const h of r.hits) expect(line).toContain(h.rule);
  });
  const anonymous = await fetch(system.gateway.url.replace(/\/graphql$/, '/bidder-check.csv'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ usccs: c }) });
  expect(anonymous.status).toBe(401);
});
