// The audit trail's writer: one queue of events, written in batches by up to a few writes at once.
// - `record()` is for disclosures: it resolves once the event is in the database. It starts a
//   write at once if fewer than `maxConcurrentWrites` are under way; otherwise it goes with the
//   next one, together with everything recorded meanwhile (group commit). PostgreSQL merges the
//   WAL flushes of concurrent commits, so a busy gateway pays about one flush per answer, not two.
// - `append()` buffers: a timer writes the buffer every interval. Only for what discloses no member
//   data (anonymous reads of public data, refusals, verifications); bounded, so an outage of the
//   audit database refuses requests instead of filling memory.
// - `flush()` means what it says: every event appended or recorded before the call is written
//   (or the promise rejects).
// A failed write keeps its buffered events for the next attempt (with back-off). A recorded event
// is tried again every `retryDelayMs` for up to `recordPatienceMs` (0 by default; the cluster
// waits through a database's leader change, about 12 s, rather than fail the answer); past that
// its caller is failed and the response withheld. Events are only inserted, and their ids are unique, so an event written twice
// is stored once.
import type { AuditEvent } from './audit-event';
import { auditEventsWritten, auditWriteFailures } from '../platform/metrics';

/** Where events go: the database in production, anything with the same shape in a unit test. */
export type AuditSink = (events: readonly AuditEvent[]) => Promise<void>;

export interface AuditLogOptions {
  readonly flushIntervalMs: number;
  /** The most events one write carries. */
  readonly batchSize: number;
  readonly maxRetryDelayMs: number;
  /** The most events waiting at once; past it, appending is refused (recording has as much room again). */
  readonly maxPending: number;
  /** A write not answered by then counts as failed (a hung connection must not hold every answer). */
  readonly writeTimeoutMs: number;
  /** Writes under way at once. */
  readonly maxConcurrentWrites: number;
  /** How long a recorded event (an answer waiting) is tried again before its answer is withheld. */
  readonly recordPatienceMs: number;
  /** The pause between attempts of recorded events while the database does not accept them. */
  readonly retryDelayMs: number;
  readonly onError?: (err: unknown, pending: number) => void;
}

export const DEFAULT_AUDIT_OPTIONS: AuditLogOptions = {
  flushIntervalMs: 1_000,
  batchSize: 500,
  maxRetryDelayMs: 30_000,
  maxPending: 50_000,
  writeTimeoutMs: 5_000,
  maxConcurrentWrites: 4,
  recordPatienceMs: 0,
  retryDelayMs: 500,
};

/** The query record could not be written: whatever it records must not be disclosed. */
export class AuditUnavailableError extends Error {
  constructor(reason: string) {
    super(`the query record could not be written (${reason})`);
    this.name = 'AuditUnavailableError';
  }
}

interface Waiter {
  resolve(): void;
  reject(err: AuditUnavailableError): void;
}

interface Entry {
  readonly event: AuditEvent;
  /** Recorded (a response waits for it) rather than buffered. */
  readonly recorded: boolean;
  readonly waiters: Waiter[];
  /** For a recorded event: after this time (ms) a failed write fails its caller rather than being tried again. */
  readonly giveUpAt?: number;
}

export class AuditLog {
  /** Events not yet taken by a write, oldest first. */
  private queue: Entry[] = [];
  /** Events of the queue someone waits for: writes go on until they are taken. */
  private waited = 0;
  /** Batches being written. */
  private readonly writing = new Set<Entry[]>();
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;
  private readonly options: AuditLogOptions;

  constructor(
    private readonly sink: AuditSink,
    options: Partial<AuditLogOptions> = {},
  ) {
    this.options = { ...DEFAULT_AUDIT_OPTIONS, ...options };
    this.schedule(this.options.flushIntervalMs);
  }

  /** Events not yet written: queued or being written. */
  get pending(): number {
    let n = this.queue.length;
    for (const batch of this.writing) n += batch.length;
    return n;
  }

  /** Buffers an event; false when the buffer is full (the audit database is unreachable), and the caller must refuse what it would record. */
  append(event: AuditEvent): boolean {
    if (this.pending >= this.options.maxPending) return false;
    this.queue.push({ event, recorded: false, waiters: [] });
    if (this.queue.length >= this.options.batchSize && this.failures === 0) this.startWrites(true);
    return true;
  }

  /** Writes an event now, together with whatever else waits; resolves once it is in the database. */
  record(event: AuditEvent): Promise<void> {
    // buffered events may fill maxPending; a recorded one still has room (each has a caller waiting, which bounds them)
    if (this.pending >= this.options.maxPending * 2) return Promise.reject(new AuditUnavailableError('too many events wait to be written'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, recorded: true, waiters: [{ resolve, reject }], giveUpAt: Date.now() + this.options.recordPatienceMs });
      this.waited++;
      this.startWrites();
    });
  }

  /** Resolves once every event appended or recorded before this call is written; rejects if a write fails first. */
  flush(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const entry of this.queue) {
      if (entry.waiters.length === 0) this.waited++;
      waits.push(new Promise<void>((resolve, reject) => entry.waiters.push({ resolve, reject })));
    }
    for (const batch of this.writing) {
      const last = batch[batch.length - 1];
      if (last) waits.push(new Promise<void>((resolve, reject) => last.waiters.push({ resolve, reject })));
    }
    this.startWrites();
    return Promise.all(waits).then(() => undefined);
  }

  /** Writes everything, retrying until `deadlineMs` has passed; resolves with how many events could not be written. */
  async close(deadlineMs = 10_000): Promise<number> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + deadlineMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await this.flush().catch(() => undefined);
      if (this.pending > 0) await new Promise((r) => setTimeout(r, Math.min(500, Math.max(0, deadline - Date.now()))));
    }
    return this.pending;
  }

  /** Starts writes into the free places while someone waits for a queued event (or `all`: the buffer is full enough). */
  private startWrites(all = false): void {
    while (this.queue.length > 0 && (this.waited > 0 || all) && this.writing.size < this.options.maxConcurrentWrites) {
      const batch = this.queue.splice(0, this.options.batchSize);
      for (const entry of batch) if (entry.waiters.length > 0) this.waited--;
      all = false;
      void this.write(batch);
    }
  }

  private async write(batch: Entry[]): Promise<void> {
    this.writing.add(batch);
    try {
      await this.withDeadline(this.sink(batch.map((e) => e.event)));
    } catch (err) {
      this.writing.delete(batch);
      this.fail(batch, err);
      return;
    }
    this.writing.delete(batch);
    this.failures = 0;
    auditEventsWritten.inc(batch.length);
    for (const entry of batch) for (const w of entry.waiters) w.resolve();
    this.startWrites();
  }

  /** A late write may still land: event ids are unique, so a retry never doubles it. */
  private withDeadline(write: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the audit write took longer than ${this.options.writeTimeoutMs} ms`)), this.options.writeTimeoutMs);
    });
    return Promise.race([write, deadline]).finally(() => clearTimeout(timer));
  }

  /**
   * A write failed. Recorded events within their patience go back to the head of the queue with
   * their callers still waiting, and are tried again shortly; the others' callers are told (their
   * responses are withheld, so there is nothing to record). Buffered events go back too, for the
   * next attempt; whoever waited on them (a flush) is told.
   */
  private fail(batch: readonly Entry[], err: unknown): void {
    this.failures++;
    auditWriteFailures.inc();
    const error = new AuditUnavailableError('the audit database did not accept the write');
    const now = Date.now();
    const retry = batch.filter((e) => e.recorded && e.giveUpAt !== undefined && e.giveUpAt > now && !this.closed);
    for (const entry of batch) if (!retry.includes(entry)) for (const w of entry.waiters.splice(0)) w.reject(error);
    this.queue.unshift(...batch.filter((e) => retry.includes(e) || !e.recorded));
    this.waited += retry.filter((e) => e.waiters.length > 0).length;
    this.options.onError?.(err, this.pending);
    if (retry.length > 0) setTimeout(() => this.startWrites(), this.options.retryDelayMs).unref();
    // recorded events queued meanwhile get their own attempt now rather than at the next tick
    else this.startWrites();
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.queue.length > 0) await this.flush().catch(() => undefined);
    const backoff = this.failures === 0 ? this.options.flushIntervalMs : Math.min(this.options.maxRetryDelayMs, this.options.flushIntervalMs * 2 ** this.failures);
    this.schedule(backoff);
  }
}
