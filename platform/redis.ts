// The Redis client the gateways share their limits through: ioredis (well kept, a Lua script
// cache, reconnects by itself). Commands fail at once while the server is unreachable rather than
// queue behind a reconnect: a limit that cannot be read is decided now, by the caller's policy.
import { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * A client, once connected or after `waitMs`: a process started while Redis is down starts all the
 * same, and each limit does what it does without Redis until the client connects.
 */
export async function connectRedis(url: string, options: { waitMs?: number; logger?: Logger } = {}): Promise<Redis> {
  const { waitMs = 5_000, logger } = options;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // keep trying to reconnect, at most every 2 s
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
  // an outage is logged once when it begins (a lost connection is being re-made, or the first one failed)
  // and once when it ends, never per failed command; the URL, which holds the password, is never
  // logged. Without an 'error' listener the process would exit.
  let down = false;
  const lost = (reason: string) => {
    if (down) return;
    down = true;
    logger?.warn({ reason }, 'the shared limit store (Redis) cannot be reached: anonymous requests are refused, signed-in callers counted by this gateway alone');
  };
  client.on('error', (err: Error) => lost(err.message));
  // 'reconnecting' follows a lost connection, never a deliberate disconnect at shutdown
  client.on('reconnecting', () => lost('connection lost'));
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger?.info('the shared limit store (Redis) is reachable again');
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return client;
}

/** True when a Redis answers PING at `url`. */
export async function pingRedis(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
