// Enterprises' versions in PostgreSQL (table entity_versions, kept by triggers on every table an
// answer is read from), read on the server the subgraph reads its data from.
import type { Pool } from 'pg';
import { GENERATION_KEY, type EntityVersions } from '../port';
import { Sql } from './connection';

export class PgEntityVersions implements EntityVersions {
  private readonly sql: Sql;

  constructor(
    private readonly pool: Pool,
    database: string,
  ) {
    this.sql = new Sql(pool, { count: 0, database });
  }

  async read(usccs: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const rows = await this.sql.rows<{ uscc: string; version: string }>('SELECT uscc, version::text AS version FROM entity_versions WHERE uscc = ANY($1::text[])', [[GENERATION_KEY, ...usccs]]);
    return new Map(rows.map((r) => [r.uscc, r.version]));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
