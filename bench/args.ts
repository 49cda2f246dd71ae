// `--name value` from the command line, as a number, or the fallback.
export function numberArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/**
 * Benchmarks drive one token at several connections: the per-caller limits meant for production
 * would throttle them, so they are raised here (an explicit setting in the environment wins).
 */
export function benchmarkCallerLimits(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of ['GATEWAY_ADMIN_PER_MINUTE', 'GATEWAY_MEMBER_PER_MINUTE', 'GATEWAY_BIDDING_PER_MINUTE', 'GATEWAY_SIGNED_IN_PER_MINUTE']) env[name] ??= '10000000';
  env['GATEWAY_CONCURRENT_EXPENSIVE'] ??= '1000';
}
