// creditCheck (联合奖惩) through the gateway with real services and tokens: the tendering scenario
// gives the bidder check's verdicts on the demo data; other scenarios by their owners only, with
// incentives; checks kept as answered; feedback and its overdue view; related parties; constant
// statements whatever the number of enterprises.
import { DEMO_ANCHOR } from '../../scripts/demo-data/generate';
import { SUBGRAPHS } from '../../subgraphs/index';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';
import { submitPenalty } from './adverse-records';
import { todayIso } from '../../schema/today';
import { pdfText } from './pdf-text';

const seriousPenalty = (uscc: string, no: string) => ({
  uscc,
  decisionNo: `渝市监罚〔2026〕联合${no}号`,
  decidedOn: todayIso(new Date(Date.now() - 30 * 86_400_000)),
  authority: '重庆市市场监督管理局',
  violation: '生产销售不合格产品',
  penaltyTypes: ['FINE'],
  fineAmount: '500000.00',
  severity: 'SERIOUS',
});

let system: TestSystem;
const SIZE = 600;

beforeAll(async () => {
  system = await startTestSystem(SIZE);
});
afterAll(() => system?.stop());

const CHECK = `query($s: CreditScenarioCode!, $c: [ID!]!, $d: Date, $r: String, $q: QualificationRequirementInput) {
  creditCheck(scenario: $s, usccs: $c, asOf: $d, reference: $r, requiredQualification: $q) {
    id scenario asOf reference ruleSetVersion
    results { uscc verdict problem measures { code kind effect legalBasis evidence { recordId recordVersion summary } } }
    relatedParties { kind sharedParty usccs }
  }
}`;
const BIDDER = `query($c: [ID!]!, $d: Date, $q: QualificationRequirementInput) { bidderCheck(usccs: $c, bidDate: $d, requiredQualification: $q) { results { uscc verdict hits { rule recordId } } } }`;

interface Measure {
  code: string;
  kind: string;
  effect: string;
  legalBasis: string;
  evidence: { recordId: string | null; recordVersion: string | null; summary: string }[];
}
interface Result {
  uscc: string;
  verdict: string;
  problem: string | null;
  measures: Measure[];
}
interface Check {
  id: string;
  scenario: string;
  ruleSetVersion: string;
  results: Result[];
  relatedParties: { kind: string; sharedParty: string; usccs: string[] }[];
}

const usccs = (from: number, n: number) => Array.from({ length: n }, (_, i) => system.enterprise(from + i).directory.uscc);

async function check(token: string, scenario: string, c: string[], extra: Record<string, unknown> = {}) {
  return system.query<{ creditCheck: Check }>(CHECK, { s: scenario, c, d: DEMO_ANCHOR, ...extra }, token, { purpose: 'SUPERVISION' });
}

const VERDICT_OF: Record<string, string> = { EXCLUDED: 'DISQUALIFIED', SCRUTINY: 'WARN', CLEAR: 'ELIGIBLE', NOT_FOUND: 'NOT_FOUND' };

it('gives the bidder check’s verdicts and evidence for the tendering scenario on the demo data', async () => {
  // a member agency, which may check as of any day (the demo data's day)
  const bidding = await serviceToken('svc-tax');
  const c = [...usccs(0, 400), 'NOT-A-CODE'];
  const q = { type: '建筑工程施工总承包', minGrade: 'SECOND' };
  const [credit, bidder] = await Promise.all([
    check(bidding, 'TENDERING', c, { q }),
    system.query<{ bidderCheck: { results: { uscc: string; verdict: string; hits: { rule: string; recordId: string | null }[] }[] } }>(BIDDER, { c, d: DEMO_ANCHOR, q }, bidding),
  ]);
  expect(credit.errors).toBeUndefined();
  const results = credit.data?.creditCheck.results ?? [];
  expect(results.map((r) => r.uscc)).toEqual(c);
  const verdicts = results.map((r) => VERDICT_OF[r.verdict]);
  expect(verdicts).toEqual(bidder.data?.bidderCheck.results.map((r) => r.verdict));
  // the same rules on the same records: measure TENDERING.BRxx ↔ rule BRxx
  const pairs = (r: Result) => r.measures.flatMap((m) => m.evidence.map((e) => `${m.code.replace('TENDERING.', '')}|${e.recordId}`)).sort();
  expect(results.map(pairs)).toEqual(bidder.data?.bidderCheck.results.map((r) => r.hits.map((h) => `${h.rule}|${h.recordId}`).sort()));
  // the data has every kind of outcome, and evidence names the record version read
  expect(new Set(verdicts)).toEqual(new Set(['DISQUALIFIED', 'WARN', 'ELIGIBLE', 'NOT_FOUND']));
  const evidence = results.flatMap((r) => r.measures.flatMap((m) => m.evidence)).find((e) => e.recordId !== null);
  expect(evidence?.recordVersion).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(results.find((r) => r.measures.length > 0)?.measures[0]?.legalBasis).toMatch(/^《.+》第/);
});

it('runs each scenario for its owners only, with incentives beside restrictions', async () => {
  const c = usccs(0, 60);
  const bidding = await serviceToken('svc-bidding-platform');
  const tax = await serviceToken('svc-tax');
  const aic = await serviceToken('svc-aic-city');
  // procurement: bidding platforms and the finance bureau, not the tax bureau
  expect((await check(bidding, 'GOVERNMENT_PROCUREMENT', c, { d: todayIso() })).errors).toBeUndefined();
  expect((await check(tax, 'GOVERNMENT_PROCUREMENT', c)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  // subsidies: the listed agencies; holding office: market regulation
  expect((await check(aic, 'FISCAL_SUBSIDY', c)).errors).toBeUndefined();
  expect((await check(tax, 'FISCAL_SUBSIDY', c)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  expect((await check(bidding, 'OFFICE_HOLDING', c)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  const office = await check(aic, 'OFFICE_HOLDING', c);
  expect(office.errors).toBeUndefined();
  for (const r of office.data?.creditCheck.results ?? []) for (const m of r.measures) expect(m.code).toBe('OFFICE_HOLDING.DEBTOR_PERSON');
  // licensing: restrictions and incentives side by side; an incentive never changes the verdict
  const licensing = await check(tax, 'ADMINISTRATIVE_LICENSING', usccs(0, 400));
  expect(licensing.errors).toBeUndefined();
  const rows = licensing.data?.creditCheck.results ?? [];
  const withIncentive = rows.filter((r) => r.measures.some((m) => m.kind === 'INCENTIVE'));
  expect(withIncentive.length).toBeGreaterThan(0);
  for (const r of rows) {
    const restrictions = r.measures.filter((m) => m.kind === 'RESTRICTION');
    if (restrictions.length === 0) expect(r.verdict).toBe('CLEAR');
  }
  expect(rows.flatMap((r) => r.measures.map((m) => m.effect))).toEqual(expect.arrayContaining(['GREEN_CHANNEL']));
  // anonymous callers run nothing
  expect((await system.query(CHECK, { s: 'HONOURS', c, d: DEMO_ANCHOR }, undefined, { purpose: null })).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
});

it('restricts holding office when a key person, not only the legal representative, is a listed debtor (by keyed ID hash)', async () => {
  // the demo data's listed persons, and an enterprise whose general manager is one of them while its legal representative is not
  const listed = new Set<string>();
  for (let i = 0; i < SIZE; i++) for (const r of system.enterprise(i).records.adverse) if (r.uscc === null && r.personHash && r.ind === 'AD08' && !r.data['removedOn']) listed.add(r.personHash);
  const hash = (e: ReturnType<TestSystem['enterprise']>, ind: string, position?: string) =>
    e.records.identity.find((r) => r.ind === ind && (position === undefined || r.data['position'] === position))?.personHash;
  const subject = Array.from({ length: SIZE }, (_, i) => system.enterprise(i)).find((e) => {
    const manager = hash(e, 'ID04', 'GENERAL_MANAGER');
    return manager !== undefined && listed.has(manager) && !listed.has(hash(e, 'ID02') ?? '');
  });
  if (!subject) throw new Error('the demo data has a general manager on the dishonest debtor list');
  const res = await check(await serviceToken('svc-aic-city'), 'OFFICE_HOLDING', [subject.directory.uscc]);
  expect(res.errors).toBeUndefined();
  const result = res.data?.creditCheck.results[0];
  expect(result?.verdict).toBe('EXCLUDED');
  const summary = result?.measures[0]?.evidence[0]?.summary ?? '';
  // the person is named by the masked ID number only
  expect(summary).toMatch(/人员身份证号\d{6}\*{8}[\dX]{4}/);
  expect(summary).not.toMatch(/\d{17}[\dX]/);
});

it('is kept as answered: the result at evaluation time shows again after the data changed, for the unit that ran it', async () => {
  const aic = await serviceToken('svc-aic-city');
  const c = usccs(0, 200);
  const planted = await submitPenalty(system, 'snapshot-1', seriousPenalty(c[0] ?? '', 'snapshot'));
  const first = await check(aic, 'HONOURS', c, { r: 'HONOUR-2026-1', d: todayIso() });
  const answered = first.data?.creditCheck;
  const target = answered?.results[0];
  const evidence = target?.measures.flatMap((m) => m.evidence).find((e) => e.recordId === planted);
  if (!answered || !target || !evidence?.recordId) throw new Error(`the planted penalty is evidence: ${JSON.stringify(first.errors)}`);
  // the record the check rested on is withdrawn
  const withdrawn = await system.query(`mutation($id: ID!) { withdrawAdverseRecord(recordId: $id, reason: "核查后撤回") { change } }`, { id: planted }, aic);
  expect(withdrawn.errors).toBeUndefined();
  const now = await check(aic, 'HONOURS', [target.uscc], { d: todayIso() });
  expect(now.data?.creditCheck.results[0]?.measures.flatMap((m) => m.evidence.map((e) => e.recordId))).not.toContain(evidence.recordId);
  const again = await system.query<{ creditCheckResult: Check | null }>(
    'query($id: ID!) { creditCheckResult(id: $id) { id scenario ruleSetVersion results { uscc verdict problem measures { code kind effect legalBasis evidence { recordId recordVersion summary } } } relatedParties { kind sharedParty usccs } } }',
    { id: answered.id },
    aic,
    { purpose: 'SUPERVISION' },
  );
  expect(again.data?.creditCheckResult).toEqual({ id: answered.id, scenario: 'HONOURS', ruleSetVersion: answered.ruleSetVersion, results: answered.results, relatedParties: answered.relatedParties });
  // another unit's check reads as absent
  const other = await system.query<{ creditCheckResult: Check | null }>('query($id: ID!) { creditCheckResult(id: $id) { id } }', { id: answered.id }, await serviceToken('svc-tax'), {
    purpose: 'SUPERVISION',
  });
  expect(other.data?.creditCheckResult).toBeNull();
});

it('takes feedback on each measure from the unit that ran the check, and shows administrators what was not fed back', async () => {
  const aic = await serviceToken('svc-aic-city');
  const subject = usccs(30, 1)[0] ?? '';
  await submitPenalty(system, 'feedback-1', seriousPenalty(subject, 'feedback'));
  const res = await check(aic, 'HONOURS', [subject], { d: todayIso() });
  const checkId = res.data?.creditCheck.id;
  const hit = res.data?.creditCheck.results[0];
  const measure = hit?.measures.find((m) => m.code === 'HONOURS.SERIOUS_PENALTY')?.code;
  if (!checkId || !hit || !measure) throw new Error(`the planted penalty is a measure: ${JSON.stringify(res.errors)}`);
  const FEEDBACK = 'mutation($k: ID!, $u: ID!, $m: String!, $a: FeedbackAction!, $r: String) { recordCheckFeedback(checkId: $k, uscc: $u, measure: $m, action: $a, reason: $r) { action reason } }';
  const noReason = await system.query(FEEDBACK, { k: checkId, u: hit.uscc, m: measure, a: 'NOT_APPLIED' }, aic);
  expect(noReason.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^reason:/), extensions: { code: 'BAD_USER_INPUT' } });
  const byOther = await system.query(FEEDBACK, { k: checkId, u: hit.uscc, m: measure, a: 'APPLIED' }, await serviceToken('svc-tax'));
  expect(byOther.errors?.[0]?.message).toBe('checkId: no such check of your unit');
  const notFound = await system.query(FEEDBACK, { k: checkId, u: hit.uscc, m: 'HONOURS.ABNORMAL', a: 'APPLIED' }, aic);
  expect(notFound.errors?.[0]?.message).toMatch(/^measure: the check found no measure/);
  const applied = await system.query(FEEDBACK, { k: checkId, u: hit.uscc, m: measure, a: 'APPLIED' }, aic);
  expect(applied.errors).toBeUndefined();

  // an older check without feedback is overdue
  const found = res.data?.creditCheck.results.reduce((n, r) => n + r.measures.filter((m) => m.kind === 'RESTRICTION').length, 0) ?? 0;
  await system.subgraphs.identity.storage.creditChecks.save({
    id: `chk_old_${Date.now()}`,
    scenario: 'HONOURS',
    asOf: '2026-01-05',
    reference: null,
    ruleSetVersion: 'old',
    checkedAt: new Date(Date.now() - 40 * 86_400_000),
    agency: 'housing',
    region: '500000',
    subject: 'someone',
    results: [
      {
        uscc: hit.uscc,
        name: null,
        problem: null,
        verdict: 'EXCLUDED',
        measures: [{ code: measure, name: '重点审查', legalBasis: '《企业信息公示暂行条例》第十八条', kind: 'RESTRICTION', effect: 'EXCLUDE', evidence: [] }],
      },
    ],
    relatedParties: [],
  });
  const SUMMARY = 'query($f: Date!, $t: Date!) { checkFeedbackSummary(from: $f, to: $t, overdueDays: 30) { agency scenario checks measuresFound fedBack overdue } }';
  const far = { f: '2020-01-01', t: '2099-12-31' };
  const forbidden = await system.query(SUMMARY, far, aic);
  expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  const summary = await system.query<{ checkFeedbackSummary: { agency: string | null; scenario: string; checks: number; measuresFound: number; fedBack: number; overdue: number }[] }>(
    SUMMARY,
    far,
    await serviceToken('svc-credit-admin'),
  );
  const rows = summary.data?.checkFeedbackSummary ?? [];
  // this file's checks of the market regulator: fresh ones, one pair fed back; the housing bureau's old one overdue
  const aicRow = rows.find((r) => r.agency === 'aic' && r.scenario === 'HONOURS');
  expect(aicRow?.fedBack).toBe(1);
  expect(aicRow?.overdue).toBe(0);
  expect(aicRow?.measuresFound).toBeGreaterThanOrEqual(found);
  expect(rows.find((r) => r.agency === 'housing' && r.scenario === 'HONOURS')).toMatchObject({ checks: 1, measuresFound: 1, fedBack: 0, overdue: 1 });
});

it('flags enterprises of one check that share an address, with the shared party shown', async () => {
  const aic = await serviceToken('svc-aic-city');
  // two enterprises whose registrations the city office submitted (a district's are its own to correct)
  const cityOwned = Array.from({ length: SIZE }, (_, i) => system.enterprise(i)).filter((e) => e.records.identity.some((r) => r.ind === 'ID01' && r.agencyRegion === '500000'));
  const [a, b] = cityOwned;
  if (!a || !b) throw new Error('the demo data has two registrations of the city office');
  const address = '重庆市渝中区解放碑街道民族路188号环球金融中心32层';
  const registration = (e: typeof a) => {
    const r = e.records.identity.find((x) => x.ind === 'ID01');
    if (!r) throw new Error('a registration');
    return { ...r.data, uscc: e.directory.uscc, address };
  };
  const moved = await system.query(
    'mutation($r: [JSON!]!) { submitIdentityRecords(batchId: "related-1", indicator: "ID01", records: $r) { accepted rejected rejections { index rule message } } }',
    { r: [registration(a), registration(b)] },
    aic,
  );
  expect(moved.data).toMatchObject({ submitIdentityRecords: { accepted: 2, rejected: 0 } });
  const res = await check(aic, 'HONOURS', [a.directory.uscc, b.directory.uscc, ...usccs(0, 5)]);
  expect(res.data?.creditCheck.relatedParties).toContainEqual({ kind: 'ADDRESS', sharedParty: address, usccs: [a.directory.uscc, b.directory.uscc].sort() });
});

it('asks members for a purpose, keeps other callers near today, and shows a shared person to members with a purpose only', async () => {
  const c = usccs(0, 20);
  const noPurpose = await system.query(CHECK, { s: 'HONOURS', c, d: DEMO_ANCHOR }, await serviceToken('svc-tax'), { purpose: null });
  expect(noPurpose.errors?.[0]).toMatchObject({ message: expect.stringMatching(/x-query-purpose/), extensions: { code: 'BAD_REQUEST' } });
  const bidding = await serviceToken('svc-bidding-platform');
  const longAgo = await system.query(CHECK, { s: 'TENDERING', c, d: '2020-01-01' }, bidding, { purpose: null });
  expect(longAgo.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^asOf: at most 31 days before today/), extensions: { code: 'BAD_USER_INPUT' } });
  // two enterprises with one legal representative (the same person's ID number, keyed); the city office submitted both
  const owned = Array.from({ length: SIZE }, (_, i) => system.enterprise(i)).filter((e) => e.records.identity.some((r) => r.ind === 'ID02' && r.agencyRegion === '500000'));
  const [a, b] = owned;
  const rep = a?.records.identity.find((r) => r.ind === 'ID02');
  const other = b?.records.identity.find((r) => r.ind === 'ID02');
  if (!a || !b || !rep || !other) throw new Error('the demo data has two legal representatives submitted by the city office');
  const shared = await system.query(
    'mutation($r: [JSON!]!) { submitIdentityRecords(batchId: "related-2", indicator: "ID02", records: $r) { accepted } }',
    { r: [{ ...other.data, uscc: b.directory.uscc, idType: rep.data['idType'], idNumber: rep.data['idNumber'], name: rep.data['name'] }] },
    await serviceToken('svc-aic-city'),
  );
  expect(shared.data).toEqual({ submitIdentityRecords: { accepted: 1 } });
  const asMember = await check(await serviceToken('svc-aic-city'), 'HONOURS', [a.directory.uscc, b.directory.uscc]);
  expect(asMember.data?.creditCheck.relatedParties.map((g) => g.kind)).toContain('LEGAL_REPRESENTATIVE');
  const asPlatform = await system.query<{ creditCheck: Check }>(CHECK, { s: 'TENDERING', c: [a.directory.uscc, b.directory.uscc] }, bidding, { purpose: null });
  expect(asPlatform.errors).toBeUndefined();
  expect(asPlatform.data?.creditCheck.relatedParties.map((g) => g.kind)).not.toContain('LEGAL_REPRESENTATIVE');
});

it('downloads a check of any scenario as a CSV for the case file, kept like the query', async () => {
  const aic = await serviceToken('svc-aic-city');
  const c = [...usccs(0, 30), 'NOT-A-CODE'];
  const res = await fetch(system.gateway.url.replace(/\/graphql$/, '/credit-check.csv'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${aic}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ scenario: 'HONOURS', usccs: c, asOf: DEMO_ANCHOR, reference: 'CSV-HONOURS' }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  const id = res.headers.get('x-credit-check-id') ?? '';
  const lines = (await res.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('checkId,scenario,asOf,reference,ruleSetVersion,uscc,name,verdict,verdictLabel,restrictions,incentives,reasons,legalBasis,evidence');
  expect(lines).toHaveLength(c.length + 1);
  expect(lines[c.length]).toMatch(/,NOT-A-CODE,,NOT_FOUND,未查到该企业,/);
  // the same check, kept: its id in every row
  const kept = await system.query<{ creditCheckResult: { results: { uscc: string }[] } | null }>('query($id: ID!) { creditCheckResult(id: $id) { results { uscc } } }', { id }, aic, {
    purpose: 'SUPERVISION',
  });
  expect(kept.data?.creditCheckResult?.results.map((r) => r.uscc)).toEqual(c);
  expect(lines.slice(1).every((l) => l.startsWith(`${id},HONOURS,`))).toBe(true);
  const wrong = await fetch(system.gateway.url.replace(/\/graphql$/, '/credit-check.csv'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${aic}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ usccs: c }),
  });
  expect(wrong.status).toBe(400);
});

it('prints a kept check, signed and verifiable like a report, for the unit that ran it only', async () => {
  const aic = await serviceToken('svc-aic-city');
  const ran = await check(aic, 'HONOURS', usccs(0, 10), { r: 'PRINTED-1' });
  const id = ran.data?.creditCheck.id ?? '';
  const base = system.gateway.url.replace(/\/graphql$/, '');
  const issue = (token: string) =>
    fetch(`${base}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf', authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' },
      body: JSON.stringify({ checkId: id }),
    });
  const res = await issue(aic);
  expect(res.status).toBe(201);
  const number = res.headers.get('x-report-number') ?? '';
  const pdf = Buffer.from(await res.arrayBuffer());
  const text = pdfText(pdf).replace(/\s/g, '');
  expect(text).toContain('联合奖惩核查记录');
  expect(text).toContain(`核查编号：${id}`);
  expect(text).toContain('业务编号：PRINTED-1');
  const verified = await fetch(`${base}/reports/verify?number=${encodeURIComponent(number)}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf });
  const verdict = (await verified.json()) as { genuine: boolean; report: { version: string; check: { id: string; scenario: string; enterprises: number } } };
  expect(verdict).toMatchObject({ genuine: true, report: { version: 'CHECK', check: { id, scenario: 'HONOURS', enterprises: 10 } } });
  // another unit's check is not printed for it
  expect((await issue(await serviceToken('svc-tax'))).status).toBe(404);
});

it('costs the same subgraph fetches and database commands for 1,000 enterprises as for 20', async () => {
  const bidding = await serviceToken('svc-tax');
  const measure = async (n: number) => {
    const counters = SUBGRAPHS.map((s) => {
      system.subgraphs[s.name].running.requests.count = 0;
      system.subgraphs[s.name].storage.statements.reset();
      return system.subgraphs[s.name].storage.statements;
    });
    const c = Array.from({ length: n }, (_, i) => system.enterprise(i % SIZE).directory.uscc);
    const res = await check(bidding, 'TENDERING', c);
    expect(res.data?.creditCheck.results).toHaveLength(n);
    return {
      fetches: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, system.subgraphs[s.name].running.requests.count])),
      commands: Object.fromEntries(SUBGRAPHS.map((s, k) => [s.name, counters[k]?.count])),
    };
  };
  const small = await measure(20);
  const large = await measure(1000);
  expect(large).toEqual(small);
  expect(large.fetches).toEqual({ identity: 1, adverse: 1, reputation: 1, economic: 0 });
});

it('cannot be reached part by part through the gateway', async () => {
  const res = await system.query('query { adverseScenarioHits(scenario: "TENDERING", asOf: "2026-01-01", subjects: []) { uscc } }', {}, await serviceToken('svc-bidding-platform'));
  expect(res.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
});

// last: it takes the reputation subgraph down for the rest of the file
it('is refused, not answered clear, when a part cannot be read', async () => {
  await system.subgraphs.reputation.running.stop();
  const res = await check(await serviceToken('svc-tax'), 'ADMINISTRATIVE_LICENSING', usccs(0, 20));
  expect(res.data?.creditCheck).toBeUndefined();
  expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/reputation records is unavailable/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
});
