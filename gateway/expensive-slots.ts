// How many expensive operations (bulk files, bidder checks, reports, large queries) each caller runs
// at once: counted in the process, or in Redis so that every gateway counts the same slots.
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import { limitStoreUnavailable, rateLimitRefusals } from '../platform/metrics';
import { LimitStoreUnavailableError, type SharedState } from './shared-limits';

export type Release = () => void;

export interface ExpensiveSlots {
  /** A release function, or undefined when the caller already runs as many as allowed. */
  acquire(caller: Caller, address?: string): Promise<Release | undefined>;
}

/** A signed-in caller by subject, anyone else by address; undefined when neither is known. */
function slotKey(caller: Caller, address?: string): string | undefined {
  return !caller.anonymous && caller.subject ? `sub:${caller.subject}` : address ? `addr:${address}` : undefined;
}

/** Slots counted in this process: the single-gateway deployment, and a shared one while Redis is down. */
export class LocalSlots implements ExpensiveSlots {
  private readonly running = new Map<string, number>();

  constructor(private readonly perCaller: number) {}

  async acquire(caller: Caller, address?: string): Promise<Release | undefined> {
    return this.take(slotKey(caller, address));
  }

  take(key: string | undefined): Release | undefined {
    if (!key) return () => undefined;
    const now = this.running.get(key) ?? 0;
    if (now >= this.perCaller) {
      rateLimitRefusals.inc({ limit: 'expensive' });
      return undefined;
    }
    this.running.set(key, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left <= 0) this.running.delete(key);
      else this.running.set(key, left);
    };
  }
}

/**
 * One sorted set per caller in Redis: each member a slot, scored by when it lapses. A gateway that
 * dies holding a slot does not hold it for ever: the slot lapses after `leaseMs` unless its holder,
 * still running, renews it.
 */
const TAKE = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;

const RENEW = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[1]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return 1`;

export class SharedSlots implements ExpensiveSlots {
  private readonly local: LocalSlots;

  constructor(
    private readonly shared: SharedState,
    private readonly perCaller: number,
    private readonly leaseMs = 300_000,
  ) {
    this.local = new LocalSlots(perCaller);
  }

  async acquire(caller: Caller, address?: string): Promise<Release | undefined> {
    const key = slotKey(caller, address);
    if (!key) return () => undefined;
    const redisKey = `${this.shared.prefix}slots:${key}`;
    const token = randomUUID();
    let taken: unknown;
    try {
      taken = await this.shared.redis.eval(TAKE, 1, redisKey, String(this.perCaller), String(this.leaseMs), token);
    } catch {
      // the same choice as the rate limits: anonymous callers refused, signed-in ones counted here
      if (caller.anonymous) {
        limitStoreUnavailable.inc({ limit: 'expensive', outcome: 'refused' });
        throw new LimitStoreUnavailableError('expensive');
      }
      limitStoreUnavailable.inc({ limit: 'expensive', outcome: 'local' });
      return this.local.take(key);
    }
    if (taken !== 1) {
      rateLimitRefusals.inc({ limit: 'expensive' });
      return undefined;
    }
    // a long operation (a large bulk file) keeps its slot by renewing the lease
    const renew = setInterval(() => {
      this.shared.redis.eval(RENEW, 1, redisKey, String(this.leaseMs), token).catch(() => undefined);
    }, this.leaseMs / 3);
    renew.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      this.shared.redis.zrem(redisKey, token).catch(() => undefined);
    };
  }
}
