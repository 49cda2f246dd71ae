// The monitoring store in PostgreSQL: watches, their enterprise lists, the events each watch
// matched (its pull feed and its delivery queue), outbox positions and the delivery log.
import type { Pool } from 'pg';
import type { ChangeEvent, DeliveryAttempt, DispatcherRole, MonitoringStore, Watch, WatchEvent, WatchEventStatus } from '../port';
import { inTransaction, Sql, wrapError, type StatementCounter } from './connection';

interface WatchRow {
  id: string;
  owner_subject: string;
  owner_agency: string | null;
  owner_region: string | null;
  owner_roles: string[];
  purpose: string | null;
  name: string | null;
  endpoint: string | null;
  secret: string | null;
  region: string | null;
  indicators: string[] | null;
  paused: boolean;
  created_at: Date;
}

const WATCH_COLUMNS = 'w.id, w.owner_subject, w.owner_agency, w.owner_region, w.owner_roles, w.purpose, w.name, w.endpoint, w.secret, w.region, w.indicators, w.paused, w.created_at';

const watchOf = (r: WatchRow): Watch => ({
  id: r.id,
  owner: { subject: r.owner_subject, agency: r.owner_agency, region: r.owner_region, roles: r.owner_roles },
  purpose: r.purpose,
  name: r.name,
  endpoint: r.endpoint,
  secret: r.secret,
  region: r.region,
  indicators: r.indicators,
  paused: r.paused,
  createdAt: r.created_at,
});

interface EventRow {
  watch_id: string;
  seq: string;
  event: ChangeEvent & { at: string };
  status: WatchEventStatus;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date | null;
  last_error: string | null;
}

const EVENT_COLUMNS = 'e.watch_id, e.seq::text AS seq, e.event, e.status, e.attempts, e.created_at, e.next_attempt_at, e.last_error';

const eventOf = (r: EventRow): WatchEvent => ({
  watchId: r.watch_id,
  seq: r.seq,
  event: { ...r.event, at: new Date(r.event.at) },
  status: r.status,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
});

/** Due deliveries of one watch a page holds at most. */
const PER_WATCH_DUE = 100;

export class PgMonitoringStore implements MonitoringStore {
  private readonly sql: Sql;
  private readonly counter: StatementCounter;

  constructor(
    private readonly pool: Pool,
    database: string,
  ) {
    this.counter = { count: 0, database };
    this.sql = new Sql(pool, this.counter);
  }

  async createWatch(w: Watch, usccs: readonly string[]): Promise<void> {
    await inTransaction(this.pool, this.counter, async (tx) => {
      await tx.rows(
        `INSERT INTO watches (id, owner_subject, owner_agency, owner_region, owner_roles, purpose, name, endpoint, secret, region, indicators, paused, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [w.id, w.owner.subject, w.owner.agency, w.owner.region, w.owner.roles, w.purpose, w.name, w.endpoint, w.secret, w.region, w.indicators, w.paused, w.createdAt],
      );
      if (usccs.length) await tx.rows('INSERT INTO watch_enterprises (watch_id, uscc) SELECT $1, u FROM unnest($2::text[]) AS u ON CONFLICT DO NOTHING', [w.id, usccs]);
    });
  }

  async findWatch(id: string): Promise<Watch | undefined> {
    const [row] = await this.sql.rows<WatchRow>(`SELECT ${WATCH_COLUMNS} FROM watches w WHERE w.id = $1 AND w.deleted_at IS NULL`, [id]);
    return row ? watchOf(row) : undefined;
  }

  async listWatches(ownerSubject: string | null): Promise<Watch[]> {
    const rows = await this.sql.rows<WatchRow>(`SELECT ${WATCH_COLUMNS} FROM watches w WHERE w.deleted_at IS NULL AND ($1::text IS NULL OR w.owner_subject = $1) ORDER BY w.created_at`, [
      ownerSubject,
    ]);
    return rows.map(watchOf);
  }

  async updateWatch(id: string, change: { paused?: boolean; secret?: string; deleted?: boolean }): Promise<void> {
    await this.sql.rows(
      `UPDATE watches SET paused = coalesce($2, paused), secret = coalesce($3, secret), deleted_at = CASE WHEN $4 THEN now() ELSE deleted_at END WHERE id = $1 AND deleted_at IS NULL`,
      [id, change.paused ?? null, change.secret ?? null, change.deleted === true],
    );
  }

  async enterpriseCount(watchId: string): Promise<number> {
    const [row] = await this.sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM watch_enterprises WHERE watch_id = $1', [watchId]);
    return row?.n ?? 0;
  }

  async countListed(watchId: string, usccs: readonly string[]): Promise<number> {
    const [row] = await this.sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM watch_enterprises WHERE watch_id = $1 AND uscc = ANY($2::text[])', [watchId, usccs]);
    return row?.n ?? 0;
  }

  async addEnterprises(watchId: string, usccs: readonly string[]): Promise<void> {
    await this.sql.rows('INSERT INTO watch_enterprises (watch_id, uscc) SELECT $1, u FROM unnest($2::text[]) AS u ON CONFLICT DO NOTHING', [watchId, usccs]);
  }

  async removeEnterprises(watchId: string, usccs: readonly string[]): Promise<void> {
    await this.sql.rows('DELETE FROM watch_enterprises WHERE watch_id = $1 AND uscc = ANY($2::text[])', [watchId, usccs]);
  }

  async watchesFor(usccs: readonly string[], regions: readonly string[]): Promise<{ watch: Watch; uscc: string | null }[]> {
    const rows = await this.sql.rows<WatchRow & { listed: string | null }>(
      `SELECT ${WATCH_COLUMNS}, we.uscc AS listed FROM watch_enterprises we JOIN watches w ON w.id = we.watch_id WHERE we.uscc = ANY($1::text[]) AND w.deleted_at IS NULL
       UNION ALL
       SELECT ${WATCH_COLUMNS}, NULL AS listed FROM watches w WHERE w.region = ANY($2::text[]) AND w.deleted_at IS NULL`,
      [usccs, regions],
    );
    return rows.map((r) => ({ watch: watchOf(r), uscc: r.listed }));
  }

  async position(source: string): Promise<string | null> {
    const [row] = await this.sql.rows<{ cursor: string }>('SELECT cursor FROM feed_positions WHERE source = $1', [source]);
    return row?.cursor ?? null;
  }

  async ingest(source: string, cursor: string | null, matched: readonly { watchId: string; event: ChangeEvent; status: WatchEventStatus }[], at: Date): Promise<void> {
    await inTransaction(this.pool, this.counter, async (tx) => {
      if (matched.length)
        await tx.rows(
          `INSERT INTO watch_events (watch_id, event_id, uscc, event, created_at, status, next_attempt_at)
             SELECT w, e, u, ev, $5::timestamptz, s, CASE WHEN s = 'PENDING' THEN $5::timestamptz END FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $6::text[]) AS x(w, e, u, ev, s)
           ON CONFLICT (watch_id, event_id) DO NOTHING`,
          [matched.map((m) => m.watchId), matched.map((m) => m.event.id), matched.map((m) => m.event.uscc), matched.map((m) => JSON.stringify(m.event)), at, matched.map((m) => m.status)],
        );
      if (cursor !== null) await tx.rows('INSERT INTO feed_positions (source, cursor) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor', [source, cursor]);
    });
  }

  async dueDeliveries(now: Date, limit: number): Promise<WatchEvent[]> {
    const rows = await this.sql.rows<EventRow>(
      // the head of each enterprise's queue per watch, at most PER_WATCH_DUE a watch, so one watch's
      // backlog cannot fill the page and starve the others
      `SELECT * FROM (
         SELECT heads.*, row_number() OVER (PARTITION BY heads.watch_id ORDER BY heads.next_attempt_at) AS watch_rank FROM (
           SELECT DISTINCT ON (e.watch_id, e.uscc) ${EVENT_COLUMNS}
             FROM watch_events e JOIN watches w ON w.id = e.watch_id
            WHERE e.status = 'PENDING' AND NOT w.paused AND w.deleted_at IS NULL AND w.endpoint IS NOT NULL
            ORDER BY e.watch_id, e.uscc, e.seq
         ) heads WHERE heads.next_attempt_at <= $1
       ) ranked WHERE watch_rank <= $3 ORDER BY next_attempt_at LIMIT $2`,
      [now, limit, PER_WATCH_DUE],
    );
    return rows.map(eventOf);
  }

  async settle(
    results: readonly { watchId: string; seq: string; status: WatchEventStatus; attempts: number; nextAttemptAt: Date | null; error: string | null }[],
    attempts: readonly DeliveryAttempt[],
  ): Promise<void> {
    await inTransaction(this.pool, this.counter, async (tx) => {
      if (results.length)
        await tx.rows(
          `UPDATE watch_events e SET status = x.s, attempts = x.a, next_attempt_at = x.n, last_error = x.err, delivered_at = CASE WHEN x.s = 'DELIVERED' THEN now() ELSE e.delivered_at END
             FROM unnest($1::text[], $2::bigint[], $3::text[], $4::int[], $5::timestamptz[], $6::text[]) AS x(w, q, s, a, n, err)
            WHERE e.watch_id = x.w AND e.seq = x.q`,
          [results.map((r) => r.watchId), results.map((r) => r.seq), results.map((r) => r.status), results.map((r) => r.attempts), results.map((r) => r.nextAttemptAt), results.map((r) => r.error)],
        );
      if (attempts.length)
        await tx.rows(
          'INSERT INTO delivery_log (watch_id, event_id, at, status, error, duration_ms) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::int[])',
          [
            attempts.map((a) => a.watchId),
            attempts.map((a) => a.eventId),
            attempts.map((a) => a.at),
            attempts.map((a) => a.status),
            attempts.map((a) => a.error),
            attempts.map((a) => Math.round(a.durationMs)),
          ],
        );
    });
  }

  async feed(watchId: string, afterSeq: string | null, first: number): Promise<WatchEvent[]> {
    const rows = await this.sql.rows<EventRow>(`SELECT ${EVENT_COLUMNS} FROM watch_events e WHERE e.watch_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`, [watchId, afterSeq ?? '0', first]);
    return rows.map(eventOf);
  }

  async deadLetters(watchId: string, first: number): Promise<WatchEvent[]> {
    const rows = await this.sql.rows<EventRow>(`SELECT ${EVENT_COLUMNS} FROM watch_events e WHERE e.watch_id = $1 AND e.status = 'DEAD' ORDER BY e.seq LIMIT $2`, [watchId, first]);
    return rows.map(eventOf);
  }

  async replayDeadLetters(watchId: string, now: Date): Promise<number> {
    const rows = await this.sql.rows(`UPDATE watch_events SET status = 'PENDING', attempts = 0, next_attempt_at = $2, created_at = $2 WHERE watch_id = $1 AND status = 'DEAD' RETURNING seq`, [
      watchId,
      now,
    ]);
    return rows.length;
  }

  async deliveryLog(watchId: string, first: number): Promise<DeliveryAttempt[]> {
    const rows = await this.sql.rows<{ watch_id: string; event_id: string; at: Date; status: number | null; error: string | null; duration_ms: number }>(
      'SELECT watch_id, event_id, at, status, error, duration_ms FROM delivery_log WHERE watch_id = $1 ORDER BY at DESC LIMIT $2',
      [watchId, first],
    );
    return rows.map((r) => ({ watchId: r.watch_id, eventId: r.event_id, at: r.at, status: r.status, error: r.error, durationMs: r.duration_ms }));
  }

  async tryDispatcherRole(): Promise<DispatcherRole | null> {
    // a session-level advisory lock on a connection of its own: it is freed when the process dies
    let client;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw wrapError(err);
    }
    try {
      const result = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [DISPATCHER_LOCK]);
      if (!result.rows[0]?.held) {
        client.release();
        return null;
      }
    } catch (err) {
      client.release(true);
      throw wrapError(err);
    }
    const holder = client;
    // the lock lives as long as this session: when it ends (a failover cuts it), another
    // dispatcher may take the role on the new leader, so this one must know at once
    let markLost: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    holder.on('error', () => markLost());
    holder.on('end', () => markLost());
    const probe = setInterval(() => {
      holder.query('SELECT 1').catch(() => markLost());
    }, ROLE_PROBE_MS);
    probe.unref();
    void lost.then(() => clearInterval(probe));
    return {
      lost,
      release: async () => {
        clearInterval(probe);
        await holder.query('SELECT pg_advisory_unlock($1)', [DISPATCHER_LOCK]).catch(() => undefined);
        holder.release(true);
      },
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** How often the dispatcher's session is asked whether it still lives (a silent drop is found within this). */
const ROLE_PROBE_MS = 2_000;

/** The advisory lock whose holder is the deployment's dispatcher. */
const DISPATCHER_LOCK = 7_301_017;
