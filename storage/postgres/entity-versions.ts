// Enterprises' versions in PostgreSQL (table entity_versions, kept by triggers on every table an
// answer is read from). Read on the leader, where a change is visible once it is acknowledged.
// Where the subgraph also reads from a standby, the versions are read there too: a change one
// server shows and the other not yet is in flight, and no answer read meanwhile may be kept
// under either version, so its stamp is one no later read will match.
import type { Pool } from 'pg';
import { GENERATION_KEY, type EntityVersions } from '../port';
import { Sql } from './connection';

let unsettled = 0;

export class PgEntityVersions implements EntityVersions {
  private readonly leader: Sql;
  private readonly reads: Sql | null;

  constructor(
    private readonly pools: { readonly leader: Pool; readonly reads?: Pool },
    database: string,
  ) {
    this.leader = new Sql(pools.leader, { count: 0, database });
    this.reads = pools.reads ? new Sql(pools.reads, { count: 0, database }) : null;
  }

  async read(usccs: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const keys = [GENERATION_KEY, ...usccs];
    const [onLeader, onReads] = await Promise.all([versionsOn(this.leader, keys), this.reads ? versionsOn(this.reads, keys) : null]);
    if (!onReads) return onLeader;
    const settled = new Map<string, string>();
    for (const key of keys) {
      const [a, b] = [onLeader.get(key) ?? '0', onReads.get(key) ?? '0'];
      settled.set(key, a === b ? a : `unsettled-${++unsettled}`);
    }
    return settled;
  }

  async close(): Promise<void> {
    await Promise.all([this.pools.leader.end(), this.pools.reads?.end()]);
  }
}

async function versionsOn(sql: Sql, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await sql.rows<{ uscc: string; version: string }>('SELECT uscc, version::text AS version FROM entity_versions WHERE uscc = ANY($1::text[])', [keys]);
  return new Map(rows.map((r) => [r.uscc, r.version]));
}
