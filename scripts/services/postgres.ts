// PostgreSQL, the embedded default database: Debian's package (installed when missing), a cluster
// initialised under .local/data/postgres, listening on 127.0.0.1 only, password authentication,
// started and stopped with pg_ctl. Answers the administrative DATABASE_URL.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA, LOGS, ROOT } from '../../platform/paths';
import { requireFreePort, waitUntil } from '../../launcher/process-control';
import { ensureDebianPackages } from './debian';

const PASSWORD_FILE = path.join(DATA, 'postgres-admin-password');
export const ADMIN_USER = 'credit_admin';

/**
 * Server settings for a 2-core, 24 GB machine serving a million enterprises: enough shared buffers
 * for the hot indexes, no JIT (it costs more than it saves on short statements), cheap random reads (SSD).
 */
const SETTINGS = [
  'listen_addresses=127.0.0.1',
  "unix_socket_directories=''",
  'shared_buffers=2GB',
  'effective_cache_size=12GB',
  'work_mem=32MB',
  'maintenance_work_mem=1GB',
  'max_wal_size=8GB',
  'checkpoint_timeout=15min',
  'random_page_cost=1.1',
  'jit=off',
  'max_connections=200',
];

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Where the cluster lives: .local/data/postgres, or, when the postgres user cannot reach the
 * project folder (a checkout under /root), a folder of this checkout's own under its home.
 */
function clusterHome(): { dataDir: string; logFile: string } {
  const reachable = !isRoot() || spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', ROOT]).status === 0;
  if (reachable) return { dataDir: path.join(DATA, 'postgres'), logFile: path.join(LOGS, 'postgres.log') };
  const base = path.join('/var/lib/postgresql', `credit-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
  return { dataDir: path.join(base, 'data'), logFile: path.join(base, 'postgres.log') };
}

/** Installs Debian's PostgreSQL server without creating or starting the package's own cluster. */
export function installPostgres(): string {
  const found = binDir();
  if (found) return found;
  if (!isRoot()) throw new Error('PostgreSQL is not installed: run `apt-get install postgresql` as root, or set DATABASE_URL');
  process.stdout.write("Installing PostgreSQL from Debian's packages...\n");
  mkdirSync('/etc/postgresql-common', { recursive: true });
  writeFileSync('/etc/postgresql-common/createcluster.conf', 'create_main_cluster = false\n');
  ensureDebianPackages([{ name: 'postgresql', present: () => binDir() !== undefined }], 'the embedded database');
  const installed = binDir();
  if (!installed) throw new Error('PostgreSQL was installed but pg_ctl was not found under /usr/lib/postgresql');
  return installed;
}

/** Runs a server binary as the postgres user when we are root (the server refuses to run as root). */
function runAs(bin: string, args: string[], options: { check?: boolean } = {}): { status: number; output: string } {
  const [command, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (options.check !== false && result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${output.trim()}`);
  return { status: result.status ?? 1, output };
}

function ownByPostgres(dir: string): void {
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

function initCluster(bin: string, dataDir: string): void {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // a cluster is never wiped: without its password it is the operator's to recover or remove
    if (!existsSync(PASSWORD_FILE)) throw new Error(`the cluster in ${dataDir} has no administrative password in ${PASSWORD_FILE}; restore that file, or remove the cluster to start afresh`);
    return;
  }
  // a folder left by an initdb that did not finish holds no data
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(DATA, { recursive: true });
  chmodSync(dataDir, 0o700);
  ownByPostgres(dataDir);
  const password = randomBytes(24).toString('base64url');
  writeFileSync(PASSWORD_FILE, password, { mode: 0o600 });
  // initdb reads the password from a file the postgres user can read; it is removed at once
  const pwfile = path.join(dataDir, '..', `.pg-pw-${process.pid}`);
  writeFileSync(pwfile, password, { mode: 0o600 });
  ownByPostgres(pwfile);
  try {
    runAs(path.join(bin, 'initdb'), ['-D', dataDir, '-U', ADMIN_USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function isRunning(bin: string, dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION')) && runAs(path.join(bin, 'pg_ctl'), ['status', '-D', dataDir], { check: false }).status === 0;
}

export function adminUrl(port: number): string {
  const password = readFileSync(PASSWORD_FILE, 'utf8').trim();
  return `postgresql://${ADMIN_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** Starts the project's cluster on 127.0.0.1:`port` unless it already runs; answers its administrative URL. */
export async function startPostgres(port: number): Promise<string> {
  const bin = installPostgres();
  const { dataDir, logFile } = clusterHome();
  initCluster(bin, dataDir);
  if (!isRunning(bin, dataDir)) {
    await requireFreePort('PostgreSQL', port, 'set PG_PORT, or DATABASE_URL to use that server');
    mkdirSync(path.dirname(logFile), { recursive: true });
    if (!existsSync(logFile)) writeFileSync(logFile, '');
    ownByPostgres(logFile);
    const options = [`-p ${port}`, ...SETTINGS.map((s) => `-c ${s}`)].join(' ');
    runAs(path.join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options]);
  }
  const ready = path.join(bin, 'pg_isready');
  await waitUntil('PostgreSQL', async () => spawnSync(ready, ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0, 60_000);
  return adminUrl(port);
}

export async function stopPostgres(): Promise<boolean> {
  const bin = binDir();
  const { dataDir } = clusterHome();
  if (!bin || !isRunning(bin, dataDir)) return false;
  runAs(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], { check: false });
  return true;
}

export function postgresRunning(): boolean {
  const bin = binDir();
  return bin !== undefined && isRunning(bin, clusterHome().dataDir);
}
