// The dispatcher: reads every subgraph's outbox in order, files each change under the watches it
// concerns (with the outbox position, in one transaction, so nothing is filed twice or skipped),
// and delivers the webhooks: signed, at least once, in order per watched enterprise, retried with
// exponential back-off for a day, then parked as dead letters the watcher can read and replay.
// A change goes to one receiver once per owner, however many of its watches match it.
// No receiver can hold the others up: filing (ingest) and delivery run as two loops; a delivery has
// a hard deadline and a cap on the answer it reads; deliveries are started as places free up, at
// most a few per watch and per receiving host at once, and each is settled when it ends.
import http from 'node:http';
import https from 'node:https';
import { changeEventsMatched, webhookDeliveries } from '../platform/metrics';
import type { Logger } from '../platform/logger';
import type { ChangeFeed, DeliveryAttempt, MonitoringStore, Watch, WatchEvent, WatchEventStatus } from '../storage/port';
import { guardedLookup, type EndpointPolicy } from './endpoint';
import { readerOf, viewFor } from './event-view';
import type { AuditLog } from '../audit/audit-log';
import type { OwnerRightsSource } from './owner-rights';
import { watchChanges, watchRegion } from '../auth/policy';
import { routeEvent, type AuditEvent } from '../audit/audit-event';
import { sign, SIGNATURE_HEADER } from './signature';
import { todayIso } from '../schema/today';

export interface DispatcherOptions {
  readonly store: MonitoringStore;
  readonly feeds: readonly { readonly source: string; readonly feed: ChangeFeed }[];
  readonly policy: EndpointPolicy;
  readonly logger: Logger;
  /** Every delivery is recorded here before it is sent: no member data leaves without its audit row. */
  readonly audit: AuditLog;
  /** What each watch's owner may read at delivery. */
  readonly owners: OwnerRightsSource;
  /** The region each enterprise is registered in (ID01), as the directory has it: how region watches match. */
  readonly regions: (usccs: readonly string[]) => Promise<Map<string, string>>;
  /** How long one delivery may take, connection, headers and answer together. */
  readonly timeoutMs?: number;
  /** Deliveries in flight at once (each to a different enterprise's queue). */
  readonly concurrency?: number;
  /** Deliveries in flight at once to one watch, and to one receiving host. */
  readonly perWatch?: number;
  readonly perHost?: number;
  /** How long an event is retried before it is a dead letter. */
  readonly retryForMs?: number;
  /** The longest wait between two attempts. */
  readonly maxBackoffMs?: number;
  readonly idleMs?: number;
}

const DAY_MS = 86_400_000;
/** The most of a receiver's answer read: its status is what counts, the body is drained and dropped. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The region an enterprise's code names (positions 3–8 of a USCC: the registering authority's division). */
export const regionOfUscc = (uscc: string) => uscc.slice(2, 8);

/** The audit event of one delivery: to whom (the watch's owner), which enterprise and indicator, where. */
function deliveryEvent(watch: Watch, eventId: string, uscc: string, indicator: string, endpoint: string): AuditEvent {
  const reader = readerOf(watch);
  return routeEvent({
    caller: reader.caller,
    ...(reader.purpose ? { purpose: reader.purpose } : {}),
    operationName: 'webhook.delivery',
    enterprises: [uscc],
    indicators: [indicator],
    delivery: { watchId: watch.id, eventId, host: hostOf(endpoint) },
  });
}

const hostOf = (endpoint: string): string => {
  try {
    return new URL(endpoint).host;
  } catch {
    return '';
  }
};

function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}

interface Outcome {
  readonly result: { watchId: string; seq: string; status: WatchEventStatus; attempts: number; nextAttemptAt: Date | null; error: string | null };
  readonly attempt?: DeliveryAttempt;
  readonly pause?: boolean;
}

export class Dispatcher {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };
  /** Deliveries under way, by watch and event position; an entry leaves only once its outcome is settled. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly perWatch = new Map<string, number>();
  private readonly perHost = new Map<string, number>();
  /** Outcomes of finished deliveries, settled together by the delivery loop. */
  private finished: { key: string; outcome: Outcome }[] = [];

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const idle = () => new Promise((r) => setTimeout(r, this.options.idleMs ?? 200));
    const loop = (name: string, step: () => Promise<number>) =>
      (async () => {
        while (this.running) {
          let busy = false;
          try {
            busy = (await step()) > 0;
          } catch (err) {
            this.options.logger.error({ err }, `dispatcher ${name} failed; retrying`);
          }
          if (!busy) await idle();
        }
      })();
    // filing never waits for a delivery, so pull feeds stay current whatever a receiver does
    this.loops = [loop('ingest', () => this.ingestAll(new Date())), loop('delivery', () => this.deliverDue(new Date()))];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await Promise.allSettled(this.inFlight.values());
    await this.settleFinished();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One round, waited for to its end: file what the outboxes hold, deliver what is due. */
  async runOnce(now = new Date()): Promise<{ ingested: number; delivered: number }> {
    const ingested = await this.ingestAll(now);
    const delivered = await this.deliverDue(now);
    await Promise.allSettled(this.inFlight.values());
    await this.settleFinished();
    return { ingested, delivered };
  }

  private async ingestAll(now: Date): Promise<number> {
    let ingested = 0;
    for (const { source, feed } of this.options.feeds) ingested += await this.ingest(source, feed, now);
    return ingested;
  }

  /** Settles what finished, then starts due deliveries into the free places; answers how many it started or settled. */
  private async deliverDue(now: Date): Promise<number> {
    const settled = await this.settleFinished();
    const free = (this.options.concurrency ?? 32) - this.inFlight.size;
    if (free <= 0) return settled;
    const due = await this.options.store.dueDeliveries(now, 1000);
    const watches = new Map<string, Watch | undefined>();
    let started = 0;
    for (const item of due) {
      if (started >= free) break;
      const key = `${item.watchId}:${item.seq}`;
      if (this.inFlight.has(key)) continue;
      if (!watches.has(item.watchId)) watches.set(item.watchId, await this.options.store.findWatch(item.watchId));
      const watch = watches.get(item.watchId);
      const host = watch?.endpoint ? hostOf(watch.endpoint) : '';
      if ((this.perWatch.get(item.watchId) ?? 0) >= (this.options.perWatch ?? 4) || (this.perHost.get(host) ?? 0) >= (this.options.perHost ?? 8)) continue;
      bump(this.perWatch, item.watchId, 1);
      bump(this.perHost, host, 1);
      const delivery = this.deliverOne(item, watch, now)
        .then(
          (outcome) => void this.finished.push({ key, outcome }),
          (err: unknown) => {
            // nothing settled: the event stays due and is tried again
            this.options.logger.error({ err }, 'delivery failed');
            this.inFlight.delete(key);
          },
        )
        .finally(() => {
          bump(this.perWatch, item.watchId, -1);
          bump(this.perHost, host, -1);
        });
      this.inFlight.set(key, delivery);
      started++;
    }
    return settled + started;
  }

  /** Writes the outcomes of finished deliveries in one transaction; their places free up only then, so none is sent twice. */
  private async settleFinished(): Promise<number> {
    const batch = this.finished;
    if (batch.length === 0) return 0;
    this.finished = [];
    const outcomes = batch.map((f) => f.outcome);
    try {
      for (const watchId of new Set(outcomes.filter((o) => o.pause).map((o) => o.result.watchId))) await this.options.store.updateWatch(watchId, { paused: true });
      await this.options.store.settle(
        outcomes.map((o) => o.result),
        outcomes.flatMap((o) => (o.attempt ? [o.attempt] : [])),
      );
    } catch (err) {
      // kept for the next round: the deliveries stay in flight, so they are not sent again meanwhile
      this.finished.push(...batch);
      throw err;
    }
    for (const f of batch) this.inFlight.delete(f.key);
    return batch.length;
  }

  private async ingest(source: string, feed: ChangeFeed, now: Date): Promise<number> {
    const { store } = this.options;
    const { events, cursor } = await feed.read(await store.position(source), 2000);
    if (events.length === 0) return 0;
    const usccs = [...new Set(events.map((e) => e.uscc))];
    // the registered region, as access rules and search use it; a registration in this very batch
    // counts from its event; an enterprise not registered at all falls back on its code's division
    const registered = await this.options.regions(usccs);
    for (const e of events) if (e.ind === 'ID01' && typeof e.data['region'] === 'string') registered.set(e.uscc, e.data['region']);
    const regionOf = (uscc: string) => registered.get(uscc) ?? regionOfUscc(uscc);
    const found = await store.watchesFor(usccs, [...new Set(usccs.map(regionOf))]);
    const listed = new Map<string, Watch[]>();
    const byRegion = new Map<string, Watch[]>();
    for (const { watch, uscc } of found) {
      const key = uscc ?? watch.region ?? '';
      const into = uscc ? listed : byRegion;
      into.set(key, [...(into.get(key) ?? []), watch]);
    }
    const matched = events.flatMap((event) => {
      const watches = new Map<string, Watch>();
      for (const w of [...(listed.get(event.uscc) ?? []), ...(byRegion.get(regionOf(event.uscc)) ?? [])]) if (!w.indicators || w.indicators.includes(event.ind)) watches.set(w.id, w);
      // one push per owner, receiver and purpose: overlapping watches of one owner deliver a change
      // to one endpoint once (under the live watch made first); the others hold it in their feeds
      const pushed = new Set<string>();
      const inOrder = [...watches.values()].sort((x, y) => Number(x.paused) - Number(y.paused) || x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
      return inOrder.map((w) => {
        const push = w.endpoint ? `${w.owner.subject}\n${w.endpoint}\n${w.purpose ?? ''}` : null;
        // a watch without an endpoint is read through its feed only
        const status: WatchEventStatus = push && !pushed.has(push) ? 'PENDING' : 'FEED';
        if (push) pushed.add(push);
        return { watchId: w.id, event, status };
      });
    });
    await store.ingest(source, cursor, matched, now);
    changeEventsMatched.inc({ source, kind: 'change' }, events.length);
    changeEventsMatched.inc({ source, kind: 'watch_event' }, matched.length);
    return events.length;
  }

  private async deliverOne(item: WatchEvent, stored: Watch | undefined, now: Date): Promise<Outcome> {
    const base = { watchId: item.watchId, seq: item.seq };
    // the owner's rights now, not when the watch was made; unread, nothing is sent and no attempt counted
    let owner: Watch['owner'] | null = null;
    if (stored) {
      try {
        owner = await this.options.owners.current(stored.owner.subject);
      } catch (err) {
        this.options.logger.warn({ err, watchId: stored.id }, "a watch owner's rights could not be read; the delivery waits");
        return { result: { ...base, status: 'PENDING', attempts: item.attempts, nextAttemptAt: new Date(now.getTime() + 30_000), error: "not sent: the watch owner's rights could not be read" } };
      }
      const caller = owner ? readerOf({ ...stored, owner }).caller : undefined;
      if (!caller || !watchChanges(caller).allowed || (stored.region !== null && !watchRegion(caller, stored.region).allowed)) {
        webhookDeliveries.inc({ outcome: 'paused' });
        return {
          result: {
            ...base,
            status: 'PENDING',
            attempts: item.attempts,
            nextAttemptAt: item.nextAttemptAt ?? now,
            error: "the watch's owner may no longer watch (account disabled or rights withdrawn): watch paused",
          },
          pause: true,
        };
      }
    }
    const watch = stored && owner ? { ...stored, owner } : undefined;
    const view = watch ? viewFor(watch, item.event, todayIso(now)) : null;
    if (!watch?.endpoint || !watch.secret || !view) {
      webhookDeliveries.inc({ outcome: 'withheld' });
      return { result: { ...base, status: 'WITHHELD', attempts: item.attempts, nextAttemptAt: null, error: 'not sent: the watcher may not read this record' } };
    }
    const body = JSON.stringify(view);
    const recorded = await this.options.audit.record(deliveryEvent(watch, item.event.id, item.event.uscc, item.event.ind, watch.endpoint)).then(
      () => true,
      () => false,
    );
    // not sent and no attempt counted: it is tried again once the audit trail takes writes
    if (!recorded)
      return {
        result: { ...base, status: 'PENDING', attempts: item.attempts, nextAttemptAt: new Date(now.getTime() + 5_000), error: 'not sent: the delivery could not be recorded in the audit trail' },
      };
    const started = performance.now();
    const answer = await this.post(watch.endpoint, body, watch.secret, item.event.id, watch.id);
    const attempt: DeliveryAttempt = { watchId: watch.id, eventId: item.event.id, at: now, status: answer.status, error: answer.error, durationMs: performance.now() - started };
    const attempts = item.attempts + 1;
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
      webhookDeliveries.inc({ outcome: 'delivered' });
      return { result: { ...base, status: 'DELIVERED', attempts, nextAttemptAt: null, error: null }, attempt };
    }
    // 410 Gone: the receiver asks us to stop; the watch is paused, the event waits for a resume
    if (answer.status === 410) {
      webhookDeliveries.inc({ outcome: 'paused' });
      return { result: { ...base, status: 'PENDING', attempts, nextAttemptAt: item.nextAttemptAt ?? now, error: 'the receiver answered 410: watch paused' }, attempt, pause: true };
    }
    const error = answer.error ?? `the receiver answered HTTP ${answer.status ?? '?'}`;
    if (now.getTime() - item.createdAt.getTime() >= (this.options.retryForMs ?? DAY_MS)) {
      webhookDeliveries.inc({ outcome: 'dead' });
      return { result: { ...base, status: 'DEAD', attempts, nextAttemptAt: null, error }, attempt };
    }
    webhookDeliveries.inc({ outcome: 'retry' });
    const backoff = Math.min(this.options.maxBackoffMs ?? 3_600_000, 1000 * 2 ** Math.min(attempts - 1, 20));
    return { result: { ...base, status: 'PENDING', attempts, nextAttemptAt: new Date(now.getTime() + backoff * (0.8 + Math.random() * 0.4)), error }, attempt };
  }

  /**
   * POSTs one event; the connection's addresses are checked again by the agent's lookup. The
   * answer is its status line: the body is drained up to MAX_ANSWER_BYTES. Connection, headers and
   * body together have one deadline; a receiver that drips bytes is cut off at it.
   */
  private post(endpoint: string, body: string, secret: string, eventId: string, watchId: string): Promise<{ status: number | null; error: string | null }> {
    const url = new URL(endpoint);
    const client = url.protocol === 'https:' ? https : http;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    return new Promise((resolve) => {
      let settled = false;
      const answer = (value: { status: number | null; error: string | null }) => {
        if (settled) return;
        settled = true;
        resolve(value);
      };
      const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms (connection, headers and answer together)`)), timeoutMs);
      const req = client.request(
        url,
        {
          method: 'POST',
          agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
          lookup: guardedLookup(url, this.options.policy),
          timeout: this.options.timeoutMs ?? 10_000,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'credit-gateway-webhooks/1',
            [SIGNATURE_HEADER]: sign(secret, body, Math.floor(Date.now() / 1000)),
            'x-credit-event-id': eventId,
            'x-credit-watch-id': watchId,
          },
        },
        (res) => {
          // the status decides; what follows is read and dropped, within the cap and the deadline
          answer({ status: res.statusCode ?? null, error: null });
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > MAX_ANSWER_BYTES) res.destroy();
          });
          res.on('error', () => undefined);
          res.on('close', () => clearTimeout(deadline));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => {
        clearTimeout(deadline);
        answer({ status: null, error: err.message });
      });
      req.on('close', () => {
        clearTimeout(deadline);
        answer({ status: null, error: 'the connection closed without an answer' });
      });
      req.end(body);
    });
  }
}
