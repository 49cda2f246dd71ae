// Gateway and subgraph processes started beside a test system, and a proxy that delays a
// subgraph: for the tests that kill, signal or slow down real processes.
import { childOutput } from './run-record';
import { closeSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signalGroup } from '../../launcher/process-control';
import { startServiceProcess } from '../../launcher/processes';
import type { ServiceName } from '../../launcher/config';
import type { SubgraphName } from '../../subgraphs/index';
import type { TestSystem } from './harness';

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Kills a process started here and everything in its process group. */
export function killGroup(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (proc.pid !== undefined) signalGroup(proc.pid, signal);
}

const ANY_METRICS_PORT = Object.fromEntries(['GATEWAY', 'IDENTITY', 'ADVERSE', 'REPUTATION', 'ECONOMIC', 'DISPATCHER'].map((name) => [`${name}_METRICS_PORT`, '0']));

/** Starts one service of the system as a process (the launcher's), on the test system's databases; resolves once it is ready. */
export async function startService(system: TestSystem, name: ServiceName, env: NodeJS.ProcessEnv, options: { readyUrl?: string } = {}): Promise<ChildProcess> {
  const output = childOutput();
  try {
    // metrics on any free port: several processes of one kind may run at once; their log lines join the run's
    return await startServiceProcess(name, { ...process.env, DATABASE_PREFIX: system.dbPrefix, ...ANY_METRICS_PORT, ...env }, { stdio: ['ignore', output, output], timeoutMs: 30_000, ...options });
  } finally {
    if (typeof output === 'number') closeSync(output);
  }
}

/** A gateway process in front of the test system's subgraphs; `urls` replaces some of them. */
export async function startGatewayProcess(system: TestSystem, env: NodeJS.ProcessEnv = {}, urls: Partial<Record<SubgraphName, string>> = {}) {
  const port = await freePort();
  const url = (name: SubgraphName) => urls[name] ?? system.subgraphs[name].running.url;
  const proc = await startService(
    system,
    'gateway',
    {
      GATEWAY_PORT: String(port),
      IDENTITY_SUBGRAPH_URL: url('identity'),
      ADVERSE_SUBGRAPH_URL: url('adverse'),
      REPUTATION_SUBGRAPH_URL: url('reputation'),
      ECONOMIC_SUBGRAPH_URL: url('economic'),
      ...env,
    },
    // live, not ready: some tests put a slow or frozen subgraph behind it on purpose
    { readyUrl: `http://127.0.0.1:${port}/health/live` },
  );
  return { proc, url: `http://127.0.0.1:${port}/graphql` };
}

/** Forwards to `target` after `delayMs`, the request headers passed through `rewrite`; close() when done. */
export async function slowProxy(target: string, delayMs: number, rewrite: (headers: Record<string, string>) => Record<string, string> = (h) => h): Promise<{ url: string; close(): void }> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
        fetch(target, { method: req.method, headers: rewrite(headers), body: Buffer.concat(chunks) })
          .then(async (upstream) => {
            res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
            res.end(Buffer.from(await upstream.arrayBuffer()));
          })
          .catch(() => res.destroy());
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => {
      // nothing left pending: a delayed request is dropped, its connection closed
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      server.close();
    },
  };
}
