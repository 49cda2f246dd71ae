// `npm start`: the whole system with demo data. Starts (or reuses) PostgreSQL and Keycloak, seeds
// about 2,000 demo enterprises on first run, then runs the four subgraphs and the gateway in the
// foreground until Ctrl-C, which stops them (the database and Keycloak keep running: `npm run services:down`).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { gatewayPort } from '../gateway/config';
import { SUBGRAPHS, subgraphPort } from '../subgraphs/index';
import { seed } from './seed';
import { DEFAULT_SEED } from './demo-data/generate';
import { servicesUp } from './services/index';
import { databaseName, dbPrefixFromEnv, openMonitoringStore, storageConfigFromEnv } from '../storage/index';
import { ensureDemoWatch } from './demo-data/demo-watch';
import { httpOk, waitUntil } from './services/process';
import { ROOT } from '../platform/paths';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function run(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(TSX, [path.join(ROOT, script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  return child;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { databaseUrl, mongodbUri, keycloakUrl } = await servicesUp();
  process.stdout.write(`database ${mongodbUri ? 'MongoDB (MONGODB_URI)' : 'PostgreSQL'}, Keycloak ${keycloakUrl} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const dbPrefix = dbPrefixFromEnv(process.env);
  // webhooks of the demo go to receivers on this machine: registered (identity) and delivered (dispatcher)
  // lines for people on a terminal, JSON when the output goes to a file or a collector
  const env: NodeJS.ProcessEnv = {
    WEBHOOK_ALLOW_LOOPBACK_HTTP: '8090',
    LOG_FORMAT: process.stdout.isTTY ? 'pretty' : 'json',
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    KEYCLOAK_URL: keycloakUrl,
    DATABASE_PREFIX: dbPrefix,
  };
  // a subgraph moved with <NAME>_PORT is where the gateway looks for it too
  for (const s of SUBGRAPHS) env[`${s.name.toUpperCase()}_SUBGRAPH_URL`] ??= `http://127.0.0.1:${subgraphPort(s, env)}/graphql`;
  await seed(storageConfigFromEnv(env), { size: Number(process.env['DEMO_SIZE'] ?? 2000), seed: DEFAULT_SEED, dbPrefix, force: false });
  if (!mongodbUri || env['MONITORING_DATABASE_URL']) {
    const monitoring = await openMonitoringStore(storageConfigFromEnv(env, 'monitoring'), databaseName(dbPrefix, 'monitoring'), env);
    await ensureDemoWatch(monitoring).finally(() => monitoring.close());
  }
  // the web console the gateway serves at /: typed operations, the bundle and its persisted query manifest
  execFileSync('npm', ['run', '--silent', 'console:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const children = SUBGRAPHS.map((s) => run(s.name, 'subgraphs/main.ts', [s.name], env));
  await Promise.all(SUBGRAPHS.map((s) => waitUntil(`${s.name} subgraph`, () => httpOk(`http://127.0.0.1:${subgraphPort(s, env)}/health/ready`), 60_000)));
  const port = gatewayPort(env);
  children.push(run('gateway', 'gateway/main.ts', [], env));
  children.push(run('dispatcher', 'monitoring/main.ts', [], env));
  await waitUntil('gateway', () => httpOk(`http://127.0.0.1:${port}/health/ready`), 60_000);
  process.stdout.write(`credit gateway ready at http://127.0.0.1:${port}/graphql, web console at http://127.0.0.1:${port}/ (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  for (const c of children)
    c.once('exit', (code) => {
      if (!stopping && code !== 0) {
        process.stderr.write(`a process exited with code ${code}; stopping\n`);
        stop();
        process.exitCode = 1;
      }
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
