// The outbox in PostgreSQL: change events inserted in the transaction of the change, and read back
// in order by the dispatcher. A reader takes only rows of transactions older than every running
// one (pg_snapshot_xmin), ordered by (transaction id, sequence): a transaction still running when
// a page was read always sorts after the cursor that page left, so no event is ever skipped.
import type { ChangeEvent, ChangeFeed, ChangeOutbox, FeedCursor } from '../port';
import type { Pool } from 'pg';
import { Sql } from './connection';

export class PgChangeOutbox implements ChangeOutbox {
  constructor(private readonly sql: Sql) {}

  async append(events: readonly ChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.sql.rows(
      `INSERT INTO change_events (id, at, uscc, ind, record_id, change, agency, agency_region, repaired_on, data)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::jsonb[])
       ON CONFLICT (id) DO NOTHING`,
      [
        events.map((e) => e.id),
        events.map((e) => e.at),
        events.map((e) => e.uscc),
        events.map((e) => e.ind),
        events.map((e) => e.recordId),
        events.map((e) => e.change),
        events.map((e) => e.agency),
        events.map((e) => e.agencyRegion),
        events.map((e) => e.repairedOn),
        events.map((e) => JSON.stringify(e.data)),
      ],
    );
  }
}

interface Row {
  tx: string;
  seq: string;
  id: string;
  at: Date;
  uscc: string;
  ind: string;
  record_id: string;
  change: ChangeEvent['change'];
  agency: string;
  agency_region: string;
  repaired_on: string | null;
  data: Record<string, unknown>;
}

export class PgChangeFeed implements ChangeFeed {
  private readonly sql: Sql;

  constructor(
    private readonly pool: Pool,
    database: string,
  ) {
    this.sql = new Sql(pool, { count: 0, database });
  }

  async read(after: FeedCursor | null, limit: number): Promise<{ events: ChangeEvent[]; cursor: FeedCursor | null }> {
    const [tx, seq] = after ? after.split(':') : ['0', '0'];
    const rows = await this.sql.rows<Row>(
      `SELECT tx::text AS tx, seq::text AS seq, id, at, uscc, ind, record_id, change, agency, agency_region, repaired_on::text AS repaired_on, data
         FROM change_events
        WHERE tx < pg_snapshot_xmin(pg_current_snapshot()) AND (tx, seq) > ($1::xid8, $2::bigint)
        ORDER BY tx, seq LIMIT $3`,
      [tx, seq, limit],
    );
    const last = rows[rows.length - 1];
    return {
      events: rows.map((r) => ({
        id: r.id,
        at: r.at,
        uscc: r.uscc,
        ind: r.ind,
        recordId: r.record_id,
        change: r.change,
        agency: r.agency,
        agencyRegion: r.agency_region,
        repairedOn: r.repaired_on,
        data: r.data,
      })),
      cursor: last ? `${last.tx}:${last.seq}` : after,
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
