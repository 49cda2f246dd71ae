// Indicator records in PostgreSQL: one row per record, attributes in `data` (jsonb). Each loader
// batch is one statement (`= ANY($1)`); writes of a chunk are one multi-row statement.
import type { IndicatorCount, NewRecord, RecordStore, StoredRecord } from '../port';
import { recordId } from '../record-id';
import type { Sql } from './connection';

interface RecordRow {
  id: string;
  uscc: string | null;
  ind: string;
  agency: string;
  agency_region: string;
  received_at: Date;
  person_hash: string | null;
  repaired_on: string | null;
  warnings: StoredRecord['warnings'] | null;
  displayed: boolean | null;
  data: Record<string, unknown> | null;
}

const META = 'id, uscc, ind, agency, agency_region, received_at, person_hash, repaired_on, warnings, displayed';

export function fromRow(row: RecordRow): StoredRecord {
  const r: StoredRecord = { id: row.id, uscc: row.uscc, ind: row.ind, agency: row.agency, agencyRegion: row.agency_region, receivedAt: row.received_at, data: row.data ?? {} };
  if (row.person_hash !== null) r.personHash = row.person_hash;
  if (row.repaired_on !== null) r.repairedOn = row.repaired_on;
  if (row.warnings !== null) r.warnings = row.warnings;
  if (row.displayed !== null) r.displayed = row.displayed;
  return r;
}

/** Column arrays for `unnest`: one statement writes a whole chunk. */
function columns(records: readonly NewRecord[], receivedAt: Date) {
  const latest = new Map<string, NewRecord>();
  // the same id twice in one statement: the later record wins
  for (const r of records) latest.set(recordId(r), r);
  const rows = [...latest];
  return [
    rows.map(([id]) => id),
    rows.map(([, r]) => r.uscc),
    rows.map(([, r]) => r.ind),
    rows.map(([, r]) => r.agency),
    rows.map(([, r]) => r.agencyRegion),
    rows.map(() => receivedAt),
    rows.map(([, r]) => r.personHash ?? null),
    rows.map(([, r]) => r.repairedOn ?? null),
    rows.map(([, r]) => (r.warnings?.length ? JSON.stringify(r.warnings) : null)),
    rows.map(([, r]) => JSON.stringify(r.data)),
    rows.map(([, r]) => r.displayed ?? null),
  ];
}

const INSERT = `INSERT INTO records (id, uscc, ind, agency, agency_region, received_at, person_hash, repaired_on, warnings, data, displayed)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::jsonb[], $10::jsonb[], $11::boolean[])`;

export class PgRecordStore implements RecordStore {
  /** `read`: where the finds run (a standby, when the storage has one); writes run on `sql`. */
  constructor(
    private readonly sql: Sql,
    private readonly read: Sql = sql,
  ) {}

  async findFor(usccs: readonly string[], indicators: readonly string[], fields: readonly string[]): Promise<StoredRecord[]> {
    // only the attributes asked for leave the database
    const rows = await this.read.rows<RecordRow>(
      `SELECT ${META}, (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(data) WHERE key = ANY($3)) AS data
         FROM records WHERE uscc = ANY($1) AND ind = ANY($2)`,
      [usccs, indicators, fields],
    );
    return rows.map(fromRow);
  }

  async findForPersons(hashes: readonly string[], indicator: string): Promise<StoredRecord[]> {
    const rows = await this.read.rows<RecordRow>(`SELECT ${META}, data FROM records WHERE person_hash = ANY($1) AND ind = $2`, [hashes, indicator]);
    return rows.map(fromRow);
  }

  async findByIds(ids: readonly string[]): Promise<StoredRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.read.rows<RecordRow>(`SELECT ${META}, data FROM records WHERE id = ANY($1)`, [ids]);
    return rows.map(fromRow);
  }

  async scan(indicator: string, afterId: string | null, limit: number): Promise<StoredRecord[]> {
    const rows = await this.read.rows<RecordRow>(`SELECT ${META}, data FROM records WHERE ind = $1 AND id > $2 ORDER BY id LIMIT $3`, [indicator, afterId ?? '', limit]);
    return rows.map(fromRow);
  }

  async countFor(usccs: readonly string[]): Promise<IndicatorCount[]> {
    const rows = await this.read.rows<{ uscc: string; ind: string; count: number }>('SELECT uscc, ind, count(*)::int AS count FROM records WHERE uscc = ANY($1) GROUP BY uscc, ind', [usccs]);
    return rows;
  }

  async insertNew(records: readonly NewRecord[], receivedAt: Date): Promise<string[]> {
    if (records.length === 0) return [];
    const cols = columns(records, receivedAt);
    const inserted = await this.sql.rows<{ id: string }>(`${INSERT} ON CONFLICT (id) DO NOTHING RETURNING id`, cols);
    const fresh = new Set(inserted.map((r) => r.id));
    return (cols[0] as string[]).filter((id) => !fresh.has(id));
  }

  async upsertMany(records: readonly NewRecord[], receivedAt: Date): Promise<void> {
    if (records.length === 0) return;
    await this.sql.rows(
      `${INSERT} ON CONFLICT (id) DO UPDATE SET uscc = EXCLUDED.uscc, ind = EXCLUDED.ind, agency = EXCLUDED.agency, agency_region = EXCLUDED.agency_region,
         received_at = EXCLUDED.received_at, person_hash = EXCLUDED.person_hash, repaired_on = EXCLUDED.repaired_on, warnings = EXCLUDED.warnings, data = EXCLUDED.data, displayed = EXCLUDED.displayed`,
      columns(records, receivedAt),
    );
  }

  async delete(id: string): Promise<void> {
    await this.sql.rows('DELETE FROM records WHERE id = $1', [id]);
  }

  async setRepaired(id: string, repairedOn: string): Promise<boolean> {
    return (await this.sql.rows('UPDATE records SET repaired_on = $2 WHERE id = $1 RETURNING id', [id, repairedOn])).length > 0;
  }

  async setDisplayed(ids: readonly string[], displayed: boolean): Promise<void> {
    if (ids.length === 0) return;
    await this.sql.rows('UPDATE records SET displayed = $2 WHERE id = ANY($1)', [ids, displayed]);
  }
}
