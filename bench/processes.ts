// The system as deployed, for benchmarks: each subgraph and the gateway a process of its own
// (so they use every core), on ports of their own, stopped together.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { signalGroup, waitUntil, httpOk } from '../scripts/services/process';
import { SUBGRAPHS } from '../subgraphs/index';
import { ROOT } from '../platform/paths';

export interface SystemProcesses {
  readonly url: string;
  /** Process (group) ids of the gateway and the subgraphs. */
  readonly pids: readonly number[];
  stop(): void;
}

/**
 * Gateway on `basePort`, subgraphs on the next four ports, against the databases of `dbPrefix`;
 * `root`: another checkout of the project to run (a baseline build).
 */
export async function startSystemProcesses(basePort: number, dbPrefix: string, env: NodeJS.ProcessEnv = process.env, root = ROOT): Promise<SystemProcesses> {
  const children: ChildProcess[] = [];
  const ports = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, basePort + 1 + i]));
  const common: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_PREFIX: dbPrefix,
    GATEWAY_PORT: String(basePort),
    // metrics on free ports: the system may run beside the demo's
    GATEWAY_METRICS_PORT: '0',
    ...Object.fromEntries(
      SUBGRAPHS.flatMap((s) => [
        [`${s.name.toUpperCase()}_PORT`, String(ports[s.name])],
        [`${s.name.toUpperCase()}_METRICS_PORT`, '0'],
        [`${s.name.toUpperCase()}_SUBGRAPH_URL`, `http://127.0.0.1:${ports[s.name]}/graphql`],
      ]),
    ),
  };
  const run = (script: string, args: string[]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, env: common, stdio: 'ignore', detached: true });
    children.push(child);
  };
  const stop = () => {
    for (const c of children) if (c.pid !== undefined) signalGroup(c.pid, 'SIGTERM');
  };
  try {
    for (const s of SUBGRAPHS) run('subgraphs/main.ts', [s.name]);
    await Promise.all(SUBGRAPHS.map((s) => waitUntil(`${s.name} subgraph`, () => httpOk(`http://127.0.0.1:${ports[s.name]}/health/ready`), 60_000)));
    run('gateway/main.ts', []);
    await waitUntil('gateway', () => httpOk(`http://127.0.0.1:${basePort}/health/ready`), 60_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${basePort}/graphql`, pids: children.flatMap((c) => (c.pid === undefined ? [] : [c.pid])), stop };
}
