// The audit trail's writer. Appending is a push onto an in-memory buffer (the response never
// waits for the database); a timer flushes it in batches; a failed flush keeps the events and is
// retried with back-off; close() flushes what is left. Events are only ever inserted.
import type { AuditEvent } from './audit-event';
import { auditEventsWritten, auditWriteFailures } from '../../common/metrics';

/** Where flushed events go: the database in production, anything with the same shape in a unit test. */
export type AuditSink = (events: readonly AuditEvent[]) => Promise<void>;

export interface AuditLogOptions {
  readonly flushIntervalMs: number;
  /** A flush starts early once this many events wait. */
  readonly batchSize: number;
  readonly maxRetryDelayMs: number;
  readonly onError?: (err: unknown, pending: number) => void;
}

export const DEFAULT_AUDIT_OPTIONS: AuditLogOptions = { flushIntervalMs: 1_000, batchSize: 500, maxRetryDelayMs: 30_000 };

export class AuditLog {
  private buffer: AuditEvent[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly sink: AuditSink,
    private readonly options: AuditLogOptions = DEFAULT_AUDIT_OPTIONS,
  ) {
    this.schedule(options.flushIntervalMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  append(event: AuditEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= this.options.batchSize && this.failures === 0) void this.flush();
  }

  /** Writes what is buffered; on failure the events stay, in order, for the next attempt. */
  flush(): Promise<void> {
    this.flushing ??= this.writeOnce().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Flushes everything, retrying until `deadlineMs` has passed; resolves with what could not be written. */
  async close(deadlineMs = 10_000): Promise<number> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + deadlineMs;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.buffer.length > 0) await new Promise((r) => setTimeout(r, Math.min(500, Math.max(0, deadline - Date.now()))));
    }
    return this.buffer.length;
  }

  private async writeOnce(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer.slice(0, this.options.batchSize);
    try {
      await this.sink(batch);
      this.buffer.splice(0, batch.length);
      this.failures = 0;
      auditEventsWritten.inc(batch.length);
    } catch (err) {
      this.failures++;
      auditWriteFailures.inc();
      this.options.onError?.(err, this.buffer.length);
    }
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    await this.flush();
    while (this.failures === 0 && this.buffer.length >= this.options.batchSize) await this.flush();
    const backoff = this.failures === 0 ? this.options.flushIntervalMs : Math.min(this.options.maxRetryDelayMs, this.options.flushIntervalMs * 2 ** this.failures);
    this.schedule(backoff);
  }
}
