// `npm run test:cluster`: the cluster (npm run cluster) under a steady mixed load while its parts
// are killed with SIGKILL in turn and brought back: one gateway, one instance of each subgraph,
// the PostgreSQL leader (Patroni promotes the synchronous standby), the dispatchers. Then it
// checks what a city would ask: how many reads failed, whether every acknowledged submission is
// stored (a failed one is re-sent under the same batch id, which is safe), whether every member
// read has its audit record, whether a read right after an acknowledged submission sees it (reads
// go to the synchronous standby), and how long writes were unavailable while the leader changed.
// Every acknowledged record's change event must reach the watching agency's webhook, in order per
// enterprise, across the dispatcher's kill and the leader change. The figures go to bench/results/cluster-faults-<time>.md; it exits 1 when a check fails.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runningPid, signalGroup, sleep } from '../../launcher/process-control';
import { LOCAL, ROOT } from '../../platform/paths';
import { clusterServicesEnv, readTopology } from '../../scripts/cluster/topology';
import { demoClientToken } from '../../auth/client-token';
import { DEFAULT_SEED, generateEnterprise } from '../../scripts/demo-data/generate';
import { SUBGRAPHS } from '../../subgraphs/index';

const topology = readTopology();
const CLUSTER = path.join(ROOT, 'scripts', 'cluster', 'main.ts');
/** Runs `npm run cluster -- <args>` beside the load (it starts what is not running, and waits until ready). */
const cluster = (...args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLUSTER, ...args], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cluster ${args.join(' ')} exited with ${code}`))));
  });

interface Counts {
  ok: number;
  failed: number;
}
const reads: Counts = { ok: 0, failed: 0 };
const checks: Counts = { ok: 0, failed: 0 };
const reports: Counts = { ok: 0, failed: 0 };
const readFailuresByPhase = new Map<string, number>();
const readFailuresByReason = new Map<string, number>();
const succeededReads: string[] = [];
/** Record ids the gateway acknowledged as stored, by batch. */
const ledger = new Map<string, string[]>();
let resends = 0;
let phase = 'steady';
const writeFailures: number[] = [];
/** Acknowledged submissions: when the attempt that was acknowledged started, and when its answer came. */
const writeSuccesses: { start: number; end: number }[] = [];
const log = (text: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

const gateway = `http://${topology.haproxy.host}:${topology.haproxy.gatewayPort}`;

async function graphql(
  tokenValue: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenValue}`, 'x-query-purpose': 'SUPERVISION' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** What the webhook receiver got: each event once by id, in arrival order. */
const received = new Map<string, { recordId: string; uscc: string; at: string }>();
let deliveries = 0;
const RECEIVER_PORT = 8091;

function startReceiver(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      deliveries++;
      const event = JSON.parse(body) as { id: string; recordId: string; at: string; enterprise: { uscc: string } };
      if (!received.has(event.id)) received.set(event.id, { recordId: event.recordId, uscc: event.enterprise.uscc, at: event.at });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(RECEIVER_PORT, '127.0.0.1', () => resolve(server)));
}

/** Enterprises whose events arrived out of the order they happened in (first arrivals). */
function outOfOrder(): number {
  const last = new Map<string, string>();
  let wrong = 0;
  for (const { uscc, at } of received.values()) {
    const before = last.get(uscc);
    if (before && at < before) wrong++;
    last.set(uscc, at);
  }
  return wrong;
}

let running = true;
let readSeq = 0;

async function reader(tokenOf: () => string, usccs: readonly string[]): Promise<void> {
  while (running) {
    const name = `FaultRead_${process.pid}_${++readSeq}`;
    const uscc = usccs[readSeq % usccs.length];
    try {
      const { status, body } = await graphql(
        tokenOf(),
        `query ${name}($u: ID!) { enterprise(uscc: $u) { uscc name registration { establishedOn } administrativePenalties(first: 5) { decisionNo } taxArrears { arrearsAmount } qualificationGrades { grade } totalAssets { year amount } } }`,
        { u: uscc },
      );
      if (status === 200 && !body.errors?.length) {
        reads.ok++;
        succeededReads.push(name);
      } else throw new Error(`${status} ${body.errors?.[0]?.extensions?.code ?? ''}`);
    } catch (err) {
      const reason = err instanceof Error && /^\d{3}/.test(err.message) ? err.message.trim() : 'no answer';
      readFailuresByReason.set(reason, (readFailuresByReason.get(reason) ?? 0) + 1);
      reads.failed++;
      readFailuresByPhase.set(phase, (readFailuresByPhase.get(phase) ?? 0) + 1);
      await sleep(100);
    }
  }
}

/** Reads of a record right after its submission was acknowledged: the read may be served by the synchronous standby. */
const readBacks = { seen: 0, missing: 0, unavailable: 0 };
const readBacksPending: Promise<void>[] = [];

async function readBack(tokenValue: string, uscc: string, day: string, id: string): Promise<void> {
  try {
    const { status, body } = await graphql(tokenValue, 'query($u: ID!, $d: Date!) { enterprise(uscc: $u) { taxArrears(since: $d, until: $d) { id } } }', { u: uscc, d: day });
    const list = (body.data?.['enterprise'] as { taxArrears: { id: string }[] | null } | null | undefined)?.taxArrears;
    if (status !== 200 || body.errors?.length || !list) readBacks.unavailable++;
    else if (list.some((r) => r.id === id)) readBacks.seen++;
    else readBacks.missing++;
  } catch {
    readBacks.unavailable++;
  }
}

async function writer(tokenOf: () => string, usccs: readonly string[]): Promise<void> {
  let n = 0;
  while (running) {
    const batchId = `fault-${process.pid}-${++n}`;
    // a day of its own (within the last 180) for each record, so that its read-back lists few records
    const day = new Date(Date.UTC(2026, 5, 1) + (n % 180) * 86_400_000).toISOString().slice(0, 10);
    const uscc = usccs[n % usccs.length] ?? '';
    const records = [{ uscc, announcedOn: day, taxType: `FAULT-${process.pid}-${n}`, arrearsAmount: '100.00' }];
    // a batch that got an error is re-sent as it was: the batch id makes it safe
    for (;;) {
      const start = Date.now();
      try {
        const { status, body } = await graphql(tokenOf(), 'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD04", records: $r) { accepted acceptedIds } }', {
          b: batchId,
          r: records,
        });
        const report = body.data?.['submitAdverseRecords'] as { accepted: number; acceptedIds: string[] } | undefined;
        if (status === 200 && report?.accepted === 1) {
          ledger.set(batchId, report.acceptedIds);
          writeSuccesses.push({ start, end: Date.now() });
          // read back beside the next writes, not before them: a read waits for its audit record
          // through the leader change, and must not hold the writes that measure it
          readBacksPending.push(readBack(tokenOf(), uscc, day, report.acceptedIds[0] ?? ''));
          break;
        }
        throw new Error(body.errors?.[0]?.message ?? String(status));
      } catch {
        writeFailures.push(Date.now());
        resends++;
        await sleep(250);
      }
    }
    await sleep(250);
  }
}

async function occasional(every: number, work: () => Promise<boolean>, counts: Counts): Promise<void> {
  while (running) {
    try {
      if (await work()) counts.ok++;
      else counts.failed++;
    } catch {
      counts.failed++;
    }
    await sleep(every);
  }
}

function kill(name: string): void {
  const pid = runningPid(name);
  if (pid === undefined) throw new Error(`${name} is not running`);
  signalGroup(pid, 'SIGKILL');
}

/** The loss of a database machine: Patroni and the PostgreSQL it runs (a session of its own) together. */
function killDatabaseNode(node: string): void {
  const postmaster = Number(readFileSync(path.join(LOCAL, 'cluster', 'postgres', node, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  kill(`cluster-patroni-${node}`);
  signalGroup(postmaster, 'SIGKILL');
}

async function leader(): Promise<string> {
  for (const n of topology.postgres.nodes) {
    const res = await fetch(`http://${n.host}:${n.restPort}/primary`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    if (res?.ok) return n.name;
  }
  throw new Error('no PostgreSQL leader');
}

async function main(): Promise<void> {
  const started = Date.now();
  await cluster('up', '--seed');
  const env = clusterServicesEnv();
  const keycloak = env['KEYCLOAK_URL'] ?? '';
  let member = await demoClientToken(keycloak, 'svc-tax');
  // three reading agencies: each has its own per-minute budget, as at the windows
  const readerClients = ['svc-court', 'svc-aic-city', 'svc-aic-yuzhong'];
  const readerTokens = await Promise.all(readerClients.map((c) => demoClientToken(keycloak, c)));
  let bidding = await demoClientToken(keycloak, 'svc-bidding-platform');
  // tokens live five minutes: renewed every two minutes; Keycloak keeps its state in the same
  // PostgreSQL, so a renewal during the leader change fails and is tried again shortly
  const renewOne = (client: string, keep: (t: string) => void): void => void demoClientToken(keycloak, client).then(keep, () => setTimeout(() => renewOne(client, keep), 5_000));
  const renew = setInterval(() => {
    renewOne('svc-tax', (t) => (member = t));
    renewOne('svc-bidding-platform', (t) => (bidding = t));
    readerClients.forEach((c, i) => renewOne(c, (t) => (readerTokens[i] = t)));
  }, 120_000);
  const demo = { seed: DEFAULT_SEED, size: 2000, personHashKey: env['PERSON_HASH_KEY'] ?? '' };
  const usccs = Array.from({ length: 2000 }, (_, i) => generateEnterprise(demo, i).directory.uscc);

  // the tax bureau watches the enterprises the writer submits about, at the test's receiver
  const receiver = await startReceiver();
  const watched = usccs.slice(0, 20);
  const watch = await graphql(member, 'mutation($i: WatchInput!) { createWatch(input: $i) { watch { id } } }', {
    i: { name: `fault-${process.pid}`, endpoint: `http://127.0.0.1:${RECEIVER_PORT}/hook`, usccs: watched, indicators: ['AD04'] },
  });
  const watchId = (watch.body.data?.['createWatch'] as { watch: { id: string } } | undefined)?.watch.id;
  if (!watchId) throw new Error(`no watch: ${JSON.stringify(watch.body.errors)}`);

  const load = [
    ...readerClients.map((_, i) => reader(() => readerTokens[i] ?? '', usccs)),
    writer(() => member, watched),
    occasional(
      3_000,
      async () =>
        (await graphql(bidding, 'query($c: [ID!]!, $d: Date!) { bidderCheck(usccs: $c, bidDate: $d) { ruleSetVersion results { uscc } } }', { c: usccs.slice(0, 1000), d: '2026-12-01' })).body
          .errors === undefined,
      checks,
    ),
    occasional(
      5_000,
      async () =>
        (
          await fetch(`${gateway}/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${member}`, 'x-query-purpose': 'SUPERVISION' },
            body: JSON.stringify({ uscc: usccs[7] }),
          })
        ).status === 201,
      reports,
    ),
  ];

  const step = async (name: string, action: () => void | Promise<void>, waitMs: number) => {
    phase = name;
    log(name);
    await action();
    await sleep(waitMs);
  };
  await step('steady', () => undefined, 20_000);
  await step('kill gateway-1', () => kill('cluster-gateway-1'), 10_000);
  await step('restart', () => cluster('up'), 5_000);
  for (const s of SUBGRAPHS) {
    await step(`kill ${s.name}-1`, () => kill(`cluster-${s.name}-1`), 8_000);
    await step('restart', () => cluster('up'), 3_000);
  }
  const old = await leader();
  let killedAt = 0;
  await step(
    `kill the PostgreSQL leader (${old})`,
    () => {
      killedAt = Date.now();
      killDatabaseNode(old);
    },
    30_000,
  );
  const promoted = await leader();
  await step('restart', () => cluster('up'), 10_000);
  await step('kill dispatcher-1', () => kill('cluster-dispatcher-1'), 8_000);
  await step('restart', () => cluster('up'), 3_000);
  await step('steady', () => undefined, 15_000);
  running = false;
  clearInterval(renew);
  await Promise.all(load);
  await Promise.all(readBacksPending);

  // every acknowledged record's event delivered (at least once), within a minute of the end
  const ids0 = [...ledger.values()].flat();
  const deliveredIds = () => new Set([...received.values()].map((e) => e.recordId));
  for (const until = Date.now() + 60_000; ids0.some((id) => !deliveredIds().has(id)) && Date.now() < until;) await sleep(1_000);
  const undelivered = ids0.filter((id) => !deliveredIds().has(id)).length;
  await graphql(member, 'mutation($w: ID!) { deleteWatch(watchId: $w) }', { w: watchId });
  receiver.close();

  // writes: from the leader's loss to the first acknowledged write after it
  // writes: from the leader's loss to the first acknowledgement of a write begun after it (a write
  // may fail and be re-sent, or wait in HAProxy's queue for the new leader: either way it is late)
  const recovered = writeSuccesses.filter((w) => w.start >= killedAt).reduce((first, w) => Math.min(first, w.end), Infinity);
  const unavailableMs = Number.isFinite(recovered) ? recovered - killedAt : NaN;
  const slowestWriteMs = writeSuccesses.reduce((most, w) => Math.max(most, w.end - w.start), 0);

  // every acknowledged record is stored, once
  const adminUrl = new URL(env['DATABASE_URL'] ?? '');
  const ids = [...ledger.values()].flat();
  const adverse = new Client({ connectionString: Object.assign(new URL(adminUrl), { pathname: '/credit_adverse' }).toString() });
  await adverse.connect();
  const stored = (await adverse.query<{ n: string }>('SELECT count(*) AS n FROM records WHERE id = ANY($1)', [ids])).rows[0]?.n;
  await adverse.end();
  const audit = new Client({ connectionString: Object.assign(new URL(adminUrl), { pathname: '/credit_audit' }).toString() });
  await audit.connect();
  const audited = new Set(
    (await audit.query<{ operation_name: string }>('SELECT operation_name FROM audit_events WHERE operation_name LIKE $1', [`FaultRead_${process.pid}_%`])).rows.map((r) => r.operation_name),
  );
  await audit.end();
  const unaudited = succeededReads.filter((n) => !audited.has(n)).length;

  // where the read sessions are: the subgraphs' read pools, on each node (proof that the standby serves reads)
  const readSessions: string[] = [];
  for (const node of topology.postgres.nodes) {
    const client = new Client({ connectionString: Object.assign(new URL(adminUrl), { hostname: node.host, port: String(node.port), pathname: '/postgres' }).toString() });
    await client.connect();
    const row = (await client.query<{ standby: boolean; n: string }>("SELECT pg_is_in_recovery() AS standby, count(*) AS n FROM pg_stat_activity WHERE application_name LIKE 'credit-%-reads'"))
      .rows[0];
    await client.end();
    readSessions.push(`${node.name} (${row?.standby ? 'standby' : 'leader'}): ${row?.n ?? 0}`);
  }

  const readFailurePct = (100 * reads.failed) / Math.max(1, reads.ok + reads.failed);
  const rows = [
    ['reads (member profile across four subgraphs)', `${reads.ok} ok, ${reads.failed} failed (${readFailurePct.toFixed(3)} %)`],
    ['read failures by cause', [...readFailuresByReason.entries()].map(([p, n]) => `${p}: ${n}`).join('; ') || 'none'],
    ['read failures by phase', [...readFailuresByPhase.entries()].map(([p, n]) => `${p}: ${n}`).join('; ') || 'none'],
    ['bidder checks of 1,000 codes', `${checks.ok} ok, ${checks.failed} failed`],
    ['credit reports issued', `${reports.ok} ok, ${reports.failed} refused`],
    ['submissions acknowledged (one record each)', `${ledger.size}; re-sent after an error: ${resends}`],
    ['acknowledged records stored after the run', `${stored} of ${ids.length}`],
    ['member reads without their audit record', String(unaudited)],
    ['read sessions of the subgraphs at the end, by node', readSessions.join('; ')],
    ['acknowledged records read back at once (reads served by the synchronous standby or the leader)', `${readBacks.seen} seen, ${readBacks.missing} missing, ${readBacks.unavailable} unavailable`],
    [
      'change events of acknowledged records delivered by webhook',
      `${ids0.length - undelivered} of ${ids0.length} (${deliveries} deliveries of ${received.size} events: a redelivery carries the same event id)`,
    ],
    ['events that arrived before an earlier event of the same enterprise', String(outOfOrder())],
    ['PostgreSQL leader', `${old} killed, ${promoted} promoted`],
    ['write unavailability while the leader changed (kill to the first acknowledgement of a write begun after it)', `${(unavailableMs / 1000).toFixed(1)} s`],
    ['slowest acknowledged write (it waited for the new leader)', `${(slowestWriteMs / 1000).toFixed(1)} s; writes refused and re-sent: ${writeFailures.length}`],
  ];
  const checksFailed = [
    Number(stored) !== ids.length ? 'an acknowledged record is missing' : '',
    unaudited > 0 ? 'a member read has no audit record' : '',
    readBacks.missing > 0 ? 'a read missed an acknowledged record' : '',
    readFailurePct > 0.1 ? 'more than 0.1 % of reads failed' : '',
    undelivered > 0 ? 'a change event was not delivered' : '',
    outOfOrder() > 0 ? 'events of an enterprise arrived out of order' : '',
    ledger.size === 0 || reads.ok === 0 || readBacks.seen === 0 ? 'no load got through' : '',
    !(unavailableMs < 30_000) ? 'no write begun after the leader was killed was acknowledged within 30 s' : '',
  ].filter(Boolean);
  const text = `# Cluster under faults, ${new Date().toISOString()}

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; everything on it: etcd, two PostgreSQL nodes under Patroni, HAProxy, Redis, Keycloak, two gateways, two instances of each subgraph, two dispatchers. \`npm run test:cluster\`, ${Math.round((Date.now() - started) / 1000)} s.

| | |
|---|---|
${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}

Checks failed: ${checksFailed.length ? checksFailed.join('; ') : 'none'}.
`;
  const file = path.join(ROOT, 'bench', 'results', `cluster-faults-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
  writeFileSync(file, text);
  process.stdout.write(`${text}\nwritten to ${file}\n`);
  if (checksFailed.length) process.exit(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
