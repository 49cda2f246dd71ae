// Entry point of the gateway process. Exits non-zero when it cannot start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keycloakOptionsFromEnv } from '../auth/config';
import { TokenValidator } from '../auth/token-validator';
import { gatewayPort, limitsFromEnv } from './config';
import { startGateway } from './server';
import { databaseName, dbPrefixFromEnv, openAuditStore, storageConfigFromEnv } from '../storage/index';
import { SUBGRAPH_OF } from '../schema/catalogue';
import { AuditLog, DEFAULT_AUDIT_OPTIONS } from './audit/audit-log';

async function main(): Promise<void> {
  const env = process.env;
  const supergraphPath = env['SUPERGRAPH_PATH'] ?? path.resolve(__dirname, '../schema/supergraph.graphql');
  const store = await openAuditStore(storageConfigFromEnv(env, 'audit'), databaseName(dbPrefixFromEnv(env), 'audit'), env);
  const log = new AuditLog((events) => store.append(events), {
    ...DEFAULT_AUDIT_OPTIONS,
    onError: (_err, pending) => process.stderr.write(`audit flush failed; ${pending} events kept for retry\n`),
  });
  const running = await startGateway({
    audit: { log, store },
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls: subgraphUrlsFromEnv(env),
    validator: new TokenValidator(keycloakOptionsFromEnv(env)),
    limits: limitsFromEnv(env),
    port: gatewayPort(env),
    host: env['BIND_HOST'],
  });
  process.stdout.write(`gateway ready at ${running.url}\n`);
  const shutdown = async () => {
    await running.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

/** `<NAME>_SUBGRAPH_URL` (e.g. IDENTITY_SUBGRAPH_URL) overrides a routing URL of the supergraph. */
function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.values(SUBGRAPH_OF).flatMap((name) => {
      const url = env[`${name.toUpperCase()}_SUBGRAPH_URL`];
      return url ? [[name, url]] : [];
    }),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
