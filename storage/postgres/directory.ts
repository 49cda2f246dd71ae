// The enterprise directory in PostgreSQL: code order is the primary key's order, so a page is a
// keyset range; name substrings are found through the GIN index on the name's grams, then checked
// as true substrings.
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

export class PgEnterpriseDirectory implements EnterpriseDirectory {
  constructor(private readonly sql: Sql) {}

  async findByUsccs(usccs: readonly string[]): Promise<EnterpriseEntry[]> {
    if (usccs.length === 0) return [];
    return (await this.sql.rows<EnterpriseRow>(`SELECT ${COLUMNS} FROM enterprises WHERE uscc = ANY($1)`, [usccs])).map(fromRow);
  }

  async findByRegistrationNo(registrationNo: string): Promise<EnterpriseEntry | null> {
    const rows = await this.sql.rows<EnterpriseRow>(`SELECT ${COLUMNS} FROM enterprises WHERE registration_no = $1 ORDER BY uscc LIMIT 1`, [registrationNo]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async search(mode: SearchMode, region: string | undefined, after: string | undefined, limit: number): Promise<EnterpriseEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (mode.kind === 'uscc') where.push(`uscc = ${param(mode.code)}`);
    else if (mode.kind === 'registrationNo') where.push(`registration_no = ${param(mode.code)}`);
    else {
      const grams = searchGrams(mode.text);
      if (grams.length > 0) where.push(`grams @> ${param(grams)}::text[]`);
      // the grams narrow by index; strpos keeps only true substrings (no pattern characters to escape)
      where.push(`strpos(lower(name), ${param(mode.text.toLowerCase())}) > 0`);
    }
    if (region) where.push(`region = ${param(region)}`);
    if (after) where.push(`uscc > ${param(after)}`);
    const rows = await this.sql.rows<EnterpriseRow>(
      `SELECT ${COLUMNS} FROM enterprises WHERE ${where.join(' AND ')} ORDER BY uscc LIMIT ${param(limit + 1)}`,
      params,
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
      [
        latest.map((e) => e.uscc),
        latest.map((e) => e.registrationNo ?? null),
        latest.map((e) => e.name),
        latest.map((e) => e.region),
        latest.map((e) => JSON.stringify(nameGrams(e.name))),
      ],
    );
  }

  async count(): Promise<number> {
    const rows = await this.sql.rows<{ n: number }>('SELECT count(*)::int AS n FROM enterprises');
    return rows[0]?.n ?? 0;
  }
}
