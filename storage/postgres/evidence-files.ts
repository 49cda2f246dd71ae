// Evidence files (objections, repair applications) in a table of their own, one row per file
// (bytea), written with what they support and read only when a file is asked for.
import type { EvidenceFile } from '../port';
import type { Sql } from './connection';

/** `table` and `owner` (the column naming what the files support) are the adapter's own constants. */
export async function saveEvidence(sql: Sql, table: string, owner: string, ownerId: string, files: readonly EvidenceFile[]): Promise<void> {
  if (files.length === 0) return;
  await sql.rows(`INSERT INTO ${table} (${owner}, n, name, content_type, bytes) SELECT $1, n - 1, name, ct, b FROM unnest($2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY AS f(name, ct, b, n)`, [
    ownerId,
    files.map((f) => f.name),
    files.map((f) => f.contentType),
    files.map((f) => f.bytes),
  ]);
}

/** One file (0-based), or null. */
export async function loadEvidence(sql: Sql, table: string, owner: string, ownerId: string, index: number): Promise<EvidenceFile | null> {
  const [row] = await sql.rows<{ name: string; content_type: EvidenceFile['contentType']; bytes: Buffer }>(`SELECT name, content_type, bytes FROM ${table} WHERE ${owner} = $1 AND n = $2`, [
    ownerId,
    index,
  ]);
  return row ? { name: row.name, contentType: row.content_type, bytes: row.bytes } : null;
}
