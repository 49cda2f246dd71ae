// The Redis client the gateways share their limits through: ioredis (well kept, a Lua script
// cache, reconnects by itself). Commands fail at once while the server is unreachable rather than
// queue behind a reconnect: a limit that cannot be read is decided now, by the caller's policy.
import { Redis } from 'ioredis';

/**
 * A client, once connected or after `waitMs`: a process started while Redis is down starts all the
 * same, and each limit does what it does without Redis until the client connects.
 */
export async function connectRedis(url: string, waitMs = 5_000): Promise<Redis> {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // keep trying to reconnect, at most every 2 s
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
  // a lost connection is reported by the commands that fail; without a listener the process would exit
  client.on('error', () => undefined);
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
