// The four subgraphs and the gateway in one process, on free ports: for tests and benchmarks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { limitsFromEnv } from '../gateway/config';
import { AuditLog, mongoAuditSink } from '../gateway/audit/audit-log';
import { startGateway, type RunningGateway } from '../gateway/server';
import { connectDatabase, type Database } from '../subgraphs/common/mongo';
import { personHashKeyFromEnv } from '../subgraphs/common/person-hash';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/common/subgraph-server';
import { databaseName, SUBGRAPHS, type SubgraphName } from '../subgraphs/index';

export interface InProcessSystem {
  readonly gateway: RunningGateway;
  /** The gateway's audit database connection. */
  readonly auditDatabase: Database;
  readonly subgraphs: Record<SubgraphName, { running: RunningSubgraph; database: Database }>;
  stop(options?: { dropDatabases?: boolean }): Promise<void>;
}

export const SUPERGRAPH_SDL = readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8');

export async function startInProcessSystem(uri: string, dbPrefix: string, env: NodeJS.ProcessEnv = process.env): Promise<InProcessSystem> {
  const validator = new TokenValidator(keycloakOptionsFromEnv(env));
  const subgraphs = {} as Record<SubgraphName, { running: RunningSubgraph; database: Database }>;
  // identity is first in SUBGRAPHS, so its URL is known before the others need it
  const deps = { identityUrl: () => subgraphs.identity.running.url, personHashKey: personHashKeyFromEnv(env) };
  for (const entry of SUBGRAPHS) {
    const database = await connectDatabase(uri, databaseName(dbPrefix, entry.name));
    const running = await startSubgraph(entry.create(database, deps), { database, validator, port: 0 });
    subgraphs[entry.name] = { running, database };
  }
  const auditDatabase = await connectDatabase(uri, `${dbPrefix}_audit`);
  const { sink, collection } = await mongoAuditSink(auditDatabase.db);
  const gateway = await startGateway({
    audit: { log: new AuditLog(sink), collection },
    supergraphSdl: SUPERGRAPH_SDL,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphs[s.name].running.url])),
    validator,
    limits: limitsFromEnv(env),
    port: 0,
  });
  return {
    gateway,
    auditDatabase,
    subgraphs,
    async stop(options = {}) {
      await gateway.stop();
      if (options.dropDatabases) await auditDatabase.db.dropDatabase();
      await auditDatabase.client.close();
      for (const { running, database } of Object.values(subgraphs)) {
        await running.stop();
        if (options.dropDatabases) await database.db.dropDatabase();
        await database.client.close();
      }
    },
  };
}
