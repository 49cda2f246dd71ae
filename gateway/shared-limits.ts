// Limits several gateways enforce as one: each budget counted in Redis (REDIS_URL) rather than in
// the process, so N gateways give a caller one budget, not N. Without REDIS_URL (one gateway) the
// counts stay in the process. When Redis cannot be reached, each budget does what its owner chose:
// anonymous callers are refused (503: nobody is served beyond what was decided), signed-in callers
// are counted by this gateway alone until Redis is back (the query windows keep working; a caller
// may then get up to N budgets, one per gateway). Each refusal or local count is counted
// (credit_limit_store_unavailable_total); the outage's start and end are logged (platform/redis.ts).
import type { Redis } from 'ioredis';
import { MemoryStore, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { limitStoreUnavailable } from '../platform/metrics';

/** What a budget does while the shared store is unreachable. */
export type WhenStoreDown = 'refuse' | 'count-locally';

/** A refusal because the shared store could not be read: the caller hears 503 (STORE_DOWN), not 429. */
export class LimitStoreUnavailableError extends Error {
  constructor(readonly limit: string) {
    super(`the shared limit store is unavailable (${limit})`);
  }
}

/** What a caller refused for that reason is told. */
export const STORE_DOWN = 'the limits shared by the gateways cannot be read now; anonymous requests are refused until they can. Try again shortly or sign in';

/** Where the gateways' shared state lives: a Redis client and the key prefix of this deployment. */
export interface SharedState {
  readonly redis: Redis;
  readonly prefix: string;
}

/**
 * An express-rate-limit store counting in Redis (rate-limit-redis, the store made for it), with
 * the owner's choice when Redis fails. A failed start is retried on the next request, so a gateway
 * started while Redis was down counts in Redis once it is back.
 */
class SharedBudgetStore implements Store {
  readonly localKeys = false;
  private readonly local = new MemoryStore();
  private options: Options | undefined;
  private shared: Promise<RedisStore> | undefined;

  constructor(
    private readonly state: SharedState,
    readonly prefix: string,
    private readonly whenDown: WhenStoreDown,
  ) {}

  init(options: Options): void {
    this.options = options;
    this.local.init(options);
  }

  private store(): Promise<RedisStore> {
    if (!this.shared) {
      const store = new RedisStore({
        sendCommand: (command: string, ...args: string[]) => this.state.redis.call(command, ...args) as Promise<number | string>,
        prefix: `${this.state.prefix}${this.prefix}`,
      });
      const options = this.options;
      this.shared = (async () => {
        if (options) await store.init(options);
        return store;
      })();
      // a failed start is forgotten, to be tried again by the next request
      this.shared.catch(() => {
        this.shared = undefined;
      });
    }
    return this.shared;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await (await this.store()).increment(key);
    } catch {
      if (this.whenDown === 'refuse') {
        limitStoreUnavailable.inc({ limit: this.prefix, outcome: 'refused' });
        throw new LimitStoreUnavailableError(this.prefix);
      }
      limitStoreUnavailable.inc({ limit: this.prefix, outcome: 'local' });
      return this.local.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    try {
      await (await this.store()).decrement(key);
    } catch {
      await this.local.decrement(key);
    }
  }

  async resetKey(key: string): Promise<void> {
    try {
      await (await this.store()).resetKey(key);
    } catch {
      await this.local.resetKey(key);
    }
  }
}

/** The store of one budget: shared when the deployment has Redis, else express-rate-limit's own memory store. */
export function budgetStore(shared: SharedState | undefined, name: string, whenDown: WhenStoreDown): Store | undefined {
  return shared ? new SharedBudgetStore(shared, `rl:${name}:`, whenDown) : undefined;
}

/**
 * The persisted-query (APQ) cache in Redis: a query registered through one gateway is known to
 * all. A failure reads as a miss, and a miss only makes the client send the whole query again.
 */
export function persistedQueryCache(shared: SharedState): KeyValueCache<string> {
  const key = (k: string) => `${shared.prefix}apq:${k}`;
  return {
    get: async (k) => (await shared.redis.get(key(k)).catch(() => null)) ?? undefined,
    set: async (k, value, options) => {
      const ttl = options?.ttl ?? 24 * 3600;
      await shared.redis.set(key(k), value, 'EX', Math.max(1, Math.ceil(ttl))).catch(() => undefined);
    },
    delete: async (k) => {
      await shared.redis.del(key(k)).catch(() => undefined);
    },
  };
}
