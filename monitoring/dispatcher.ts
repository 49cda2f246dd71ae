// The dispatcher: reads every subgraph's outbox in order, files each change under the watches it
// concerns (with the outbox position, in one transaction, so nothing is filed twice or skipped),
// and delivers the webhooks: signed, at least once, in order per watched enterprise, retried with
// exponential back-off for a day, then parked as dead letters the watcher can read and replay.
import http from 'node:http';
import https from 'node:https';
import { changeEventsMatched, webhookDeliveries } from '../common/metrics';
import type { Logger } from '../common/logger';
import type { ChangeFeed, DeliveryAttempt, MonitoringStore, Watch, WatchEvent, WatchEventStatus } from '../storage/port';
import { guardedLookup, type EndpointPolicy } from './endpoint';
import { viewFor } from './event-view';
import { sign, SIGNATURE_HEADER } from './signature';
import { todayIso } from '../schema/today';

export interface DispatcherOptions {
  readonly store: MonitoringStore;
  readonly feeds: readonly { readonly source: string; readonly feed: ChangeFeed }[];
  readonly policy: EndpointPolicy;
  readonly logger: Logger;
  /** How long one delivery may take. */
  readonly timeoutMs?: number;
  /** Deliveries in flight at once (each to a different enterprise's queue). */
  readonly concurrency?: number;
  /** How long an event is retried before it is a dead letter. */
  readonly retryForMs?: number;
  /** The longest wait between two attempts. */
  readonly maxBackoffMs?: number;
  readonly idleMs?: number;
}

const DAY_MS = 86_400_000;

/** The region an enterprise's code names (positions 3–8 of a USCC: the registering authority's division). */
export const regionOfUscc = (uscc: string) => uscc.slice(2, 8);

interface Outcome {
  readonly result: { watchId: string; seq: string; status: WatchEventStatus; attempts: number; nextAttemptAt: Date | null; error: string | null };
  readonly attempt?: DeliveryAttempt;
  readonly pause?: boolean;
}

export class Dispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let busy = false;
        try {
          const { ingested, delivered } = await this.runOnce();
          busy = ingested + delivered > 0;
        } catch (err) {
          this.options.logger.error({ err }, 'dispatcher cycle failed; retrying');
        }
        if (!busy) await new Promise((r) => setTimeout(r, this.options.idleMs ?? 200));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One round: file what the outboxes hold, then one delivery per due enterprise queue. */
  async runOnce(now = new Date()): Promise<{ ingested: number; delivered: number }> {
    let ingested = 0;
    for (const { source, feed } of this.options.feeds) ingested += await this.ingest(source, feed, now);
    const due = await this.options.store.dueDeliveries(now, 1000);
    return { ingested, delivered: due.length ? await this.deliver(due, now) : 0 };
  }

  private async ingest(source: string, feed: ChangeFeed, now: Date): Promise<number> {
    const { store } = this.options;
    const { events, cursor } = await feed.read(await store.position(source), 2000);
    if (events.length === 0) return 0;
    const usccs = [...new Set(events.map((e) => e.uscc))];
    const found = await store.watchesFor(usccs, [...new Set(usccs.map(regionOfUscc))]);
    const listed = new Map<string, Watch[]>();
    const byRegion = new Map<string, Watch[]>();
    for (const { watch, uscc } of found) {
      const key = uscc ?? watch.region ?? '';
      const into = uscc ? listed : byRegion;
      into.set(key, [...(into.get(key) ?? []), watch]);
    }
    const matched = events.flatMap((event) => {
      const watches = new Map<string, Watch>();
      for (const w of [...(listed.get(event.uscc) ?? []), ...(byRegion.get(regionOfUscc(event.uscc)) ?? [])]) if (!w.indicators || w.indicators.includes(event.ind)) watches.set(w.id, w);
      return [...watches.values()].map((w) => {
        // a watch without an endpoint is read through its feed only
        const status: WatchEventStatus = w.endpoint ? 'PENDING' : 'FEED';
        return { watchId: w.id, event, status };
      });
    });
    await store.ingest(source, cursor, matched, now);
    changeEventsMatched.inc({ source, kind: 'change' }, events.length);
    changeEventsMatched.inc({ source, kind: 'watch_event' }, matched.length);
    return events.length;
  }

  private async deliver(due: readonly WatchEvent[], now: Date): Promise<number> {
    const watches = new Map<string, Watch | undefined>();
    for (const id of new Set(due.map((d) => d.watchId))) watches.set(id, await this.options.store.findWatch(id));
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const item = due[next++];
        if (item) outcomes.push(await this.deliverOne(item, watches.get(item.watchId), now));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 32, due.length) }, worker));
    for (const watchId of new Set(outcomes.filter((o) => o.pause).map((o) => o.result.watchId))) await this.options.store.updateWatch(watchId, { paused: true });
    await this.options.store.settle(
      outcomes.map((o) => o.result),
      outcomes.flatMap((o) => (o.attempt ? [o.attempt] : [])),
    );
    return outcomes.length;
  }

  private async deliverOne(item: WatchEvent, watch: Watch | undefined, now: Date): Promise<Outcome> {
    const base = { watchId: item.watchId, seq: item.seq };
    const view = watch ? viewFor(watch, item.event, todayIso(now)) : null;
    if (!watch?.endpoint || !watch.secret || !view) {
      webhookDeliveries.inc({ outcome: 'withheld' });
      return { result: { ...base, status: 'WITHHELD', attempts: item.attempts, nextAttemptAt: null, error: 'not sent: the watcher may not read this record' } };
    }
    const body = JSON.stringify(view);
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

  /** POSTs one event; the connection's addresses are checked again by the agent's lookup. */
  private post(endpoint: string, body: string, secret: string, eventId: string, watchId: string): Promise<{ status: number | null; error: string | null }> {
    const url = new URL(endpoint);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
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
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
          res.on('error', (err) => resolve({ status: res.statusCode ?? null, error: err.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.options.timeoutMs ?? 10_000} ms`)));
      req.on('error', (err) => resolve({ status: null, error: err.message }));
      req.end(body);
    });
  }
}
