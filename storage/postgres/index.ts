// Opens the PostgreSQL adapter: provisions the service's database and role with the
// administrative URL, then serves every request through a pool logged in as that role.
import { positiveInt } from '../../platform/env';
import type { AuditStore, ChangeFeed, EntityVersions, MonitoringStore, ReportRegistry, SubgraphStorage, SubgraphStores } from '../port';
import { createPool, inTransaction, Sql, type StatementCounter } from './connection';
import { PgAuditStore } from './audit';
import { PgReportRegistry } from './reports';
import { watchPool, forgetPool } from '../../platform/metrics';
import { PgEnterpriseDirectory } from './directory';
import { dropDatabase, provision, provisionReader, roleSecret } from './provision';
import { PgChangeFeed, PgChangeOutbox } from './change-events';
import { PgMonitoringStore } from './monitoring';
import { PgRecordStore } from './records';
import { PgSubmissionStore } from './submissions';
import { PgObjectionStore } from './objections';
import { PgStatementStore } from './statements';
import { PgRepairStore } from './repairs';
import { PgCommitmentStore } from './commitments';
import { PgCreditCheckStore } from './credit-checks';
import { PgEntityVersions } from './entity-versions';

/** `read` answers the reads a caller may be served from a standby; inside a transaction both are the one client. */
function storesOn(sql: Sql, read: Sql = sql): SubgraphStores {
  return {
    records: new PgRecordStore(sql, read),
    submissions: new PgSubmissionStore(sql),
    directory: new PgEnterpriseDirectory(sql, read),
    outbox: new PgChangeOutbox(sql),
    // objections are decided on what was just read: always the leader
    objections: new PgObjectionStore(sql),
    subjectStatements: new PgStatementStore(sql),
    repairs: new PgRepairStore(sql),
    commitments: new PgCommitmentStore(sql),
    creditChecks: new PgCreditCheckStore(sql),
  };
}

/** The provisioned URL with the host and port of the read server: the role and database are the same there. */
function onReadServer(url: string, readUrl: string): string {
  const target = new URL(url);
  const read = new URL(readUrl);
  target.hostname = read.hostname;
  target.port = read.port;
  return target.toString();
}

/**
 * With `readUrl`, reads go to a standby and every write waits until the synchronous standby has
 * applied it (synchronous_commit = remote_apply): once a write is acknowledged, a read there sees
 * it. Reads that precede a write in the same unit of work run in its transaction, on the leader.
 */
export async function openPgSubgraphStorage(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env, readUrl?: string): Promise<SubgraphStorage> {
  const url = await provision(adminUrl, 'subgraph', database, database, roleSecret(adminUrl, env));
  const max = positiveInt(env, 'DATABASE_POOL_SIZE', 10);
  const pool = createPool({ url, applicationName: `credit-${database}`, max, ...(readUrl ? { synchronousCommit: 'remote_apply' } : {}) });
  const readPool = readUrl ? createPool({ url: onReadServer(url, readUrl), applicationName: `credit-${database}-reads`, max, maxLifetimeSeconds: 60 }) : undefined;
  const counter: StatementCounter = { count: 0, database };
  const sql = new Sql(pool, counter);
  const read = readPool ? new Sql(readPool, counter) : sql;
  watchPool(database, pool);
  // this instance may serve other rules than the one before it: answers cached before are stale
  await sql.rows('SELECT bump_entity_generation()');
  return {
    ...storesOn(sql, read),
    transaction: (work) => inTransaction(pool, counter, (tx) => work(storesOn(tx))),
    async ping() {
      await new Sql(pool, { count: 0, database }).rows('SELECT 1');
      if (readPool) await new Sql(readPool, { count: 0, database }).rows('SELECT 1');
      return true;
    },
    statements: {
      get count() {
        return counter.count;
      },
      reset() {
        counter.count = 0;
      },
    },
    close: async () => {
      forgetPool(database);
      // answers cached while this instance served (perhaps other rules than the next) are stale too
      await sql.rows('SELECT bump_entity_generation()').catch(() => undefined);
      await Promise.all([pool.end(), readPool?.end()]);
    },
  };
}

export async function openPgAuditStore(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env): Promise<AuditStore> {
  const url = await provision(adminUrl, 'audit', database, database, roleSecret(adminUrl, env));
  return new PgAuditStore(createPool({ url, applicationName: `credit-${database}`, max: 4 }), database);
}

/** The report register lives in the gateway's (audit) database, under the same role, with a small pool of its own. */
export async function openPgReportRegistry(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env): Promise<ReportRegistry> {
  const url = await provision(adminUrl, 'audit', database, database, roleSecret(adminUrl, env));
  return new PgReportRegistry(createPool({ url, applicationName: `credit-${database}-reports`, max: 4 }), database);
}

/** The change feed of a subgraph's database, read through a role that may read the outbox and nothing else. */
export async function openPgChangeFeed(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env): Promise<ChangeFeed> {
  const secret = roleSecret(adminUrl, env);
  await provision(adminUrl, 'subgraph', database, database, secret);
  const url = await provisionReader(adminUrl, database, `${database}_feed`, secret, ['change_events']);
  return new PgChangeFeed(createPool({ url, applicationName: `credit-${database}-feed`, max: 2 }), database);
}

/**
 * The entity cache's view of a subgraph's database: a role that may read the enterprises' versions
 * and nothing else, on the leader and, where the subgraph reads from one (`readUrl`), on the read
 * server too. The database is never created or migrated from here: one its subgraph has not
 * provisioned fails to open, and nothing of it is cached.
 */
export async function openPgEntityVersions(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env, readUrl?: string): Promise<EntityVersions> {
  const url = await provisionReader(adminUrl, database, `${database}_cache`, roleSecret(adminUrl, env), ['entity_versions']);
  const applicationName = `credit-${database}-cache`;
  return new PgEntityVersions(
    {
      leader: createPool({ url, applicationName, max: 4 }),
      ...(readUrl ? { reads: createPool({ url: onReadServer(url, readUrl), applicationName, max: 4, maxLifetimeSeconds: 60 }) } : {}),
    },
    database,
  );
}

export async function openPgMonitoringStore(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env): Promise<MonitoringStore> {
  const url = await provision(adminUrl, 'monitoring', database, database, roleSecret(adminUrl, env));
  return new PgMonitoringStore(createPool({ url, applicationName: `credit-${database}`, max: 6 }), database);
}

export { dropDatabase as dropPgDatabase };
