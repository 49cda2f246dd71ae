// The enterprise directory in PostgreSQL: code order is the primary key's order, so a page is a
// keyset range; name substrings are found through the GIN index on the name's grams, then checked
// as true substrings.
//
// A name search runs one of two ways, chosen here rather than by PostgreSQL's planner, which
// misjudges both: it takes the grams of one word as independent (so '信息技术' looks rare) and
// matches as spread evenly over code order (district names cluster in their district's codes).
// - Collecting the matches through the GIN index and sorting them: fast while they are few.
// - Walking the primary key in code order, testing each name: fast when matches are dense
//   ('有限', '科技'); it is bounded, and a walk that finds less than a page falls back to collecting.
// The grams' frequencies, from PostgreSQL's statistics, say which to try first.
import type { EnterpriseDirectory, EnterpriseEntry, SearchMode } from '../port';
import { nameGrams, searchGrams } from '../record-id';
import type { Sql } from './connection';

interface EnterpriseRow {
  uscc: string;
  registration_no: string | null;
  name: string;
  region: string;
}

const COLUMNS = 'uscc, registration_no, name, region';

function fromRow(row: EnterpriseRow): EnterpriseEntry {
  const e: EnterpriseEntry = { uscc: row.uscc, name: row.name, region: row.region };
  if (row.registration_no !== null) e.registrationNo = row.registration_no;
  return e;
}

/** From this share of enterprises on, a term's matches may be dense enough to walk in code order. */
const DENSE_SHARE = 0.01;
/** Rows a walk in code order reads at most before collecting by index instead. */
const WALK_BUDGET = 5_000;
const STATISTICS_TTL_MS = 10 * 60_000;

interface GramStatistics {
  readonly frequency: ReadonlyMap<string, number>;
  /** Elements not listed are rarer than the rarest listed. */
  readonly floor: number;
}

export class PgEnterpriseDirectory implements EnterpriseDirectory {
  private statistics: { readonly loading: Promise<GramStatistics>; readonly since: number } | undefined;

  /** `read`: where lookups and searches run (a standby, when the storage has one); writes run on `sql`. */
  constructor(
    private readonly sql: Sql,
    private readonly read: Sql = sql,
  ) {}

  /** Frequencies of the commonest grams, from pg_stats (refreshed every few minutes). */
  private gramStatistics(): Promise<GramStatistics> {
    if (this.statistics && Date.now() - this.statistics.since <= STATISTICS_TTL_MS) return this.statistics.loading;
    const loading = this.read
      .rows<{ elems: string[] | null; freqs: number[] | null }>(
        `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats WHERE tablename = 'enterprises' AND attname = 'grams' AND schemaname = 'public'`,
      )
      .then(([row]) => {
        const elems = row?.elems ?? [];
        const freqs = row?.freqs ?? [];
        const frequency = new Map(elems.map((e, i) => [e, freqs[i] ?? 0]));
        return { frequency, floor: elems.length ? Math.min(...freqs.slice(0, elems.length)) : 0 };
      });
    const entry = { loading, since: Date.now() };
    this.statistics = entry;
    // a failed read is asked again by the next search
    loading.catch(() => {
      if (this.statistics === entry) this.statistics = undefined;
    });
    return loading;
  }

  /** Whether every gram of the term is common enough for a walk in code order to find a page soon. */
  private async dense(grams: readonly string[]): Promise<boolean> {
    if (grams.length === 0) return true;
    const stats = await this.gramStatistics();
    const rarest = Math.min(...grams.map((g) => stats.frequency.get(g) ?? stats.floor));
    return rarest >= DENSE_SHARE;
  }

  async findByUsccs(usccs: readonly string[]): Promise<EnterpriseEntry[]> {
    if (usccs.length === 0) return [];
    return (await this.read.rows<EnterpriseRow>(`SELECT ${COLUMNS} FROM enterprises WHERE uscc = ANY($1)`, [usccs])).map(fromRow);
  }

  async findByRegistrationNo(registrationNo: string): Promise<EnterpriseEntry | null> {
    const rows = await this.read.rows<EnterpriseRow>(`SELECT ${COLUMNS} FROM enterprises WHERE registration_no = $1 ORDER BY uscc LIMIT 1`, [registrationNo]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async search(mode: SearchMode, region: string | undefined, after: string | undefined, limit: number): Promise<EnterpriseEntry[]> {
    if (mode.kind !== 'name') {
      const where = [mode.kind === 'uscc' ? 'uscc = $1' : 'registration_no = $1', '($2::text IS NULL OR region = $2)', '($3::text IS NULL OR uscc > $3)'];
      const rows = await this.read.rows<EnterpriseRow>(`SELECT ${COLUMNS} FROM enterprises WHERE ${where.join(' AND ')} ORDER BY uscc LIMIT $4`, [mode.code, region ?? null, after ?? null, limit + 1]);
      return rows.map(fromRow);
    }
    const grams = searchGrams(mode.text);
    const text = mode.text.toLowerCase();
    if (region === undefined && (await this.dense(grams))) {
      const walked = await this.read.rows<EnterpriseRow>(
        `SELECT ${COLUMNS} FROM (SELECT ${COLUMNS} FROM enterprises WHERE ($1::text IS NULL OR uscc > $1) ORDER BY uscc LIMIT $2) AS walk
          WHERE strpos(lower(name), $3) > 0 ORDER BY uscc LIMIT $4`,
        [after ?? null, WALK_BUDGET, text, limit + 1],
      );
      if (walked.length > limit) return walked.map(fromRow);
    }
    // the grams narrow by index; strpos keeps only true substrings (no pattern characters to escape);
    // OFFSET 0 keeps the planner from walking the primary key instead
    const rows = await this.read.rows<EnterpriseRow>(
      `SELECT * FROM (SELECT ${COLUMNS} FROM enterprises
          WHERE grams @> $1::text[] AND strpos(lower(name), $2) > 0 AND ($3::text IS NULL OR region = $3) AND ($4::text IS NULL OR uscc > $4) OFFSET 0) AS found
        ORDER BY uscc LIMIT $5`,
      [grams, text, region ?? null, after ?? null, limit + 1],
    );
    return rows.map(fromRow);
  }

  async upsertMany(entries: readonly EnterpriseEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const latest = [...new Map(entries.map((e) => [e.uscc, e])).values()];
    await this.sql.rows(
      `INSERT INTO enterprises (uscc, registration_no, name, region, grams)
         SELECT u, r, n, rg, ARRAY(SELECT jsonb_array_elements_text(gr)) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) AS t(u, r, n, rg, gr)
       ON CONFLICT (uscc) DO UPDATE SET registration_no = EXCLUDED.registration_no, name = EXCLUDED.name, region = EXCLUDED.region, grams = EXCLUDED.grams`,
      [latest.map((e) => e.uscc), latest.map((e) => e.registrationNo ?? null), latest.map((e) => e.name), latest.map((e) => e.region), latest.map((e) => JSON.stringify(nameGrams(e.name)))],
    );
  }

  async count(): Promise<number> {
    const rows = await this.read.rows<{ n: number }>('SELECT count(*)::int AS n FROM enterprises');
    return rows[0]?.n ?? 0;
  }
}
