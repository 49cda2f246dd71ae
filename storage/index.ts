// Chooses the adapter: MONGODB_URI selects MongoDB; otherwise PostgreSQL at DATABASE_URL (the
// project's own cluster when unset: see scripts/services/postgres.ts). Each subgraph has a
// database of its own, `<prefix>_<subgraph>`, and the gateway's audit trail `<prefix>_audit`.
import { dropMongoDatabase, openMongoAuditStore, openMongoChangeFeed, openMongoReportRegistry, openMongoSubgraphStorage } from './mongodb/index';
import type { AuditStore, ChangeFeed, EntityVersions, MonitoringStore, ReportRegistry, SubgraphStorage } from './port';
import { dropPgDatabase, openPgAuditStore, openPgChangeFeed, openPgEntityVersions, openPgMonitoringStore, openPgReportRegistry, openPgSubgraphStorage } from './postgres/index';

/**
 * `readUrl`: a server that answers reads (a standby that the cluster keeps synchronous, or the
 * leader): subgraph reads go there, writes to `url`. Only its host and port are used: the service
 * logs in there as its own role, which replication copied from the leader.
 */
export type StorageConfig = { readonly kind: 'postgres'; readonly url: string; readonly readUrl?: string } | { readonly kind: 'mongodb'; readonly uri: string };

export const DEFAULT_DB_PREFIX = 'credit';

/**
 * The store of one service. `part` (a subgraph name, or `audit`) lets `<PART>_DATABASE_URL` put
 * that service's database on a server of its own, and `<PART>_READ_DATABASE_URL` (or
 * READ_DATABASE_URL for all) send a subgraph's reads to a standby.
 */
export function storageConfigFromEnv(env: NodeJS.ProcessEnv, part?: string): StorageConfig {
  const mongo = env['MONGODB_URI'];
  // a part's own PostgreSQL URL wins, even beside MONGODB_URI
  if (mongo && !(part && env[`${part.toUpperCase()}_DATABASE_URL`])) {
    if (!/^mongodb(\+srv)?:\/\//.test(mongo)) throw new Error('MONGODB_URI must be a mongodb:// or mongodb+srv:// URI');
    return { kind: 'mongodb', uri: mongo };
  }
  const name = part && env[`${part.toUpperCase()}_DATABASE_URL`] ? `${part.toUpperCase()}_DATABASE_URL` : 'DATABASE_URL';
  const url = env[name];
  if (!url) throw new Error('set DATABASE_URL (PostgreSQL) or MONGODB_URI; `npm start` sets DATABASE_URL to the cluster it starts');
  // the URL carries a password: the message names the variable, never its value
  if (!isPgUrl(url)) throw new Error(`${name} must be a postgresql:// URL`);
  // `<PART>_READ_DATABASE_URL` first; a part on a server of its own never reads from the shared one's standby
  const ownRead = part ? `${part.toUpperCase()}_READ_DATABASE_URL` : undefined;
  const readName = ownRead && (env[ownRead] || name !== 'DATABASE_URL') ? ownRead : 'READ_DATABASE_URL';
  const readUrl = env[readName];
  if (readUrl === undefined || readUrl === '') return { kind: 'postgres', url };
  if (!isPgUrl(readUrl)) throw new Error(`${readName} must be a postgresql:// URL`);
  return { kind: 'postgres', url, readUrl };
}

function isPgUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url) && URL.canParse(url);
}

export function dbPrefixFromEnv(env: NodeJS.ProcessEnv): string {
  return env['DATABASE_PREFIX'] ?? env['MONGODB_DB_PREFIX'] ?? DEFAULT_DB_PREFIX;
}

export function databaseName(prefix: string, part: string): string {
  return `${prefix}_${part}`;
}

export function openSubgraphStorage(config: StorageConfig, database: string, env: NodeJS.ProcessEnv = process.env): Promise<SubgraphStorage> {
  return config.kind === 'mongodb' ? openMongoSubgraphStorage(config.uri, database) : openPgSubgraphStorage(config.url, database, env, config.readUrl);
}

export function openAuditStore(config: StorageConfig, database: string, env: NodeJS.ProcessEnv = process.env): Promise<AuditStore> {
  return config.kind === 'mongodb' ? openMongoAuditStore(config.uri, database) : openPgAuditStore(config.url, database, env);
}

/** The register of issued credit reports, in the gateway's database (`database`, the audit one). */
export function openReportRegistry(config: StorageConfig, database: string, env: NodeJS.ProcessEnv = process.env): Promise<ReportRegistry> {
  return config.kind === 'mongodb' ? openMongoReportRegistry(config.uri, database) : openPgReportRegistry(config.url, database, env);
}

/** The change feed (outbox) of one subgraph's database, for the dispatcher. */
export function openChangeFeed(config: StorageConfig, database: string, env: NodeJS.ProcessEnv = process.env): Promise<ChangeFeed> {
  return config.kind === 'mongodb' ? openMongoChangeFeed(config.uri, database) : openPgChangeFeed(config.url, database, env);
}

/**
 * The versions the gateway's entity cache checks, of one subgraph's database. PostgreSQL only (its
 * triggers keep them in the transaction of every change); on MongoDB none: nothing is cached.
 */
export function openEntityVersions(config: StorageConfig, database: string, env: NodeJS.ProcessEnv = process.env): Promise<EntityVersions | null> {
  return config.kind === 'mongodb' ? Promise.resolve(null) : openPgEntityVersions(config.url, database, env, config.readUrl);
}

/** Watches and their deliveries. PostgreSQL only: a MongoDB deployment points MONITORING_DATABASE_URL at a PostgreSQL server. */
export function openMonitoringStore(config: StorageConfig, database: string, env: NodeJS.ProcessEnv = process.env): Promise<MonitoringStore> {
  if (config.kind === 'mongodb') return Promise.reject(new Error('dynamic monitoring keeps its watches in PostgreSQL: set MONITORING_DATABASE_URL (or DATABASE_URL)'));
  return openPgMonitoringStore(config.url, database, env);
}

/** Drops a database (and, on PostgreSQL, its role): tests and benchmarks clean up with it. */
export function dropStorage(config: StorageConfig, database: string): Promise<void> {
  return config.kind === 'mongodb' ? dropMongoDatabase(config.uri, database) : dropPgDatabase(config.url, database, database);
}
