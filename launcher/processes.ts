// The system as processes, one per service, each in a process group of its own: what `npm start`,
// the benchmarks of the deployed system and the tests that kill or freeze a process run. Every
// process is `launcher/main.ts <service>` reading the one configuration from its environment.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../platform/paths';
import { httpOk, signalGroup, sleep } from './process-control';
import { gatewayPort } from '../gateway/config';
import { SUBGRAPHS, subgraphPort, type SubgraphName } from '../subgraphs/index';
import type { ServiceName } from './config';

/** Variables that place every service: the gateway on `gatewayPort`, the subgraphs on the four ports after it. */
export function placedEnv(base: NodeJS.ProcessEnv, gatewayPort: number, dbPrefix: string, options: { anyMetricsPort?: boolean } = {}): NodeJS.ProcessEnv {
  const ports = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, gatewayPort + 1 + i])) as Record<SubgraphName, number>;
  return {
    ...base,
    DATABASE_PREFIX: dbPrefix,
    GATEWAY_PORT: String(gatewayPort),
    ...Object.fromEntries(
      SUBGRAPHS.flatMap((s) => [
        [`${s.name.toUpperCase()}_PORT`, String(ports[s.name])],
        [`${s.name.toUpperCase()}_SUBGRAPH_URL`, `http://127.0.0.1:${ports[s.name]}/graphql`],
      ]),
    ),
    // metrics on free ports: the system may run beside another
    ...(options.anyMetricsPort ? Object.fromEntries(['GATEWAY', ...SUBGRAPHS.map((s) => s.name.toUpperCase()), 'DISPATCHER'].map((n) => [`${n}_METRICS_PORT`, '0'])) : {}),
  };
}

/** The command line of a service in the checkout at `root`; a checkout from before the launcher (a benchmark's baseline) has one entry per process. */
function entryOf(root: string, name: ServiceName): string[] {
  if (existsSync(path.join(root, 'launcher', 'main.ts'))) return [path.join(root, 'launcher', 'main.ts'), name];
  if (name === 'gateway') return [path.join(root, 'gateway', 'main.ts')];
  if (name === 'dispatcher') return [path.join(root, 'monitoring', 'main.ts')];
  return [path.join(root, 'subgraphs', 'main.ts'), name];
}

/** Where a started service answers when it is ready; the dispatcher has no HTTP port but its metrics. */
function readyUrl(name: ServiceName, env: NodeJS.ProcessEnv): string | null {
  if (name === 'gateway') return `http://127.0.0.1:${gatewayPort(env)}/health/ready`;
  if (name === 'dispatcher') {
    const metrics = Number(env['DISPATCHER_METRICS_PORT'] ?? 0);
    return metrics > 0 ? `http://127.0.0.1:${metrics}/metrics` : null;
  }
  const entry = SUBGRAPHS.find((s) => s.name === name);
  return entry ? `http://127.0.0.1:${subgraphPort(entry, env)}/health/ready` : null;
}

export interface ProcessOptions {
  /** Another checkout of the project to run (a benchmark's baseline). */
  readonly root?: string;
  readonly stdio?: StdioOptions;
  /** How long it may take to become ready. */
  readonly timeoutMs?: number;
  /** Where readiness is asked instead of the service's own (null: do not wait). */
  readonly readyUrl?: string | null;
  /** Called as soon as the process exists, before it is ready (to pass its output on). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/** Starts one service; resolves once it answers ready, fails at once if it exits first. */
export async function startServiceProcess(name: ServiceName, env: NodeJS.ProcessEnv, options: ProcessOptions = {}): Promise<ChildProcess> {
  const root = options.root ?? ROOT;
  const child = spawn(process.execPath, ['--import', 'tsx', ...entryOf(root, name)], { cwd: root, env, stdio: options.stdio ?? 'ignore', detached: true });
  options.onSpawn?.(child);
  const url = options.readyUrl === undefined ? readyUrl(name, env) : options.readyUrl;
  if (!url) return child;
  // polled here: a process that exits while starting fails at once, with its code
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (await httpOk(url).catch(() => false)) return child;
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    await sleep(200);
  }
  if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  throw new Error(`${name} was not ready within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s`);
}

export interface SystemProcesses {
  readonly url: string;
  readonly children: readonly { readonly name: ServiceName; readonly process: ChildProcess }[];
  /** Process (group) ids of the services. */
  readonly pids: readonly number[];
  stop(signal?: NodeJS.Signals): void;
}

/** The subgraphs, then the gateway, then the dispatcher when asked. */
export async function startSystemProcesses(
  env: NodeJS.ProcessEnv,
  options: Omit<ProcessOptions, 'onSpawn' | 'readyUrl'> & { readonly dispatcher?: boolean; readonly onSpawn?: (name: ServiceName, child: ChildProcess) => void } = {},
): Promise<SystemProcesses> {
  const children: { name: ServiceName; process: ChildProcess }[] = [];
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    for (const c of children) if (c.process.pid !== undefined) signalGroup(c.process.pid, signal);
  };
  const start = async (name: ServiceName) => {
    const { onSpawn, ...rest } = options;
    await startServiceProcess(name, env, {
      ...rest,
      onSpawn: (child) => {
        // known at once, so a failure while others start still stops it
        children.push({ name, process: child });
        onSpawn?.(name, child);
      },
    });
  };
  try {
    await Promise.all(SUBGRAPHS.map((s) => start(s.name)));
    await start('gateway');
    if (options.dispatcher) await start('dispatcher');
  } catch (err) {
    stop();
    throw err;
  }
  return {
    url: `http://127.0.0.1:${gatewayPort(env)}/graphql`,
    children,
    pids: children.flatMap((c) => (c.process.pid === undefined ? [] : [c.process.pid])),
    stop,
  };
}
