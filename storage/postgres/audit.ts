// The audit trail in PostgreSQL. The gateway's role may INSERT and SELECT on audit_events and
// nothing else, so no bug or injection in the gateway can change or delete an event.
import type { Pool } from 'pg';
import type { AuditEvent } from '../port';
import type { AuditQuery, AuditStore } from '../port';
import { Sql } from './connection';
import { forgetPool, watchPool } from '../../platform/metrics';

type StoredEvent = Omit<AuditEvent, 'time'> & { time: string };

/**
 * Text PostgreSQL will store: no NUL (text and jsonb refuse it) and no lone surrogate (jsonb
 * refuses it). A caller's operation name or tender reference carrying either would otherwise fail
 * every batch it is in, and with it every answer waiting for its audit row.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storableText<T extends string | null>(value: T): T {
  if (value === null) return value;
  return value.replace(UNSTORABLE, '\uFFFD') as T;
}

export class PgAuditStore implements AuditStore {
  private readonly sql: Sql;

  constructor(
    private readonly pool: Pool,
    private readonly database: string,
  ) {
    this.sql = new Sql(pool, { count: 0, database });
    watchPool(database, pool);
  }

  async append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.sql.rows(
      `INSERT INTO audit_events (id, time, subject, agency, enterprises, operation_name, tender_ref, event)
         SELECT i, t, s, a, ARRAY(SELECT jsonb_array_elements_text(e)), o, r, ev
           FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[]) AS x(i, t, s, a, e, o, r, ev)
       ON CONFLICT (id) DO NOTHING`,
      [
        events.map((e) => e.id),
        events.map((e) => e.time),
        events.map((e) => e.subject),
        events.map((e) => e.agency),
        events.map((e) => JSON.stringify(e.enterprises)),
        events.map((e) => storableText(e.operationName)),
        events.map((e) => storableText(e.bidderCheck?.tenderRef ?? null)),
        events.map((e) => JSON.stringify(e, (_key, value: unknown) => (typeof value === 'string' ? storableText(value) : value))),
      ],
    );
  }

  async find(q: AuditQuery): Promise<AuditEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (q.enterprise !== undefined) where.push(`enterprises @> ARRAY[${param(q.enterprise)}::text]`);
    if (q.agency !== undefined) where.push(`agency = ${param(q.agency)}`);
    if (q.subject !== undefined) where.push(`subject = ${param(q.subject)}`);
    if (q.from !== undefined) where.push(`time >= ${param(q.from)}`);
    if (q.to !== undefined) where.push(`time <= ${param(q.to)}`);
    if (q.operationName !== undefined) where.push(`operation_name = ${param(q.operationName)}`);
    if (q.tenderRef !== undefined) where.push(`tender_ref = ${param(q.tenderRef)}`);
    if (q.memberQueries)
      where.push(
        `event->'roles' ?| ARRAY['credit-member','credit-admin'] AND event->>'operationType' = 'query' AND event->>'purpose' IS NOT NULL AND event->>'outcome' <> 'ERROR' AND NOT event ? 'refusal' AND NOT event ? 'report'`,
      );
    if (q.reportsIssued) where.push(`event->'report'->>'action' = 'ISSUED' AND event->>'outcome' <> 'ERROR'`);
    const rows = await this.sql.rows<{ event: StoredEvent }>(`SELECT event FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY time DESC LIMIT ${param(q.limit)}`, params);
    return rows.map((r) => ({ ...r.event, time: new Date(r.event.time) }));
  }

  async ping(): Promise<boolean> {
    await this.sql.rows('SELECT 1');
    return true;
  }

  close(): Promise<void> {
    forgetPool(this.database);
    return this.pool.end();
  }
}
