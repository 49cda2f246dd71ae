// The system as deployed, for benchmarks: each service a process of its own (so they use every
// core), started by the launcher on ports of their own, stopped together.
import { placedEnv, startSystemProcesses as startProcesses, type SystemProcesses } from '../launcher/processes';

export type { SystemProcesses } from '../launcher/processes';

/**
 * Gateway on `basePort`, subgraphs on the next four ports, against the databases of `dbPrefix`;
 * `root`: another checkout of the project to run (a baseline build).
 */
export function startSystemProcesses(basePort: number, dbPrefix: string, env: NodeJS.ProcessEnv = process.env, root?: string): Promise<SystemProcesses> {
  return startProcesses(placedEnv(env, basePort, dbPrefix, { anyMetricsPort: true }), root ? { root } : {});
}
