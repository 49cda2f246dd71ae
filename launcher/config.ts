// The system's one configuration: every setting of every service, read from the environment once
// per process and typed, so a service is started from what it is given and a setting left out is
// a compile error, not a silent default. The same object starts the system in one process
// (tests, benchmarks) or as processes (npm start, the deployment), where each process reads the
// same variables.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakOptionsFromEnv } from '../auth/config';
import type { TokenValidatorOptions } from '../auth/token-validator';
import { consoleSettingsFromEnv, type ConsoleSettings } from '../gateway/console';
import { gatewayPort, limitsFromEnv, type GatewayLimits } from '../gateway/config';
import { entityCacheSettingsFromEnv, type EntityCacheSettings } from '../cache/cache-config';
import { trustedDocumentsFromEnv, type TrustedDocuments } from '../gateway/trusted-documents';
import { endpointPolicyFromEnv, type EndpointPolicy } from '../monitoring/endpoint';
import { httpUrl, positiveInt } from '../platform/env';
import { DEFAULT_OBJECTION_DAYS } from '../objections/objection-service';
import { hopKeyFromEnv } from '../platform/hop-signature';
import { queryLimitsFromEnv, type QueryLimits } from '../platform/query-limits';
import { DEV_HOP_KEY_FILE, LOCAL, ROOT } from '../platform/paths';
import { reportSettingsFromEnv, type ReportSettings } from '../reports/report-config';
import { personHashKeyFromEnv } from '../schema/person-hash';
import { dbPrefixFromEnv, storageConfigFromEnv, type StorageConfig } from '../storage/index';
import { SUBGRAPHS, subgraphPort, type SubgraphName } from '../subgraphs/index';

/** The processes of the system. */
export type ServiceName = 'gateway' | SubgraphName | 'dispatcher';
export const SERVICE_NAMES: readonly ServiceName[] = ['gateway', ...SUBGRAPHS.map((s) => s.name), 'dispatcher'];

export interface Listener {
  readonly port: number;
  readonly host: string;
}

export interface GatewayConfig extends Listener {
  readonly supergraphSdl: string;
  readonly limits: GatewayLimits;
  readonly trustedDocuments: TrustedDocuments;
  readonly reports: ReportSettings;
  /** The web console served at /, or none. */
  readonly console: ConsoleSettings | null;
  /** Where several gateways share their limits (REDIS_URL), or null: counted in the process. */
  readonly sharedState: { readonly url: string; readonly prefix: string } | null;
  /**
   * How long an answer waits for its audit record while the audit database does not accept it
   * (AUDIT_RECORD_PATIENCE_MS; 0, the default, fails it at once): set where a failover ends such
   * an outage by itself (the cluster: 20 s, longer than a leader change).
   */
  readonly auditPatienceMs: number;
  /** The entity cache (ENTITY_CACHE, ENTITY_CACHE_MAX_MB, ENTITY_CACHE_VERSION_TIMEOUT_MS). */
  readonly entityCache: EntityCacheSettings;
}

export interface SubgraphConfig extends Listener {
  /** Where the gateway and the other services reach it. */
  readonly url: string;
  /** What one request may cost: a subgraph checks it again, whoever calls. */
  readonly limits: QueryLimits;
}

export interface DispatcherConfig {
  readonly timeoutMs: number;
  readonly retryForMs: number;
  readonly maxBackoffMs: number;
}

export interface SystemConfig {
  /** The variables the configuration was read from: adapters read their tuning (pool sizes) there. */
  readonly env: NodeJS.ProcessEnv;
  /** The store of one part (a subgraph, `audit`, `monitoring`): `<PART>_DATABASE_URL` may move it. */
  readonly storage: (part: string) => StorageConfig;
  /** Names every database: `<prefix>_<part>`. */
  readonly dbPrefix: string;
  readonly keycloak: TokenValidatorOptions;
  /** The key the services sign their requests to each other with. */
  readonly hopKey: string;
  /** The key of the hash that matches natural persons across subgraphs. */
  readonly personHashKey: string;
  /** Which webhook endpoints watches may name. */
  readonly webhooks: EndpointPolicy;
  /** Calendar days within which the submitting unit decides an objection (OBJECTION_DAYS, default 20). */
  readonly objectionDays: number;
  readonly gateway: GatewayConfig;
  /** Where the subgraphs call the gateway back (report issuing). */
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<SubgraphName, SubgraphConfig>>;
  readonly dispatcher: DispatcherConfig;
}

const LOOPBACK = '127.0.0.1';

export function systemConfigFromEnv(env: NodeJS.ProcessEnv): SystemConfig {
  const keycloak = keycloakOptionsFromEnv(env);
  const gateway = gatewayPort(env);
  const subgraphs = Object.fromEntries(
    SUBGRAPHS.map((entry) => {
      const port = subgraphPort(entry, env);
      // loopback unless SUBGRAPH_BIND_HOST says otherwise: the gateway's BIND_HOST does not expose the subgraphs
      const config: SubgraphConfig = {
        port,
        host: env['SUBGRAPH_BIND_HOST'] ?? LOOPBACK,
        url: httpUrl(env, `${entry.name.toUpperCase()}_SUBGRAPH_URL`, `http://${LOOPBACK}:${port}/graphql`),
        limits: queryLimitsFromEnv(env),
      };
      return [entry.name, config];
    }),
  ) as Record<SubgraphName, SubgraphConfig>;
  return {
    env,
    storage: (part) => storageConfigFromEnv(env, part),
    dbPrefix: dbPrefixFromEnv(env),
    keycloak,
    hopKey: hopKeyFromEnv(env, DEV_HOP_KEY_FILE),
    personHashKey: personHashKeyFromEnv(env),
    webhooks: endpointPolicyFromEnv(env),
    objectionDays: positiveInt(env, 'OBJECTION_DAYS', DEFAULT_OBJECTION_DAYS),
    gateway: {
      port: gateway,
      host: env['BIND_HOST'] ?? LOOPBACK,
      supergraphSdl: readFileSync(env['SUPERGRAPH_PATH'] ?? path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
      limits: limitsFromEnv(env),
      trustedDocuments: trustedDocumentsFromEnv(env),
      reports: reportSettingsFromEnv(env, { devKeyFile: path.join(LOCAL, 'data', 'report-signing-key.pem'), publicUrl: `http://${LOOPBACK}:${gateway}` }),
      console: consoleSettingsFromEnv(env, keycloak),
      sharedState: sharedStateFromEnv(env),
      auditPatienceMs: env['AUDIT_RECORD_PATIENCE_MS'] ? positiveInt(env, 'AUDIT_RECORD_PATIENCE_MS', 0) : 0,
      entityCache: entityCacheSettingsFromEnv(env),
    },
    gatewayUrl: httpUrl(env, 'GATEWAY_URL', `http://${LOOPBACK}:${gateway}`),
    subgraphs,
    dispatcher: {
      timeoutMs: positiveInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
      retryForMs: positiveInt(env, 'WEBHOOK_RETRY_FOR_MS', 86_400_000),
      maxBackoffMs: positiveInt(env, 'WEBHOOK_MAX_BACKOFF_MS', 3_600_000),
    },
  };
}

/** REDIS_URL (redis:// or rediss://), its keys under the deployment's database prefix. */
function sharedStateFromEnv(env: NodeJS.ProcessEnv): GatewayConfig['sharedState'] {
  const url = env['REDIS_URL'];
  if (!url) return null;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  return { url, prefix: `${dbPrefixFromEnv(env)}:` };
}
