// `npm run cluster [up|down|status|render <dir>]`: the highly available deployment of
// scripts/cluster/topology.yaml on this machine. etcd, two PostgreSQL nodes under Patroni with
// synchronous replication, HAProxy in front of the leader and of every service's instances,
// Redis for the shared limits, Keycloak on PostgreSQL in production mode, and every service of
// the system more than once. Debian's packages are installed when missing; data, logs and pid
// files live under .local/cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { httpOk, requireFreePort, runningPid, startDetached, stopByPid, waitUntil } from '../../launcher/process-control';
import { LOCAL, ROOT } from '../../platform/paths';
import { commandExists, ensureDebianPackages, pythonImports } from '../services/debian';
import { installKeycloak, KEYCLOAK_HOME, REALM_FILE } from '../services/keycloak';
import { installPostgres } from '../services/postgres';
import { startRedis, stopRedis } from '../services/redis';
import { haproxyConfig, instances, KEYCLOAK_DB, patroniConfig, serviceEnv, systemdUnits, type ClusterSecrets } from './render';
import { readTopology, type Topology } from './topology';

const HOME = path.join(LOCAL, 'cluster');
const SECRETS_FILE = path.join(HOME, 'secrets.json');
const PACKAGES = [
  { name: 'etcd-server', present: () => commandExists('etcd') },
  { name: 'patroni', present: () => commandExists('patroni') && pythonImports('etcd') },
  { name: 'haproxy', present: () => commandExists('haproxy') },
];

function secrets(): ClusterSecrets {
  if (existsSync(SECRETS_FILE)) return JSON.parse(readFileSync(SECRETS_FILE, 'utf8')) as ClusterSecrets;
  const key = () => randomBytes(32).toString('base64url');
  const made: ClusterSecrets = {
    superuserPassword: key(),
    replicationPassword: key(),
    keycloakDbPassword: key(),
    roleSecret: key(),
    hopKey: key(),
    personHashKey: key(),
    keycloakAdminPassword: key(),
  };
  mkdirSync(HOME, { recursive: true });
  writeFileSync(SECRETS_FILE, JSON.stringify(made, null, 2), { mode: 0o600 });
  return made;
}

const asPostgres = (dir: string) => execFileSync('chown', ['-R', 'postgres:postgres', dir]);

async function startEtcd(t: Topology): Promise<void> {
  const cluster = t.etcd.members.map((m) => `${m.name}=http://${m.host}:${m.peerPort}`).join(',');
  for (const m of t.etcd.members) {
    const name = `cluster-${m.name}`;
    if (runningPid(name) !== undefined) continue;
    await requireFreePort('etcd', m.clientPort, 'change etcd in scripts/cluster/topology.yaml');
    const dataDir = path.join(HOME, 'data', m.name);
    mkdirSync(dataDir, { recursive: true });
    startDetached(name, 'etcd', [
      `--name=${m.name}`,
      `--data-dir=${dataDir}`,
      `--listen-client-urls=http://${m.host}:${m.clientPort}`,
      `--advertise-client-urls=http://${m.host}:${m.clientPort}`,
      `--listen-peer-urls=http://${m.host}:${m.peerPort}`,
      `--initial-advertise-peer-urls=http://${m.host}:${m.peerPort}`,
      `--initial-cluster=${cluster}`,
      `--initial-cluster-token=${t.name}`,
      '--log-level=warn',
    ]);
  }
  for (const m of t.etcd.members) await waitUntil('etcd', () => httpOk(`http://${m.host}:${m.clientPort}/health`), 30_000, `cluster-${m.name}`);
}

async function startPatroni(t: Topology, s: ClusterSecrets): Promise<void> {
  const bin = installPostgres();
  for (const node of t.postgres.nodes) {
    const name = `cluster-patroni-${node.name}`;
    if (runningPid(name) !== undefined) continue;
    await requireFreePort('PostgreSQL', node.port, 'change postgres.nodes in scripts/cluster/topology.yaml');
    const nodeDir = path.join(HOME, 'postgres', node.name);
    const paths = { dataDir: path.join(nodeDir, 'data'), binDir: bin, socketDir: path.join(nodeDir, 'run'), logDir: path.join(nodeDir, 'log') };
    for (const dir of [paths.socketDir, paths.logDir]) mkdirSync(dir, { recursive: true });
    const file = path.join(nodeDir, 'patroni.yml');
    writeFileSync(file, patroniConfig(t, node, s, paths), { mode: 0o600 });
    asPostgres(nodeDir);
    chmodSync(nodeDir, 0o700);
    startDetached(name, 'runuser', ['-u', 'postgres', '--', 'patroni', file]);
  }
  // a leader, and every other node streaming from it
  await waitUntil('a PostgreSQL leader', async () => (await Promise.all(t.postgres.nodes.map((n) => httpOk(`http://${n.host}:${n.restPort}/primary`)))).some(Boolean), 120_000);
  await waitUntil('the PostgreSQL standbys', async () => (await Promise.all(t.postgres.nodes.map((n) => httpOk(`http://${n.host}:${n.restPort}/health`)))).every(Boolean), 120_000);
}

function startHaproxy(t: Topology): Promise<void> {
  const name = 'cluster-haproxy';
  const file = path.join(HOME, 'haproxy.cfg');
  const config = haproxyConfig(t);
  const changed = !existsSync(file) || readFileSync(file, 'utf8') !== config;
  writeFileSync(file, config);
  const running = runningPid(name);
  // a changed configuration is taken over by a new HAProxy, the old one finishing its sessions (-sf)
  if (running === undefined) startDetached(name, 'haproxy', ['-f', file, '-db']);
  else if (changed) startDetached(name, 'haproxy', ['-f', file, '-db', '-sf', String(running)]);
  return waitUntil('HAProxy', () => httpOk(`http://${t.haproxy.host}:${t.haproxy.statsPort}/`), 30_000, name);
}

/** Keycloak's database and role on the cluster, made once. */
async function provisionKeycloakDb(adminUrl: string, password: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = 'keycloak';
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await admin.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${escapeIdentifier(role)} LOGIN PASSWORD ${escapeLiteral(password)}`);
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [KEYCLOAK_DB]);
    if (!db.rowCount) await admin.query(`CREATE DATABASE ${escapeIdentifier(KEYCLOAK_DB)} OWNER ${escapeIdentifier(role)} ENCODING 'UTF8' TEMPLATE template0`);
    return role;
  } finally {
    await admin.end();
  }
}

/** Keycloak in production mode on the cluster's PostgreSQL (through HAProxy: it follows the leader). */
async function startKeycloakOnPostgres(t: Topology, s: ClusterSecrets, adminUrl: string): Promise<string> {
  const url = `http://${t.keycloak.host}:${t.keycloak.port}`;
  const management = t.keycloak.port + 1000;
  const name = 'cluster-keycloak';
  if (runningPid(name) === undefined) {
    await requireFreePort('Keycloak', t.keycloak.port, 'change keycloak in scripts/cluster/topology.yaml');
    installKeycloak();
    const home = path.join(HOME, 'keycloak');
    // a copy of its own: the production build (PostgreSQL driver, health) is baked into the copy
    if (!existsSync(path.join(home, 'bin', 'kc.sh'))) cpSync(KEYCLOAK_HOME, home, { recursive: true });
    const built = path.join(home, 'data', 'credit-built-for-postgres');
    if (!existsSync(built)) {
      execFileSync(path.join(home, 'bin', 'kc.sh'), ['build', '--db=postgres', '--health-enabled=true'], { stdio: 'inherit' });
      mkdirSync(path.dirname(built), { recursive: true });
      writeFileSync(built, '');
    }
    const importDir = path.join(home, 'data', 'import');
    mkdirSync(importDir, { recursive: true });
    cpSync(REALM_FILE, path.join(importDir, 'credit-realm.json'));
    const role = await provisionKeycloakDb(adminUrl, s.keycloakDbPassword);
    startDetached(
      name,
      path.join(home, 'bin', 'kc.sh'),
      [
        'start',
        '--optimized',
        '--import-realm',
        `--db-url=jdbc:postgresql://${t.haproxy.host}:${t.haproxy.primaryPort}/${KEYCLOAK_DB}`,
        `--db-username=${role}`,
        '--http-enabled=true',
        `--http-host=${t.keycloak.host}`,
        `--http-port=${t.keycloak.port}`,
        `--http-management-port=${management}`,
        `--hostname=${url}`,
        '--log-level=warn',
      ],
      // secrets in the environment, not on the command line a process listing shows
      { ...process.env, KC_DB_PASSWORD: s.keycloakDbPassword, KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: s.keycloakAdminPassword, JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m' },
    );
  }
  await waitUntil('Keycloak', () => httpOk(`http://${t.keycloak.host}:${management}/health/ready`), 240_000, name);
  await waitUntil('Keycloak realm credit', () => httpOk(`${url}/realms/credit/.well-known/openid-configuration`), 60_000, name);
  return url;
}

function startInstances(t: Topology, env: Record<string, string>, which: (service: string) => boolean): void {
  for (const instance of instances(t)) {
    if (!which(instance.service)) continue;
    const name = `cluster-${instance.id}`;
    if (runningPid(name) !== undefined) continue;
    startDetached(name, process.execPath, ['--import', 'tsx', path.join(ROOT, 'launcher', 'main.ts'), instance.service], { ...process.env, ...env, ...instance.env }, ROOT);
  }
}

async function up(t: Topology): Promise<void> {
  ensureDebianPackages(PACKAGES, 'the cluster');
  const s = secrets();
  await startEtcd(t);
  await startPatroni(t, s);
  await startHaproxy(t);
  const redis = await startRedis(t.redis.port, 'cluster-redis');
  const env0 = serviceEnv(t, s, { keycloak: '', redis });
  const adminUrl = env0['DATABASE_URL'] ?? '';
  const keycloak = process.env['KEYCLOAK_URL'] ?? (await startKeycloakOnPostgres(t, s, adminUrl));
  const env = serviceEnv(t, s, { keycloak, redis });
  writeFileSync(
    path.join(HOME, 'services.env'),
    `${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
    { mode: 0o600 },
  );
  // the subgraphs, then the gateways (ready once the subgraphs are), then the dispatchers
  startInstances(t, env, (service) => service !== 'gateway' && service !== 'dispatcher');
  for (const [name, port] of Object.entries(t.haproxy.subgraphPorts)) await waitUntil(`the ${name} subgraph`, () => httpOk(`http://${t.haproxy.host}:${port}/health/ready`), 180_000);
  startInstances(t, env, (service) => service === 'gateway' || service === 'dispatcher');
  const gateway = `http://${t.haproxy.host}:${t.haproxy.gatewayPort}`;
  await waitUntil('the gateways', () => httpOk(`${gateway}/health/ready`), 180_000);
  if (process.argv.includes('--seed')) {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'seed.ts'), '--size', '2000'], { stdio: 'inherit', env: { ...process.env, ...env } });
  }
  process.stdout.write(
    `cluster up: GraphQL at ${gateway}/graphql, Keycloak at ${keycloak}, HAProxy statistics at http://${t.haproxy.host}:${t.haproxy.statsPort}/\nthe services' variables: ${path.join(HOME, 'services.env')}\n`,
  );
}

async function down(t: Topology): Promise<void> {
  await Promise.all(instances(t).map((i) => stopByPid(`cluster-${i.id}`)));
  await stopByPid('cluster-keycloak', 30_000);
  await stopByPid('cluster-haproxy', 5_000);
  await stopRedis('cluster-redis');
  // Patroni stops its PostgreSQL on SIGTERM; one that outlived its Patroni (killed) is stopped here
  await Promise.all(t.postgres.nodes.map((n) => stopByPid(`cluster-patroni-${n.name}`, 60_000)));
  const bin = installPostgres();
  for (const n of t.postgres.nodes) {
    const dataDir = path.join(HOME, 'postgres', n.name, 'data');
    if (existsSync(path.join(dataDir, 'postmaster.pid'))) spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), 'stop', '-D', dataDir, '-m', 'fast', '-w'], { stdio: 'ignore' });
  }
  for (const m of t.etcd.members) await stopByPid(`cluster-${m.name}`, 10_000);
  process.stdout.write('cluster stopped\n');
}

async function status(t: Topology): Promise<void> {
  for (const n of t.postgres.nodes) {
    const info = await fetch(`http://${n.host}:${n.restPort}/patroni`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.json() as Promise<{ role?: string; state?: string; replication_state?: string; sync_standby?: boolean }>)
      .catch(() => undefined);
    process.stdout.write(`postgres ${n.name} :${n.port}  ${info ? `${info.role ?? '?'} ${info.state ?? ''}` : 'down'}\n`);
  }
  for (const i of instances(t)) process.stdout.write(`${i.id.padEnd(14)} ${runningPid(`cluster-${i.id}`) === undefined ? 'down' : 'running'}\n`);
}

function render(t: Topology, dir: string): void {
  const s = secrets();
  mkdirSync(path.join(dir, 'patroni'), { recursive: true });
  mkdirSync(path.join(dir, 'systemd'), { recursive: true });
  const bin = `/usr/lib/postgresql/${t.postgres.version}/bin`;
  for (const node of t.postgres.nodes) {
    const dataDir = `/var/lib/postgresql/${t.postgres.version}/${node.name}`;
    writeFileSync(path.join(dir, 'patroni', `${node.name}.yml`), patroniConfig(t, node, s, { dataDir, binDir: bin, socketDir: '/var/run/postgresql', logDir: '/var/log/patroni' }), { mode: 0o600 });
  }
  writeFileSync(path.join(dir, 'haproxy.cfg'), haproxyConfig(t));
  for (const [file, text] of Object.entries(systemdUnits(t))) writeFileSync(path.join(dir, 'systemd', file), text);
  process.stdout.write(`written to ${dir}: patroni/*.yml (they hold passwords: mode 600), haproxy.cfg, systemd/*\n`);
}

async function main(): Promise<void> {
  const t = readTopology();
  const command = process.argv[2] ?? 'up';
  if (command === 'up') await up(t);
  else if (command === 'down') await down(t);
  else if (command === 'status') await status(t);
  else if (command === 'render') render(t, path.resolve(process.argv[3] ?? path.join(HOME, 'rendered')));
  else throw new Error('usage: npm run cluster -- [up [--seed]|down|status|render <dir>]');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
