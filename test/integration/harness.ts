// Starts the four subgraphs and the gateway in this process, on free ports, against the real
// database and Keycloak started by global-setup, with a fresh set of databases per test file.
import { MongoClient } from 'mongodb';
import type { RunningGateway } from '../../gateway/server';
import { DEFAULT_SEED, generateEnterprise, type DemoEnterprise, type DemoOptions } from '../../scripts/demo-data/generate';
import { loadDemoData } from '../../scripts/demo-data/load';
import { startInProcessSystem } from '../../scripts/in-process-system';
import type { Database } from '../../subgraphs/common/mongo';
import { DEV_PERSON_HASH_KEY } from '../../subgraphs/common/person-hash';
import type { RunningSubgraph } from '../../subgraphs/common/subgraph-server';
import type { SubgraphName } from '../../subgraphs/index';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface QueryOptions {
  readonly url?: string;
  readonly purpose?: string | null;
}

export interface TestSystem {
  /** Prefix of this system's databases, for processes started beside it. */
  readonly dbPrefix: string;
  readonly gateway: RunningGateway;
  readonly auditDatabase: Database;
  readonly subgraphs: Record<SubgraphName, { running: RunningSubgraph; database: Database }>;
  readonly demo: DemoOptions;
  /** Enterprise `i` of the loaded data set, as the generator made it. */
  enterprise(i: number): DemoEnterprise;
  /**
   * Posts to the gateway (or `options.url`). A request with a token states the purpose
   * SUPERVISION unless `options.purpose` says otherwise (null: no purpose header).
   */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string, options?: QueryOptions): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export async function postGraphQL<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...json };
}

/** `env` overrides settings (e.g. gateway limits) for this system only. */
export async function startTestSystem(size = 300, env: NodeJS.ProcessEnv = {}): Promise<TestSystem> {
  const uri = process.env['MONGODB_URI'];
  if (!uri) throw new Error('MONGODB_URI is not set: run the integration tests through jest (global-setup starts the services)');
  const dbPrefix = `test${process.pid}_${Date.now().toString(36)}`;
  const demo: DemoOptions = { seed: DEFAULT_SEED, size, personHashKey: DEV_PERSON_HASH_KEY };
  const loader = new MongoClient(uri);
  await loadDemoData(loader, { ...demo, dbPrefix });
  await loader.close();

  const { gateway, subgraphs, auditDatabase, stop } = await startInProcessSystem(uri, dbPrefix, { ...process.env, ...env });

  return {
    dbPrefix,
    gateway,
    auditDatabase,
    subgraphs,
    demo,
    enterprise: (i) => generateEnterprise(demo, i),
    query: (query, variables, token, options = {}) => {
      const headers: Record<string, string> = {};
      if (token) headers['authorization'] = `Bearer ${token}`;
      const purpose = options.purpose === undefined ? (token ? 'SUPERVISION' : null) : options.purpose;
      if (purpose) headers['x-query-purpose'] = purpose;
      return postGraphQL(options.url ?? gateway.url, { query, variables }, headers);
    },
    stop: () => stop({ dropDatabases: true }),
  };
}
