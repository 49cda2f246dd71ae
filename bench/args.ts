// `--name value` from the command line, as a number, or the fallback (node:util parseArgs).
import { parseArgs } from 'node:util';

const NUMERIC = ['size', 'requests', 'concurrency', 'duration', 'rounds', 'connections', 'warmup', 'minutes', 'rate', 'records', 'runs', 'trials', 'workers'] as const;
const TEXT = ['baseline'] as const;
const { values } = parseArgs({ options: Object.fromEntries([...NUMERIC, ...TEXT].map((o) => [o, { type: 'string' as const }])), strict: true });

export function textArgument(name: (typeof TEXT)[number]): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

export function numberArgument(name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/**
 * Benchmarks drive one token at several connections: the per-caller limits meant for production
 * would throttle them, so they are raised here (an explicit setting in the environment wins).
 */
export function benchmarkCallerLimits(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of ['GATEWAY_ADMIN_PER_MINUTE', 'GATEWAY_MEMBER_PER_MINUTE', 'GATEWAY_BIDDING_PER_MINUTE', 'GATEWAY_SIGNED_IN_PER_MINUTE']) env[name] ??= '10000000';
  env['GATEWAY_CONCURRENT_EXPENSIVE'] ??= '1000';
  // a line per request would be most of what a benchmark prints
  env['LOG_LEVEL'] ??= 'warn';
}
