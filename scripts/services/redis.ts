// Redis, the store of the limits several gateways share (rate limits, expensive-operation slots,
// the persisted-query cache): Debian's redis-server, started on 127.0.0.1 with a password of its
// own and no persistence (a budget is worth a minute), its pid and log under .local.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA, RUN } from '../../platform/paths';
import { logFile, requireFreePort, runningPid, stopByPid, waitUntil } from '../../launcher/process-control';
import { commandExists, ensureDebianPackages } from './debian';
import { pingRedis } from '../../platform/redis';

export const REDIS_PACKAGES = [{ name: 'redis-server', present: () => commandExists('redis-server') }];

const PASSWORD_FILE = path.join(DATA, 'redis-password');

function password(): string {
  if (!existsSync(PASSWORD_FILE)) {
    mkdirSync(DATA, { recursive: true });
    writeFileSync(PASSWORD_FILE, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(PASSWORD_FILE, 'utf8').trim();
}

export function redisUrl(port: number): string {
  return `redis://:${encodeURIComponent(password())}@127.0.0.1:${port}/0`;
}

/** Starts a Redis named `name` on 127.0.0.1:`port` unless it runs; answers its URL. */
export async function startRedis(port: number, name = 'redis'): Promise<string> {
  const url = redisUrl(port);
  if (runningPid(name) === undefined) {
    await requireFreePort('Redis', port, 'set REDIS_PORT, or REDIS_URL to use that server');
    ensureDebianPackages(REDIS_PACKAGES, 'limits shared by several gateways');
    mkdirSync(RUN, { recursive: true });
    const dir = path.join(DATA, name);
    mkdirSync(dir, { recursive: true });
    // the configuration on standard input: the password never appears in a process listing
    const config = [
      `port ${port}`,
      'bind 127.0.0.1',
      'protected-mode yes',
      `requirepass ${password()}`,
      'save ""',
      'appendonly no',
      `dir ${dir}`,
      'daemonize yes',
      `pidfile ${path.join(RUN, `${name}.pid`)}`,
      `logfile ${logFile(name)}`,
      // a bounded store: the oldest budgets go first if it fills
      'maxmemory 256mb',
      'maxmemory-policy volatile-lru',
    ].join('\n');
    mkdirSync(path.dirname(logFile(name)), { recursive: true });
    const result = spawnSync('redis-server', ['-'], { input: `${config}\n`, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`redis-server failed to start: ${result.stderr || result.stdout}`);
  }
  await waitUntil('Redis', () => pingRedis(url), 30_000);
  return url;
}

export const stopRedis = (name = 'redis') => stopByPid(name, 5_000);
