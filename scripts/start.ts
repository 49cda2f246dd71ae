// `npm start`: the whole system with demo data. Starts (or reuses) PostgreSQL and Keycloak, seeds
// about 2,000 demo enterprises on first run, then runs the four subgraphs, the gateway and the
// dispatcher through the launcher, in the foreground until Ctrl-C, which stops them (the database
// and Keycloak keep running: `npm run services:down`).
import { execFileSync } from 'node:child_process';
import { gatewayPort } from '../gateway/config';
import { seed } from './seed';
import { DEFAULT_SEED } from './demo-data/generate';
import { servicesUp } from './services/index';
import { databaseName, dbPrefixFromEnv, openMonitoringStore, storageConfigFromEnv } from '../storage/index';
import { ensureDemoWatch } from './demo-data/demo-watch';
import { startSystemProcesses } from '../launcher/processes';
import { ROOT } from '../platform/paths';

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
  await seed(storageConfigFromEnv(env), { size: Number(process.env['DEMO_SIZE'] ?? 2000), seed: DEFAULT_SEED, dbPrefix, force: false });
  if (!mongodbUri || env['MONITORING_DATABASE_URL']) {
    const monitoring = await openMonitoringStore(storageConfigFromEnv(env, 'monitoring'), databaseName(dbPrefix, 'monitoring'), env);
    await ensureDemoWatch(monitoring).finally(() => monitoring.close());
  }
  // the web console the gateway serves at /: typed operations, the bundle and its persisted query manifest
  execFileSync('npm', ['run', '--silent', 'console:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // the subgraphs, the gateway and the dispatcher, each a process of its own started by the launcher
  const system = await startSystemProcesses(env, {
    dispatcher: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    onSpawn: (name, child) => {
      const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
      child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
      child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
    },
  });
  const port = gatewayPort(env);
  process.stdout.write(`credit gateway ready at http://127.0.0.1:${port}/graphql, web console at http://127.0.0.1:${port}/ (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  const children = system.children.map((c) => c.process);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    system.stop('SIGTERM');
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
