// The real services the system needs: PostgreSQL (started here, or DATABASE_URL; MONGODB_URI
// selects the MongoDB adapter instead) and Keycloak (started here, or KEYCLOAK_URL). Started once,
// reused by later starts, stopped on request.
import { ensureDebianPackages, RUNTIME_PACKAGES } from './debian';
import { startFerretdb, stopFerretdb } from './ferretdb';
import { runningPid } from '../../launcher/process-control';
import { startKeycloak, stopKeycloak } from './keycloak';
import { postgresRunning, startPostgres, stopPostgres } from './postgres';
import { startRedis, stopRedis } from './redis';
import { storageConfigFromEnv, type StorageConfig } from '../../storage/index';

export interface ServiceEndpoints {
  /** Administrative PostgreSQL URL, unless MONGODB_URI selects MongoDB. */
  readonly databaseUrl?: string;
  readonly mongodbUri?: string;
  readonly keycloakUrl: string;
}

export async function servicesUp(env: NodeJS.ProcessEnv = process.env): Promise<ServiceEndpoints> {
  // what the processes themselves need from the machine (the font credit reports embed)
  ensureDebianPackages(RUNTIME_PACKAGES, 'credit reports');
  const mongodbUri = env['MONGODB_URI'];
  const [databaseUrl, keycloakUrl] = await Promise.all([
    mongodbUri ? undefined : (env['DATABASE_URL'] ?? startPostgres(Number(env['PG_PORT'] ?? 5432))),
    env['KEYCLOAK_URL'] ?? startKeycloak(Number(env['KEYCLOAK_PORT'] ?? 8080)),
  ]);
  return { ...(databaseUrl ? { databaseUrl } : {}), ...(mongodbUri ? { mongodbUri } : {}), keycloakUrl: keycloakUrl.replace(/\/+$/, '') };
}

/** FerretDB, the MongoDB-protocol server the MongoDB adapter's tests run against. */
export function ferretdbUp(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return startFerretdb(Number(env['FERRETDB_PORT'] ?? 27017));
}

/** Redis, where several gateways share their limits (REDIS_URL points at an existing one). */
export function redisUp(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return env['REDIS_URL'] ? Promise.resolve(env['REDIS_URL']) : startRedis(Number(env['REDIS_PORT'] ?? 6379));
}

export async function servicesDown(): Promise<void> {
  await Promise.all([stopPostgres(), stopFerretdb(), stopKeycloak(), stopRedis()]);
}

/** Whether this project's database or Keycloak is already running (started by an earlier command). */
export function runningServices(): boolean {
  return postgresRunning() || ['ferretdb', 'keycloak', 'redis'].some((name) => runningPid(name) !== undefined);
}

/**
 * Starts (or reuses) the services and points this process at them: DATABASE_URL and KEYCLOAK_URL
 * are set for it and for the processes it starts. For benchmarks and scripts.
 */
export async function useServices(): Promise<{ config: StorageConfig; keycloakUrl: string; databaseLabel: string }> {
  const endpoints = await servicesUp();
  if (endpoints.databaseUrl) process.env['DATABASE_URL'] = endpoints.databaseUrl;
  process.env['KEYCLOAK_URL'] = endpoints.keycloakUrl;
  const config = storageConfigFromEnv(process.env);
  const databaseLabel = config.kind === 'mongodb' ? 'MongoDB adapter (MONGODB_URI)' : 'PostgreSQL';
  return { config, keycloakUrl: endpoints.keycloakUrl, databaseLabel };
}
