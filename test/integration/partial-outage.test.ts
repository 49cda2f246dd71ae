// With one subgraph frozen (SIGSTOP: a real process that takes connections and never answers),
// nothing the system says reads as clean. Each subgraph in turn: no credit report is issued (503
// naming the category, nothing recorded as issued), no bidder-check CSV or verdict, and the credit
// summary's count of that category is null with an error, never 0.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, killGroup, startGatewayProcess, startService } from './processes';
import { postGraphQL, startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';
import { signalGroup } from '../../launcher/process-control';

type Name = 'identity' | 'adverse' | 'reputation' | 'economic';
const NAMES: Name[] = ['identity', 'adverse', 'reputation', 'economic'];
const CATEGORY: Record<Name, string> = { identity: 'IDENTITY', adverse: 'ADVERSE', reputation: 'REPUTATION', economic: 'ECONOMIC' };

let system: TestSystem;
const children: ChildProcess[] = [];
const subgraphs = new Map<Name, ChildProcess>();
let gateway: string;
let uscc: string;

beforeAll(async () => {
  system = await startTestSystem(10);
  uscc = system.enterprise(0).directory.uscc;
  // a tax arrears notice, public: with the adverse subgraph up, every report lists it
  const tax = await serviceToken('svc-tax');
  const stored = await system.query<{ submitAdverseRecords: { accepted: number } }>(
    'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "outage-report-1", indicator: "AD04", records: $r) { accepted } }',
    { r: [{ uscc, announcedOn: '2026-03-01', taxType: '增值税', arrearsAmount: '1200.00' }] },
    tax,
  );
  expect(stored.data?.submitAdverseRecords.accepted).toBe(1);
  const urls: Partial<Record<Name, string>> = {};
  for (const name of NAMES) {
    const port = await freePort();
    const proc = await startService(system, name, { [`${name.toUpperCase()}_PORT`]: String(port), IDENTITY_SUBGRAPH_URL: system.subgraphs.identity.running.url });
    children.push(proc);
    subgraphs.set(name, proc);
    urls[name] = `http://127.0.0.1:${port}/graphql`;
  }
  // without the entity cache: an answer it holds current is served while its subgraph is down,
  // and every part here must come from its subgraph, so that a frozen one is a part not read
  const started = await startGatewayProcess(system, { GATEWAY_SUBGRAPH_TIMEOUT_MS: '1500', ENTITY_CACHE: 'off' }, urls);
  children.push(started.proc);
  gateway = started.url.replace(/\/graphql$/, '');
}, 120_000);

afterAll(async () => {
  for (const child of children) {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGCONT');
    killGroup(child);
  }
  await system?.stop();
});

async function issueReport(token?: string): Promise<{ status: number; body: { number?: string; errors?: { message: string; extensions: { code: string } }[] } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) Object.assign(headers, { authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' });
  const res = await fetch(`${gateway}/reports`, { method: 'POST', headers, body: JSON.stringify({ uscc }) });
  return { status: res.status, body: (await res.json()) as never };
}

async function issuedReports(): Promise<number> {
  const events = await system.audit.find({ enterprise: uscc, from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), limit: 1_000 });
  return events.filter((e) => e.report?.action === 'ISSUED').length;
}

it('issues a report listing the arrears notice while every subgraph answers', async () => {
  const res = await fetch(`${gateway}/reports`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/pdf' }, body: JSON.stringify({ uscc }) });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-report-number')).toMatch(/^R\d{14}-/);
  const pdf = Buffer.from(await res.arrayBuffer());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'credit-outage-')), 'report.pdf');
  writeFileSync(file, pdf);
  expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).toContain('增值税');
});

describe.each(NAMES)('with the %s subgraph frozen', (name) => {
  beforeAll(() => {
    const proc = subgraphs.get(name);
    if (proc?.pid !== undefined) signalGroup(proc.pid, 'SIGSTOP');
  });
  afterAll(() => {
    const proc = subgraphs.get(name);
    if (proc?.pid !== undefined) signalGroup(proc.pid, 'SIGCONT');
  });

  it('issues no report, public or member: 503 naming the category, nothing entered as issued', async () => {
    const before = await issuedReports();
    for (const token of [undefined, await serviceToken('svc-tax')]) {
      const report = await issueReport(token);
      expect(report.status).toBe(503);
      expect(report.body.number).toBeUndefined();
      expect(report.body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(report.body.errors?.[0]?.message).toContain(`${CATEGORY[name].toLowerCase()} (`);
    }
    await system.gateway.flushAudit();
    expect(await issuedReports()).toBe(before);
  });

  // the bidder rules read identity, adverse and reputation records; economic indicators are no part of a verdict
  const verdictNeeds = name !== 'economic';
  (verdictNeeds ? it : it.skip)('gives no bidder verdict and no CSV', async () => {
    const token = await serviceToken('svc-bidding-platform');
    const res = await fetch(`${gateway}/bidder-check.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ usccs: [uscc], bidDate: '2026-06-30' }),
    });
    expect(res.status).not.toBe(200);
    expect(res.headers.get('content-type')).not.toMatch(/text\/csv/);
    const check = await postGraphQL<{ bidderCheck: { results: { verdict: string }[] } | null }>(
      `${gateway}/graphql`,
      { query: 'query($c: [ID!]!) { bidderCheck(usccs: $c, bidDate: "2026-06-30") { results { uscc verdict } } }', variables: { c: [uscc] } },
      { authorization: `Bearer ${token}` },
    );
    expect(check.errors?.some((e) => e.extensions?.['code'] === 'SERVICE_UNAVAILABLE')).toBe(true);
    expect(JSON.stringify(check.data ?? null)).not.toMatch(/ELIGIBLE|WARN|DISQUALIFIED|NOT_FOUND/);
  });

  it("counts the category's records as null with an error, never 0", async () => {
    const token = await serviceToken('svc-tax');
    const summary = await postGraphQL<{ enterprise: { creditSummary: Record<string, { count: number }[] | null> } | null }>(
      `${gateway}/graphql`,
      { query: 'query($u: ID!) { enterprise(uscc: $u) { creditSummary { identity { count } adverse { count } reputation { count } economic { count } } } }', variables: { u: uscc } },
      { authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION' },
    );
    // the error names the subgraph whose part was not read
    expect(summary.errors).toContainEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: name }) }));
    const counts = summary.data?.enterprise?.creditSummary;
    // the identity subgraph resolves the enterprise itself: with it frozen there is no enterprise to count for
    if (name === 'identity') expect(summary.data?.enterprise ?? null).toBeNull();
    else {
      expect(counts?.[name]).toBeNull();
      for (const other of NAMES.filter((n) => n !== name)) expect(Array.isArray(counts?.[other])).toBe(true);
    }
  });
});
