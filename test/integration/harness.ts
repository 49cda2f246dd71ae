// Starts the four subgraphs and the gateway in this process, on free ports, against the real
// database and Keycloak started by global-setup, with a fresh set of databases per test file.
import type { RunningGateway } from '../../gateway/server';
import { indicatorByCode } from '../../schema/catalogue';
import type { AuditStore, MonitoringStore, StoredRecord, SubgraphStorage } from '../../storage/port';
import { DEFAULT_SEED, generateEnterprise, type DemoEnterprise, type DemoOptions } from '../../scripts/demo-data/generate';
import { loadDemoData } from '../../scripts/demo-data/load';
import { systemConfigFromEnv } from '../../launcher/config';
import { startInProcessSystem } from '../../launcher/in-process';
import { startGatewayService, type StartedService } from '../../launcher/services';
import type { ConsoleSettings } from '../../gateway/console';
import { DEV_PERSON_HASH_KEY } from '../../schema/person-hash';
import type { RunningSubgraph } from '../../subgraphs/kit/subgraph-server';
import type { SubgraphName } from '../../subgraphs/index';
import { createLogger } from '../../platform/logger';
import { recordLogLine } from './run-record';
import { HOP_SIGNATURE_HEADER, signHop } from '../../platform/hop-signature';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface QueryOptions {
  readonly url?: string;
  readonly purpose?: string | null;
  /** A request to a subgraph is signed as the gateway signs its own, unless this is false. */
  readonly signed?: boolean;
}

export interface TestSystem {
  /** Prefix of this system's databases, for processes started beside it. */
  readonly dbPrefix: string;
  readonly gateway: RunningGateway;
  /** The key requests to a subgraph are signed with. */
  readonly hopKey: string;
  readonly audit: AuditStore;
  /** Log lines of the gateway and subgraphs, as JSON objects. */
  readonly logs: Record<string, unknown>[];
  readonly subgraphs: Record<SubgraphName, { running: RunningSubgraph; storage: SubgraphStorage }>;
  /** Watches and their events (PostgreSQL). */
  readonly monitoring?: MonitoringStore;
  readonly demo: DemoOptions;
  /** Enterprise `i` of the loaded data set, as the generator made it. */
  enterprise(i: number): DemoEnterprise;
  /**
   * Posts to the gateway (or `options.url`). A request with a token states the purpose
   * SUPERVISION unless `options.purpose` says otherwise (null: no purpose header).
   */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string, options?: QueryOptions): Promise<GraphQLResponse<T>>;
  /** Another gateway over the same subgraphs and databases (as a second instance of a deployment). */
  addGateway(): Promise<RunningGateway>;
  /** Stored records of one indicator about these enterprises, with all their attributes, read through the store. */
  stored(subgraph: SubgraphName, indicator: string, usccs: readonly string[]): Promise<StoredRecord[]>;
  stop(): Promise<void>;
}

/** `hopKey`: sign the request as the gateway signs its requests to a subgraph. */
export async function postGraphQL<T>(url: string, body: unknown, headers: Record<string, string> = {}, hopKey?: string): Promise<GraphQLResponse<T>> {
  const text = JSON.stringify(body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(hopKey ? { [HOP_SIGNATURE_HEADER]: signHop(hopKey, { body: text, authorization: headers['authorization'] }) } : {}) },
    body: text,
  });
  const json = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...json };
}

/** Where the test gateway listens (default: a free port) and whether it serves the web console (default: not). */
export interface TestGatewayOptions {
  readonly port?: number;
  readonly console?: ConsoleSettings;
}

/** `env` overrides settings (e.g. gateway limits) for this system only. */
export async function startTestSystem(size = 300, env: NodeJS.ProcessEnv = {}, gatewayOptions: TestGatewayOptions = {}): Promise<TestSystem> {
  if (!process.env['DATABASE_URL'] && !process.env['MONGODB_URI']) throw new Error('DATABASE_URL is not set: run the integration tests through jest (global-setup starts the services)');
  const dbPrefix = `test${process.pid}_${Date.now().toString(36)}`;
  const demo: DemoOptions = { seed: DEFAULT_SEED, size, personHashKey: DEV_PERSON_HASH_KEY };
  // the system's log lines are kept here, for tests to read, rather than printed
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(
    'test',
    { LOG_LEVEL: 'info' },
    {
      write: (line: string) => {
        logs.push(JSON.parse(line) as Record<string, unknown>);
        recordLogLine(line);
      },
    },
  );
  const config = systemConfigFromEnv({ ...process.env, ...env, DATABASE_PREFIX: dbPrefix });
  const system = await startInProcessSystem(
    { ...config, gateway: { ...config.gateway, console: gatewayOptions.console ?? null } },
    { logger, ...(gatewayOptions.port ? { gatewayPort: gatewayOptions.port } : {}) },
  );
  const { gateway, subgraphs, audit } = system;
  const extraGateways: StartedService[] = [];
  await loadDemoData(Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.storage])) as Record<SubgraphName, SubgraphStorage>, demo);

  return {
    dbPrefix,
    gateway,
    hopKey: system.hopKey,
    audit,
    logs,
    subgraphs,
    ...(system.monitoring ? { monitoring: system.monitoring } : {}),
    demo,
    enterprise: (i) => generateEnterprise(demo, i),
    query: (query, variables, token, options = {}) => {
      const headers: Record<string, string> = {};
      if (token) headers['authorization'] = `Bearer ${token}`;
      const purpose = options.purpose === undefined ? (token ? 'SUPERVISION' : null) : options.purpose;
      if (purpose) headers['x-query-purpose'] = purpose;
      const url = options.url ?? gateway.url;
      return postGraphQL(url, { query, variables }, headers, url !== gateway.url && options.signed !== false ? system.hopKey : undefined);
    },
    addGateway: async () => {
      const urls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.running.url])) as Record<SubgraphName, string>;
      const second = await startGatewayService({ ...config, gateway: { ...config.gateway, console: null, port: 0 } }, logger.child({ service: 'gateway-2' }), urls);
      extraGateways.push(second);
      return second.running;
    },
    stored: (subgraph, indicator, usccs) => subgraphs[subgraph].storage.records.findFor(usccs, [indicator], indicatorByCode(indicator)?.attributes.map((a) => a.name) ?? []),
    stop: async () => {
      for (const g of extraGateways) await g.stop();
      await system.stop({ dropDatabases: true });
    },
  };
}
