// Opens the PostgreSQL adapter: provisions the service's database and role with the
// administrative URL, then serves every request through a pool logged in as that role.
import { positiveInt } from '../../platform/env';
import type { AuditStore, ChangeFeed, MonitoringStore, ReportRegistry, SubgraphStorage, SubgraphStores } from '../port';
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

function storesOn(sql: Sql): SubgraphStores {
  return { records: new PgRecordStore(sql), submissions: new PgSubmissionStore(sql), directory: new PgEnterpriseDirectory(sql), outbox: new PgChangeOutbox(sql) };
}

export async function openPgSubgraphStorage(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphStorage> {
  const url = await provision(adminUrl, 'subgraph', database, database, roleSecret(adminUrl, env));
  const pool = createPool({ url, applicationName: `credit-${database}`, max: positiveInt(env, 'DATABASE_POOL_SIZE', 10) });
  const counter: StatementCounter = { count: 0, database };
  const sql = new Sql(pool, counter);
  watchPool(database, pool);
  return {
    ...storesOn(sql),
    transaction: (work) => inTransaction(pool, counter, (tx) => work(storesOn(tx))),
    async ping() {
      await new Sql(pool, { count: 0, database }).rows('SELECT 1');
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
    close: () => {
      forgetPool(database);
      return pool.end();
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

export async function openPgMonitoringStore(adminUrl: string, database: string, env: NodeJS.ProcessEnv = process.env): Promise<MonitoringStore> {
  const url = await provision(adminUrl, 'monitoring', database, database, roleSecret(adminUrl, env));
  return new PgMonitoringStore(createPool({ url, applicationName: `credit-${database}`, max: 6 }), database);
}

export { dropDatabase as dropPgDatabase };
