// The audit trail's writer: one queue, written in order by one writer, in batches.
// - `record()` is for disclosures: it resolves once the event is in the database. Events recorded
//   while a write is under way go together in the next one (group commit), so a busy gateway
//   writes one batch per round trip, not one row per request.
// - `append()` buffers: a timer writes the buffer every interval. Only for what discloses no member
//   data (anonymous reads of public data, refusals, verifications); bounded, so an outage of the
//   audit database refuses requests instead of filling memory.
// - `flush()` means what it says: every event appended or recorded before the call is written
//   (or the promise rejects).
// A failed write keeps buffered events, in order, for the next attempt (with back-off); it fails
// every caller waiting on that write, whose responses are then withheld. Events are only inserted.
import type { AuditEvent } from './audit-event';
import { auditEventsWritten, auditWriteFailures } from '../../common/metrics';

/** Where events go: the database in production, anything with the same shape in a unit test. */
export type AuditSink = (events: readonly AuditEvent[]) => Promise<void>;

export interface AuditLogOptions {
  readonly flushIntervalMs: number;
  /** The most events one write carries. */
  readonly batchSize: number;
  readonly maxRetryDelayMs: number;
  /** The most events waiting at once; past it, appending and recording are refused. */
  readonly maxPending: number;
  /** A write not answered by then counts as failed (a hung connection must not hold every answer). */
  readonly writeTimeoutMs: number;
  readonly onError?: (err: unknown, pending: number) => void;
}

export const DEFAULT_AUDIT_OPTIONS: AuditLogOptions = { flushIntervalMs: 1_000, batchSize: 500, maxRetryDelayMs: 30_000, maxPending: 50_000, writeTimeoutMs: 5_000 };

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
}

export class AuditLog {
  private queue: Entry[] = [];
  /** How many entries from the head someone waits for: the writer keeps going until they are written. */
  private demanded = 0;
  private writing = false;
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

  get pending(): number {
    return this.queue.length;
  }

  /** Buffers an event; false when the buffer is full (the audit database is unreachable), and the caller must refuse what it would record. */
  append(event: AuditEvent): boolean {
    if (this.queue.length >= this.options.maxPending) return false;
    this.queue.push({ event, recorded: false, waiters: [] });
    if (this.queue.length >= this.options.batchSize && this.failures === 0) this.demand();
    return true;
  }

  /** Writes an event now, together with whatever else waits; resolves once it is in the database. */
  record(event: AuditEvent): Promise<void> {
    // buffered events may fill maxPending; a recorded one still has room (each has a caller waiting, which bounds them)
    if (this.queue.length >= this.options.maxPending * 2) return Promise.reject(new AuditUnavailableError('too many events wait to be written'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, recorded: true, waiters: [{ resolve, reject }] });
      this.demand();
    });
  }

  /** Resolves once every event appended or recorded before this call is written; rejects if a write fails first. */
  flush(): Promise<void> {
    const last = this.queue[this.queue.length - 1];
    if (!last) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      last.waiters.push({ resolve, reject });
      this.demand();
    });
  }

  /** Writes everything, retrying until `deadlineMs` has passed; resolves with how many events could not be written. */
  async close(deadlineMs = 10_000): Promise<number> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + deadlineMs;
    while (this.queue.length > 0 && Date.now() < deadline) {
      await this.flush().catch(() => undefined);
      if (this.queue.length > 0) await new Promise((r) => setTimeout(r, Math.min(500, Math.max(0, deadline - Date.now()))));
    }
    return this.queue.length;
  }

  /** Asks for everything queued now to be written, and starts the writer if it is idle. */
  private demand(): void {
    this.demanded = this.queue.length;
    if (!this.writing) void this.write();
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.demanded > 0 && this.queue.length > 0) {
        const batch = this.queue.slice(0, this.options.batchSize);
        try {
          await this.withDeadline(this.sink(batch.map((e) => e.event)));
        } catch (err) {
          this.fail(err);
          return;
        }
        this.queue.splice(0, batch.length);
        this.demanded = Math.max(0, this.demanded - batch.length);
        this.failures = 0;
        auditEventsWritten.inc(batch.length);
        for (const entry of batch) for (const w of entry.waiters) w.resolve();
      }
    } finally {
      this.writing = false;
    }
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
   * A write failed: everyone waiting now is told, recorded events leave the queue (their
   * responses are withheld, so there is nothing to record), buffered ones stay for the next attempt.
   */
  private fail(err: unknown): void {
    this.failures++;
    auditWriteFailures.inc();
    const error = new AuditUnavailableError('the audit database did not accept the write');
    for (const entry of this.queue) for (const w of entry.waiters.splice(0)) w.reject(error);
    this.queue = this.queue.filter((e) => !e.recorded);
    this.demanded = 0;
    this.options.onError?.(err, this.queue.length);
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
