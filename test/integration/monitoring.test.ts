// Dynamic monitoring: watches managed through GraphQL, every change pushed to a real receiver
// (signed, at least once, in order per enterprise, withheld where the watcher may not read it),
// through a receiver that is down, slow, failing, gone or checking with another secret, and
// through a dispatcher killed mid-delivery; the pull feed; clear refusals of bad watches.
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../platform/logger';
import { Dispatcher } from '../../monitoring/dispatcher';
import { ownerRightsFromEnv } from '../../monitoring/owner-rights';
import { directoryRegions } from '../../monitoring/enterprise-regions';
import { AuditLog } from '../../audit/audit-log';
import { daysBefore, todayIso } from '../../schema/today';
import { addDuration } from '../../schema/display-windows';
import { verifySignature } from '../../monitoring/signature';
import { usccOf } from '../../scripts/demo-data/generate';
import { DEMO_WATCH_ID, ensureDemoWatch } from '../../scripts/demo-data/demo-watch';
import { emitDisplayChanges } from '../../monitoring/display-events';
import { databaseName, openChangeFeed, openMonitoringStore, storageConfigFromEnv } from '../../storage/index';
import type { ChangeFeed, WatchEvent } from '../../storage/port';
import { SUBGRAPHS } from '../../subgraphs/index';
import { recordId } from '../../storage/record-id';
import { startTestSystem, type TestSystem } from './harness';
import { submitPenalty } from './adverse-records';
import { freePort, killGroup, startService } from './processes';
import { Client } from 'pg';
import { serviceToken, setUserRealmRole, userToken } from './tokens';

type Mode = 'ok' | 'fail' | 'slow' | 'gone';

interface Received {
  id: string;
  uscc: string;
  body: Record<string, unknown>;
  signed: boolean;
}

/** A webhook receiver on a fixed port that can be taken down and brought back. */
class Receiver {
  readonly received: Received[] = [];
  /** Every event id posted here, signed or not. */
  readonly posted: string[] = [];
  mode: Mode = 'ok';
  secret = '';
  private server: http.Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const signed = verifySignature(this.secret, raw, String(req.headers['x-credit-signature'] ?? ''));
        this.posted.push(String(req.headers['x-credit-event-id'] ?? ''));
        if (this.mode === 'gone') return void res.writeHead(410).end();
        if (this.mode === 'fail') return void res.writeHead(500).end();
        if (this.mode === 'slow') return void setTimeout(() => res.writeHead(200).end(), 1500);
        // a receiver checks the signature and refuses what does not carry it
        if (!signed) return void res.writeHead(401).end();
        const body = JSON.parse(raw) as Record<string, unknown>;
        this.received.push({ id: String(body['id']), uscc: String((body['enterprise'] as { uscc: string }).uscc), body, signed });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  ids(): Set<string> {
    return new Set(this.received.map((r) => r.id));
  }
}

let system: TestSystem;
let feeds: { source: string; feed: ChangeFeed }[];
const logger = createLogger('dispatcher', { LOG_LEVEL: 'error' });

beforeAll(async () => {
  system = await startTestSystem(60, { WEBHOOK_ALLOW_LOOPBACK_HTTP: '1' });
  feeds = await Promise.all(SUBGRAPHS.map(async (s) => ({ source: s.name, feed: await openChangeFeed(storageConfigFromEnv(process.env), databaseName(system.dbPrefix, s.name)) })));
});
afterAll(async () => {
  for (const { feed } of feeds ?? []) await feed.close();
  await system?.stop();
});

function dispatcher(options: { retryForMs?: number } = {}): Dispatcher {
  if (!system.monitoring) throw new Error('monitoring needs PostgreSQL');
  const audit = new AuditLog((events) => system.audit.append(events));
  // owners' rights read from Keycloak, kept half a second, so a change shows soon
  const owners = ownerRightsFromEnv({ ...process.env, OWNER_RIGHTS_TTL_MS: '500' });
  const regions = directoryRegions(system.subgraphs.identity.running.url, system.hopKey, () => serviceToken('svc-dispatcher'));
  return new Dispatcher({ store: system.monitoring, feeds, policy: { allowLoopbackHttp: true }, logger, audit, owners, regions, timeoutMs: 1000, maxBackoffMs: 300, idleMs: 50, ...options });
}

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const CREATE = 'mutation($i: WatchInput!) { createWatch(input: $i) { secret watch { id endpoint region indicators paused enterpriseCount } } }';
const SUBMIT = 'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD04", records: $r) { accepted rejected } }';
const arrears = (uscc: string, day: number, taxType = '印花税') => ({
  uscc,
  announcedOn: new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
  taxType,
  arrearsAmount: `${day + 1}.00`,
});

async function createWatch(token: string, input: Record<string, unknown>, purpose: string | null = 'SUPERVISION') {
  const res = await system.query<{ createWatch: { secret: string | null; watch: { id: string; paused: boolean; enterpriseCount: number } } }>(CREATE, { i: input }, token, { purpose });
  if (!res.data?.createWatch) throw new Error(JSON.stringify(res.errors));
  return res.data.createWatch;
}

/** Submits in calls of at most 1,000 records (the mutation's limit). */
async function submit(token: string, batchId: string, records: unknown[]): Promise<void> {
  for (let i = 0; i < records.length; i += 1000) {
    const chunk = records.slice(i, i + 1000);
    const res = await system.query<{ submitAdverseRecords: { accepted: number } }>(SUBMIT, { b: `${batchId}-${i}`, r: chunk }, token);
    expect(res.data?.submitAdverseRecords.accepted).toBe(chunk.length);
  }
}

/** Events of each enterprise arrived in the order the watch's feed holds them. */
async function expectInOrder(watchId: string, receiver: Receiver): Promise<void> {
  const order = new Map<string, string[]>();
  let after: string | null = null;
  for (;;) {
    const page: WatchEvent[] | undefined = await system.monitoring?.feed(watchId, after, 1000);
    if (!page?.length) break;
    for (const e of page) order.set(e.event.uscc, [...(order.get(e.event.uscc) ?? []), e.event.id]);
    after = page[page.length - 1]?.seq ?? after;
  }
  for (const [uscc, ids] of order) {
    const arrived = [...new Set(receiver.received.filter((r) => r.uscc === uscc).map((r) => r.id))];
    expect(arrived).toEqual(ids);
  }
}

describe('webhooks', () => {
  it('push each change, signed, with only what the watcher may read, and feed it to a watch without endpoint', async () => {
    const receiver = new Receiver();
    await receiver.up();
    const tax = await serviceToken('svc-tax');
    const [a, b] = [system.enterprise(0).directory.uscc, system.enterprise(1).directory.uscc];
    const watch = await createWatch(tax, { name: 'arrears', endpoint: receiver.url, usccs: [a, b], indicators: ['AD04'] });
    receiver.secret = watch.secret ?? '';
    expect(watch.watch).toMatchObject({ enterpriseCount: 2, paused: false });
    const bidding = await serviceToken('svc-bidding-platform');
    const pull = await createWatch(bidding, { usccs: [a], categories: ['ADVERSE'] }, null);
    expect(pull.secret).toBeNull();

    const run = dispatcher();
    run.start();
    try {
      await submit(tax, 'watch-1', [arrears(a, 1), arrears(b, 2)]);
      await until('two deliveries', () => receiver.received.length >= 2);
    } finally {
      await run.stop();
      await receiver.down();
    }
    const first = receiver.received.find((r) => r.uscc === a)?.body;
    expect(first).toMatchObject({ change: 'CREATED', indicator: 'AD04', enterprise: { uscc: a }, watchId: watch.watch.id, attributes: { taxType: '印花税', arrearsAmount: '2.00' } });
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    // each delivery is in the audit trail, under the watch's owner, with the enterprise and indicator
    const deliveries = (await system.audit.find({ enterprise: a, from: new Date(Date.now() - 600_000), to: new Date(Date.now() + 60_000), limit: 100 })).filter(
      (e) => e.operationName === 'webhook.delivery',
    );
    expect(deliveries).toContainEqual(
      expect.objectContaining({
        agency: 'tax',
        roles: expect.arrayContaining(['credit-member']),
        indicators: ['AD04'],
        delivery: expect.objectContaining({ watchId: watch.watch.id, host: new URL(receiver.url).host }),
      }),
    );

    const feed = await system.query<{
      creditEvents: { events: { id: string; uscc: string; change: string; cursor: string; attributes: Record<string, unknown> }[]; cursor: string; hasMore: boolean };
    }>('query($w: ID!, $a: String) { creditEvents(watchId: $w, after: $a, first: 10) { cursor hasMore events { id uscc change cursor attributes } } }', { w: pull.watch.id, a: null }, bidding, {
      purpose: null,
    });
    expect(feed.data?.creditEvents.events).toEqual([expect.objectContaining({ id: first?.['id'], uscc: a, change: 'CREATED' })]);
    const again = await system.query<{ creditEvents: { events: unknown[] } }>(
      'query($w: ID!, $a: String) { creditEvents(watchId: $w, after: $a) { events { id } } }',
      { w: pull.watch.id, a: feed.data?.creditEvents.cursor },
      bidding,
      { purpose: null },
    );
    expect(again.data?.creditEvents.events).toEqual([]);
    // the feed read is a disclosure: its audit event names the enterprise it returned
    await system.gateway.flushAudit();
    const audited = await system.audit.find({ enterprise: a, from: new Date(Date.now() - 600_000), to: new Date(Date.now() + 60_000), limit: 100 });
    expect(audited.some((e) => e.indicators.length === 0 && e.operationType === 'query' && e.client === 'svc-bidding-platform')).toBe(true);
    // a cursor past any outbox position is the caller's mistake, not a store failure
    const tooFar = await system.query('query($w: ID!) { creditEvents(watchId: $w, after: "9999999999999999999") { cursor } }', { w: pull.watch.id }, bidding, { purpose: null });
    expect(tooFar.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(tooFar.errors?.[0]?.message).toMatch(/^after: /);
  });

  it("pushes a change once to a receiver however many of one owner's watches match it; each watch's feed still holds it", async () => {
    const receiver = new Receiver();
    await receiver.up();
    const tax = await serviceToken('svc-tax');
    const u = system.enterprise(1).directory.uscc;
    const first = await createWatch(tax, { name: 'one', endpoint: receiver.url, usccs: [u], indicators: ['AD04'] });
    const second = await createWatch(tax, { name: 'two', endpoint: receiver.url, usccs: [u], categories: ['ADVERSE'] });
    receiver.secret = first.secret ?? '';
    const run = dispatcher();
    run.start();
    try {
      await submit(tax, 'dedup-1', [arrears(u, 400)]);
      await until('a delivery', () => receiver.received.some((r) => r.uscc === u));
      // time for a second push, were one made
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await run.stop();
      await receiver.down();
    }
    const pushed = receiver.received.filter((r) => r.uscc === u);
    expect(pushed).toHaveLength(1);
    expect(receiver.posted.filter((id) => id === pushed[0]?.id)).toHaveLength(1);
    expect(pushed[0]?.body['watchId']).toBe(first.watch.id);
    const held = (await system.monitoring?.feed(second.watch.id, null, 100)) ?? [];
    expect(held.map((e) => e.event.id)).toContain(pushed[0]?.id);
  });

  it('loses nothing of a 5,000-record submission sent while the receiver is down, and keeps each enterprise in order', async () => {
    const receiver = new Receiver();
    await receiver.up();
    await receiver.down();
    const tax = await serviceToken('svc-tax');
    const watched = Array.from({ length: 50 }, (_, i) => system.enterprise(i + 2).directory.uscc);
    const watch = await createWatch(tax, { endpoint: receiver.url, usccs: watched, indicators: ['AD04'] });
    receiver.secret = watch.secret ?? '';
    const run = dispatcher();
    run.start();
    try {
      const records = Array.from({ length: 5000 }, (_, i) => arrears(watched[i % 50] ?? '', Math.floor(i / 50), i % 2 ? '印花税' : '房产税'));
      await submit(tax, 'down-1', records.slice(0, 2500));
      await submit(tax, 'down-2', records.slice(2500));
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.received).toHaveLength(0);
      await receiver.up();
      await until('5,000 events delivered', () => receiver.ids().size >= 5000, 240_000);
    } finally {
      await run.stop();
      await receiver.down();
    }
    expect(receiver.ids().size).toBe(5000);
    await expectInOrder(watch.watch.id, receiver);
  }, 300_000);

  it('delivers everything when the dispatcher is killed mid-delivery and started again', async () => {
    const receiver = new Receiver();
    await receiver.up();
    const tax = await serviceToken('svc-tax');
    const watched = Array.from({ length: 8 }, (_, i) => system.enterprise(i + 52).directory.uscc);
    const watch = await createWatch(tax, { endpoint: receiver.url, usccs: watched, indicators: ['AD04'] });
    receiver.secret = watch.secret ?? '';
    const port = await freePort();
    // the dispatcher reads registered regions from this system's identity subgraph
    const env = { WEBHOOK_ALLOW_LOOPBACK_HTTP: '1', WEBHOOK_MAX_BACKOFF_MS: '300', DISPATCHER_METRICS_PORT: String(port), IDENTITY_SUBGRAPH_URL: system.subgraphs.identity.running.url };
    const start = () => startService(system, 'dispatcher', env);
    let proc: ChildProcess | undefined;
    try {
      await submit(
        tax,
        'kill-1',
        Array.from({ length: 2000 }, (_, i) => arrears(watched[i % 8] ?? '', 400 + Math.floor(i / 8))),
      );
      proc = await start();
      await until('some deliveries', () => receiver.received.length > 100, 120_000);
      killGroup(proc, 'SIGKILL');
      await new Promise((r) => proc?.once('exit', r));
      const before = receiver.ids().size;
      expect(before).toBeLessThan(2000);
      proc = await start();
      await until('2,000 events delivered', () => receiver.ids().size >= 2000, 240_000);
    } finally {
      if (proc && proc.exitCode === null) {
        const exited = new Promise((r) => proc?.once('exit', r));
        killGroup(proc, 'SIGTERM');
        await exited;
      }
      await receiver.down();
    }
    expect(receiver.ids().size).toBe(2000);
    // at least once: a delivery cut off by the kill may come twice, always under its own id
    expect(receiver.received.length).toBeGreaterThanOrEqual(2000);
    await expectInOrder(watch.watch.id, receiver);
  }, 300_000);
});

describe('an enterprise', () => {
  it('watches its own record only, and follows each step of its repair, which reaches a member watcher too', async () => {
    const debo = await userToken('ent-debo');
    const own = system.enterprise(0).directory.uscc;
    const another = await system.query(CREATE, { i: { usccs: [system.enterprise(1).directory.uscc] } }, debo, { purpose: null });
    expect(another.errors?.[0]).toMatchObject({ message: expect.stringMatching(/watches its own record only/), extensions: { code: 'FORBIDDEN' } });
    const region = await system.query(CREATE, { i: { region: '500103' } }, debo, { purpose: null });
    expect(region.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const mine = await createWatch(debo, { usccs: [own], indicators: ['AD01'] }, null);
    const receiver = new Receiver();
    await receiver.up();
    const member = await createWatch(await serviceToken('svc-tax'), { endpoint: receiver.url, usccs: [own], indicators: ['AD01'] });
    receiver.secret = member.secret ?? '';

    const decisionNo = `渝市监罚〔2026〕监测${Date.now()}号`;
    const penaltyId = await submitPenalty(system, `watch-repair-${Date.now()}`, {
      uscc: own,
      decisionNo,
      decidedOn: todayIso(new Date(Date.now() - 130 * 86_400_000)),
      authority: '重庆市市场监督管理局',
      violation: '未按规定公示年度报告',
      penaltyTypes: ['FINE'],
      fineAmount: '900.00',
      severity: 'GENERAL',
    });
    const applied = await system.query<{ applyForCreditRepair: { id: string } }>(
      'mutation($r: ID!) { applyForCreditRepair(recordId: $r, measures: "已缴清罚款", evidence: [{ name: "a.pdf", base64: "JVBERi0xLjQK" }], commitment: "承诺守法经营") { id } }',
      { r: penaltyId },
      debo,
      { purpose: null },
    );
    expect(applied.errors).toBeUndefined();
    const approved = await system.query(
      'mutation($a: ID!) { decideCreditRepair(applicationId: $a, decision: APPROVED, reasons: "同意修复") { status } }',
      { a: applied.data?.applyForCreditRepair.id },
      await serviceToken('svc-aic-city'),
    );
    expect(approved.errors).toBeUndefined();

    const run = dispatcher();
    run.start();
    const changesIn = async () =>
      (
        await system.query<{ creditEvents: { events: { recordId: string; change: string; attributes: Record<string, unknown> }[] } }>(
          'query($w: ID!) { creditEvents(watchId: $w, first: 100) { events { recordId change attributes } } }',
          { w: mine.watch.id },
          debo,
          { purpose: null },
        )
      ).data?.creditEvents.events.filter((e) => e.recordId === penaltyId) ?? [];
    try {
      await until('the repair delivered to the member', () => receiver.received.some((r) => r.body['recordId'] === penaltyId && r.body['change'] === 'REPAIRED'));
      await until("the repair in the enterprise's feed", async () => (await changesIn()).some((e) => e.change === 'REPAIRED'));
    } finally {
      await run.stop();
      await receiver.down();
    }
    const steps = await changesIn();
    expect(steps.map((e) => e.change)).toEqual(['CREATED', 'REPAIR_APPLIED', 'REPAIRED']);
    expect(steps[0]?.attributes).toMatchObject({ decisionNo, severity: 'GENERAL' });
    expect(receiver.received.filter((r) => r.body['recordId'] === penaltyId).map((r) => r.body['change'])).toEqual(['CREATED', 'REPAIR_APPLIED', 'REPAIRED']);
  });
});

describe('dispatchers', () => {
  it('run one at a time: a second stands by until the first lets go', async () => {
    if (!system.monitoring) throw new Error('monitoring needs PostgreSQL');
    const other = await openMonitoringStore(storageConfigFromEnv(process.env), databaseName(system.dbPrefix, 'monitoring'));
    try {
      const first = await system.monitoring.tryDispatcherRole();
      expect(first).not.toBeNull();
      expect(await other.tryDispatcherRole()).toBeNull();
      await first?.release();
      const second = await other.tryDispatcherRole();
      expect(second).not.toBeNull();
      await second?.release();
    } finally {
      await other.close();
    }
  });

  it('know they lost the role when their database session ends (as in a failover), so that only the new holder delivers', async () => {
    if (!system.monitoring) throw new Error('monitoring needs PostgreSQL');
    const other = await openMonitoringStore(storageConfigFromEnv(process.env), databaseName(system.dbPrefix, 'monitoring'));
    const admin = new Client({ connectionString: process.env['DATABASE_URL'] });
    await admin.connect();
    try {
      const first = await system.monitoring.tryDispatcherRole();
      if (!first) throw new Error('no role');
      let lost = false;
      void first.lost.then(() => (lost = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(lost).toBe(false);
      // the session holding the lock ends, from outside, as a failover ends it
      const ended = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = 7301017 AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = $1)",
        [databaseName(system.dbPrefix, 'monitoring')],
      );
      expect(ended.rowCount).toBe(1);
      await Promise.race([first.lost, new Promise((_, reject) => setTimeout(() => reject(new Error('the loss was not noticed within 5 s')), 5_000))]);
      const second = await other.tryDispatcherRole();
      expect(second).not.toBeNull();
      await second?.release();
      await first.release();
    } finally {
      await admin.end();
      await other.close();
    }
  });
});

describe('receivers that misbehave', () => {
  it('retries a failing, slow or signature-refusing receiver, pauses on 410, parks dead letters and replays them', async () => {
    const receiver = new Receiver();
    await receiver.up();
    const tax = await serviceToken('svc-tax');
    const uscc = system.enterprise(59).directory.uscc;
    const created = await createWatch(tax, { endpoint: receiver.url, usccs: [uscc], indicators: ['AD04'] });
    const watchId = created.watch.id;
    const log = async () =>
      (await system.query<{ watchDeliveries: { status: number | null; error: string | null }[] }>('query($w: ID!) { watchDeliveries(watchId: $w, first: 200) { status error } }', { w: watchId }, tax))
        .data?.watchDeliveries ?? [];
    const run = dispatcher({ retryForMs: 2500 });
    run.start();
    try {
      // the receiver checks with a secret that is not the watch's: refused (401), retried
      receiver.secret = 'whsec_not-the-right-one';
      await submit(tax, 'bad-1', [arrears(uscc, 900)]);
      await until('a refused delivery', async () => (await log()).some((l) => l.status === 401));
      // a day of retries (here 2.5 s) without success: a dead letter
      await until('a dead letter', async () => ((await system.monitoring?.deadLetters(watchId, 10)) ?? []).length === 1, 30_000);
      const rotated = await system.query<{ rotateWatchSecret: { secret: string } }>('mutation($w: ID!) { rotateWatchSecret(watchId: $w) { secret } }', { w: watchId }, tax);
      receiver.secret = rotated.data?.rotateWatchSecret.secret ?? '';
      const replayed = await system.query<{ replayDeadLetters: number }>('mutation($w: ID!) { replayDeadLetters(watchId: $w) }', { w: watchId }, tax);
      expect(replayed.data?.replayDeadLetters).toBe(1);
      await until('the replayed event', () => receiver.received.length === 1);

      receiver.mode = 'fail';
      await submit(tax, 'bad-2', [arrears(uscc, 901)]);
      await until('500s retried', async () => (await log()).filter((l) => l.status === 500).length >= 2);
      receiver.mode = 'slow';
      await until('a timed-out attempt', async () => (await log()).some((l) => l.status === null && /no answer within/.test(l.error ?? '')));
      receiver.mode = 'ok';
      await until('delivered after failures', () => receiver.received.length === 2);

      receiver.mode = 'gone';
      await submit(tax, 'bad-3', [arrears(uscc, 902)]);
      await until('paused by 410', async () => (await system.monitoring?.findWatch(watchId))?.paused === true);
      receiver.mode = 'ok';
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(2);
      await system.query('mutation($w: ID!) { setWatchPaused(watchId: $w, paused: false) { paused } }', { w: watchId }, tax);
      await until('delivered after resuming', () => receiver.received.length === 3);
    } finally {
      await run.stop();
      await receiver.down();
    }
  }, 120_000);

  it('lets no receiver hold up the others: one that drips its answer is cut off, while other watches and the pull feed carry on', async () => {
    // takes each request and answers a byte every 100 ms: a valid status line and headers, then a body that never ends
    const sockets = new Set<net.Socket>();
    let peak = 0;
    const answer = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000000\r\n\r\n';
    const drip = net.createServer((socket) => {
      sockets.add(socket);
      peak = Math.max(peak, sockets.size);
      socket.on('error', () => undefined);
      let sent = 0;
      const timer = setInterval(() => socket.write(answer[sent++] ?? '.'), 100);
      socket.on('close', () => {
        clearInterval(timer);
        sockets.delete(socket);
      });
    });
    await new Promise<void>((resolve) => drip.listen(0, '127.0.0.1', resolve));
    const healthy = new Receiver();
    await healthy.up();
    const tax = await serviceToken('svc-tax');
    const dripped = Array.from({ length: 10 }, (_, i) => system.enterprise(i + 10).directory.uscc);
    const [fine, pulled] = [system.enterprise(20).directory.uscc, system.enterprise(21).directory.uscc];
    await createWatch(tax, { endpoint: `http://127.0.0.1:${(drip.address() as AddressInfo).port}/hook`, usccs: dripped, indicators: ['AD04'] });
    const good = await createWatch(tax, { endpoint: healthy.url, usccs: [fine], indicators: ['AD04'] });
    healthy.secret = good.secret ?? '';
    const feedOnly = await createWatch(tax, { usccs: [pulled], indicators: ['AD04'] });
    const run = dispatcher();
    run.start();
    try {
      await submit(
        tax,
        'drip-1',
        dripped.map((u) => arrears(u, 950)),
      );
      await until('the drip receiver holding connections', () => sockets.size > 0);
      await submit(tax, 'drip-2', [arrears(fine, 951), arrears(pulled, 951)]);
      await until('the healthy receiver served', () => healthy.received.some((r) => r.uscc === fine), 30_000);
      await until(
        'the pull feed current',
        async () =>
          ((await system.query<{ creditEvents: { events: unknown[] } }>('query($w: ID!) { creditEvents(watchId: $w) { events { id } } }', { w: feedOnly.watch.id }, tax)).data?.creditEvents.events
            .length ?? 0) > 0,
        30_000,
      );
      // the drip receiver never got more than a watch's share of deliveries at once
      expect(peak).toBeLessThanOrEqual(4);
    } finally {
      await run.stop();
      await healthy.down();
      for (const socket of sockets) socket.destroy();
      drip.close();
    }
  }, 120_000);
});

describe('owners who lose their rights', () => {
  it('get nothing more: the watch pauses at the next delivery, and their own feed reads with the rights they hold now', async () => {
    const receiver = new Receiver();
    await receiver.up();
    const tax = await serviceToken('svc-tax');
    const u = system.enterprise(30).directory.uscc;
    const watch = await createWatch(await userToken('hrss-officer'), { endpoint: receiver.url, usccs: [u], indicators: ['AD04'] });
    receiver.secret = watch.secret ?? '';
    const run = dispatcher();
    run.start();
    try {
      await submit(tax, 'rights-1', [arrears(u, 970)]);
      await until('delivered while a member', () => receiver.received.length === 1);
      await setUserRealmRole('hrss-officer', 'credit-member', false);
      // past the half second the dispatcher keeps an owner's rights
      await new Promise((r) => setTimeout(r, 1_000));
      await submit(tax, 'rights-2', [arrears(u, 971)]);
      await until('the watch paused', async () => (await system.monitoring?.findWatch(watch.watch.id))?.paused === true);
      expect(receiver.received).toHaveLength(1);
      // no longer a member, the officer may not read the feed either
      const feed = await system.query('query($w: ID!) { creditEvents(watchId: $w) { events { id } } }', { w: watch.watch.id }, await userToken('hrss-officer', 'credit-cli-short'));
      expect(feed.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    } finally {
      await setUserRealmRole('hrss-officer', 'credit-member', true);
      await run.stop();
      await receiver.down();
    }
  }, 120_000);
});

describe('region watches', () => {
  it('match the region an enterprise is registered in, not the division its code names', async () => {
    const city = await serviceToken('svc-aic-city');
    // a code of 渝中区 (500103), registered in 巴南区 (500113)
    const uscc = usccOf('500103', 20_000_001);
    const registered = await system.query<{ submitIdentityRecords: { accepted: number } }>(
      'mutation($r: [JSON!]!) { submitIdentityRecords(batchId: "region-1", indicator: "ID01", records: $r) { accepted } }',
      {
        r: [
          {
            uscc,
            name: '重庆代码与登记地不同测试有限公司',
            enterpriseType: 'LIMITED_LIABILITY',
            address: '重庆市巴南区龙洲大道1号',
            region: '500113',
            establishedOn: '2026-05-20',
            registrationAuthority: '重庆市巴南区市场监督管理局',
          },
        ],
      },
      city,
    );
    expect(registered.data?.submitIdentityRecords.accepted).toBe(1);
    const byCode = await createWatch(city, { region: '500103', indicators: ['AD04'] });
    const byRegistration = await createWatch(city, { region: '500113', indicators: ['AD04'] });
    const feed = async (watchId: string) =>
      (
        await system.query<{ creditEvents: { events: { uscc: string }[] } }>('query($w: ID!) { creditEvents(watchId: $w, first: 1000) { events { uscc } } }', { w: watchId }, city)
      ).data?.creditEvents.events.filter((e) => e.uscc === uscc) ?? [];
    const run = dispatcher();
    run.start();
    try {
      // filed once the registration itself has been read: the region comes from the directory
      await new Promise((r) => setTimeout(r, 1_000));
      await submit(await serviceToken('svc-tax'), 'region-2', [arrears(uscc, 980)]);
      await until('the event under the registered region', async () => (await feed(byRegistration.watch.id)).length === 1);
    } finally {
      await run.stop();
    }
    expect(await feed(byCode.watch.id)).toEqual([]);
    for (const w of [byCode, byRegistration]) await system.query('mutation($w: ID!) { deleteWatch(watchId: $w) }', { w: w.watch.id }, city);
  });
});

describe('display windows', () => {
  it('tell a watcher of public data when a record leaves public display: at the end of its window, on a day the job missed, and when the rules change', async () => {
    const bidding = await serviceToken('svc-bidding-platform');
    const uscc = system.enterprise(58).directory.uscc;
    const pull = await createWatch(bidding, { usccs: [uscc], indicators: ['AD01'] }, null);
    const today = todayIso();
    const penalty = (no: number, severity: string, decidedOn: string) => ({
      uscc,
      decisionNo: `渝市监罚〔2026〕窗口${no}号`,
      decidedOn,
      authority: '重庆市市场监督管理局',
      violation: '未按规定公示年报',
      penaltyTypes: ['FINE'],
      fineAmount: '5000.00',
      severity,
    });
    // under the 2026 repair rules a GENERAL penalty is public for 1 year, a MINOR one not at all
    const res = await system.query<{ submitAdverseRecords: { accepted: number; acceptedIds: string[] } }>(
      'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "window-1", indicator: "AD01", records: $r) { accepted acceptedIds } }',
      { r: [penalty(1, 'GENERAL', today), penalty(2, 'MINOR', today)] },
      await serviceToken('svc-aic-city'),
    );
    const [general, minor] = res.data?.submitAdverseRecords.acceptedIds ?? [];
    // one stored before the rules changed (no display state): GENERAL, decided 13 months ago,
    // public under the superseded 3 years, not under today's 1 year
    const adverse = system.subgraphs.adverse.storage;
    const { uscc: _subject, ...legacy } = penalty(3, 'GENERAL', daysBefore(today, 396));
    const stored = { uscc, ind: 'AD01', agency: 'aic', agencyRegion: '500000', data: legacy, naturalKey: [legacy.decisionNo] };
    expect(await adverse.records.insertNew([stored], new Date())).toEqual([]);
    const legacyId = recordId(stored);

    // today: only the record the rule change took out of display; a second run adds nothing
    expect(await emitDisplayChanges(adverse, today)).toBeGreaterThanOrEqual(1);
    expect(await emitDisplayChanges(adverse, today)).toBe(0);
    // the job did not run on the day the GENERAL penalty's year ended: three days later it catches up
    const late = daysBefore(addDuration(today, 'P1Y'), -3);
    expect(await emitDisplayChanges(adverse, late)).toBeGreaterThanOrEqual(1);
    expect(await emitDisplayChanges(adverse, late)).toBe(0);

    const changes = async () => {
      const page = await system.query<{ creditEvents: { events: { change: string; recordId: string }[] } }>(
        'query($w: ID!) { creditEvents(watchId: $w) { events { change recordId } } }',
        { w: pull.watch.id },
        bidding,
        { purpose: null },
      );
      return page.data?.creditEvents.events.map((e) => `${e.change} ${e.recordId}`) ?? [];
    };
    const run = dispatcher();
    run.start();
    try {
      await until('the display events in the feed', async () => (await changes()).includes(`LEFT_DISPLAY ${general ?? ''}`));
    } finally {
      await run.stop();
    }
    const seen = await changes();
    expect(seen).toEqual(expect.arrayContaining([`LEFT_DISPLAY ${legacyId}`, `LEFT_DISPLAY ${general ?? ''}`, `CREATED ${general ?? ''}`]));
    // the MINOR penalty was never public: the public's watcher hears nothing of it
    expect(seen.filter((c) => c.endsWith(` ${minor ?? ''}`))).toEqual([]);
    expect(seen.filter((c) => c === `LEFT_DISPLAY ${legacyId}` || c === `LEFT_DISPLAY ${general ?? ''}`)).toHaveLength(2);

    // what a query shows the public today: the GENERAL penalty decided today, neither the MINOR one nor the old one
    const shown = await system.query<{ enterprise: { administrativePenalties: { decisionNo: string }[] } }>(
      'query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { decisionNo } } }',
      { u: uscc },
      undefined,
      { purpose: null },
    );
    const numbers = shown.data?.enterprise.administrativePenalties.map((p) => p.decisionNo) ?? [];
    expect(numbers).toContain(penalty(1, 'GENERAL', today).decisionNo);
    expect(numbers).not.toContain(penalty(2, 'MINOR', today).decisionNo);
    expect(numbers).not.toContain(legacy.decisionNo);
  });
});

describe('the demo', () => {
  it("gives the bidding platform a watch of 渝中区's adverse records, read through the pull feed", async () => {
    if (!system.monitoring) throw new Error('monitoring needs PostgreSQL');
    await ensureDemoWatch(system.monitoring);
    const bidding = await serviceToken('svc-bidding-platform');
    const res = await system.query<{ watches: { id: string; region: string; endpoint: string | null }[] }>('query { watches { id region endpoint } }', {}, bidding, { purpose: null });
    expect(res.data?.watches).toEqual(expect.arrayContaining([{ id: DEMO_WATCH_ID, region: '500103', endpoint: null }]));
  });
});

describe('bad watches', () => {
  it('are refused with the reason, and nothing changes', async () => {
    const tax = await serviceToken('svc-tax');
    const u = system.enterprise(0).directory.uscc;
    const refusal = async (input: Record<string, unknown>) => {
      const res = await system.query(CREATE, { i: input }, tax);
      return { code: res.errors?.[0]?.extensions?.['code'], message: res.errors?.[0]?.message ?? '' };
    };
    expect(await refusal({ usccs: [u], endpoint: 'not a url' })).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/not a URL/) });
    expect(await refusal({ usccs: [u], endpoint: 'ftp://127.0.0.1/x' })).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/https/) });
    expect(await refusal({ usccs: [u], endpoint: 'https://10.1.2.3/hook' })).toMatchObject({ message: expect.stringMatching(/private/) });
    expect(await refusal({ usccs: [u], endpoint: 'https://169.254.169.254/latest' })).toMatchObject({ message: expect.stringMatching(/link-local|reserved/) });
    expect(await refusal({ usccs: [u], endpoint: 'http://localhost.localdomain.invalid/x' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal({ usccs: [u], indicators: ['AD99'] })).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/unknown indicator 'AD99'/) });
    expect(await refusal({ usccs: [u], categories: ['GOSSIP'] })).toMatchObject({ message: expect.stringMatching(/unknown category/) });
    expect(await refusal({ usccs: ['NOT-A-CODE'] })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal({})).toMatchObject({ message: expect.stringMatching(/usccs.*region/) });
    expect((await system.query('query { watches { id } }', {}, await serviceToken('svc-aic-city'))).data).toEqual({ watches: [] });

    // another agency's watch is not found, whatever it asks of it
    const own = await createWatch(tax, { usccs: [u] });
    const court = await serviceToken('svc-court');
    const foreign = await system.query('mutation($w: ID!) { deleteWatch(watchId: $w) }', { w: own.watch.id }, court);
    expect(foreign.errors?.[0]?.message).toMatch(/no watch .* of yours/);
    expect((await system.query('query($w: ID!) { creditEvents(watchId: $w) { cursor } }', { w: own.watch.id }, court)).errors?.[0]?.message).toMatch(/of yours/);
    expect(await system.monitoring?.findWatch(own.watch.id)).toBeDefined();
    // anonymous callers watch nothing
    expect((await system.query(CREATE, { i: { usccs: [u] } })).errors?.[0]?.extensions?.['code']).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    // a district unit watches its own region only; the city level any
    const yuzhong = await serviceToken('svc-aic-yuzhong');
    const other = await system.query(CREATE, { i: { region: '500104' } }, yuzhong);
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/own region \(500103\) only/) });
    expect((await system.query(CREATE, { i: { region: '500103' } }, yuzhong)).data).toBeTruthy();
    expect((await system.query(CREATE, { i: { region: '500104' } }, await serviceToken('svc-aic-city'))).data).toBeTruthy();
  });

  it('lets one caller have at most 100 watches', async () => {
    const court = await serviceToken('svc-court');
    const u = system.enterprise(3).directory.uscc;
    const have = (await system.query<{ watches: unknown[] }>('query { watches { id } }', {}, court)).data?.watches.length ?? 0;
    for (let i = have; i < 100; i++) await createWatch(court, { usccs: [u] });
    const refused = await system.query(CREATE, { i: { usccs: [u] } }, court);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/100 watches/) });
  });

  it('lets one caller point at most 10 watches at one receiving host', async () => {
    const aic = await serviceToken('svc-aic-city');
    const u = system.enterprise(3).directory.uscc;
    const have = (await system.query<{ watches: { endpoint: string | null }[] }>('query { watches { endpoint } }', {}, aic)).data?.watches ?? [];
    const host = 'http://127.0.0.1:9/';
    for (let i = have.filter((w) => w.endpoint?.startsWith('http://127.0.0.1:9/')).length; i < 10; i++) await createWatch(aic, { usccs: [u], endpoint: `${host}hook-${i}` });
    const refused = await system.query(CREATE, { i: { usccs: [u], endpoint: `${host}hook-more` } }, aic);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^input\.endpoint: you have 10 watches delivering to 127\.0\.0\.1:9/) });
    // another host is still open to it
    expect((await system.query(CREATE, { i: { usccs: [u], endpoint: 'http://127.0.0.1:10/hook' } }, aic)).data).toBeTruthy();
  });

  it('lists at most 100,000 enterprises: the 100,001st is refused and the list stays as it was', async () => {
    const tax = await serviceToken('svc-tax');
    const { watch } = await createWatch(tax, { usccs: [], region: '500103' });
    const codes = Array.from({ length: 100_001 }, (_, i) => usccOf('500103', 10_000_000 + i));
    const ADD = 'mutation($w: ID!, $u: [ID!]!) { addWatchEnterprises(watchId: $w, usccs: $u) { enterpriseCount } }';
    for (let i = 0; i < 100_000; i += 20_000) {
      const res = await system.query<{ addWatchEnterprises: { enterpriseCount: number } }>(ADD, { w: watch.id, u: codes.slice(i, i + 20_000) }, tax);
      expect(res.data?.addWatchEnterprises.enterpriseCount).toBe(i + 20_000);
    }
    const over = await system.query(ADD, { w: watch.id, u: codes.slice(99_999) }, tax);
    expect(over.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/at most 100000 enterprises: it lists 100000, and these would add 1; nothing was added/),
    });
    expect(await system.monitoring?.enterpriseCount(watch.id)).toBe(100_000);
  }, 120_000);
});
