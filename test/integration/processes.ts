// Gateway and subgraph processes started beside a test system, and a proxy that delays a
// subgraph: for the tests that kill, signal or slow down real processes.
import { childOutput } from './run-record';
import { closeSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { signalGroup } from '../../scripts/services/process';
import type { TestSystem } from './harness';
import { ROOT } from '../../platform/paths';

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

const ANY_METRICS_PORT = Object.fromEntries(['GATEWAY', 'IDENTITY', 'ADVERSE', 'REPUTATION', 'ECONOMIC'].map((name) => [`${name}_METRICS_PORT`, '0']));

/** Starts `script` (relative to the project) on the test system's databases; resolves once `readyUrl` answers 200. */
export async function startProcess(system: TestSystem, script: string, args: string[], env: NodeJS.ProcessEnv, readyUrl: string): Promise<ChildProcess> {
  const output = childOutput();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    // metrics on any free port: several processes of one kind may run at once
    env: { ...process.env, DATABASE_PREFIX: system.dbPrefix, ...ANY_METRICS_PORT, ...env },
    // their log lines join the run's, for the check of what a whole run logged
    stdio: ['ignore', output, output],
    // a process group of its own, so a kill reaches everything it started
    detached: true,
  });
  if (typeof output === 'number') closeSync(output);
  // polled here rather than with waitUntil: a process that exits during start-up fails at once
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (
      await fetch(readyUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      return proc;
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  killGroup(proc);
  throw new Error(`${script} did not start`);
}

/** A gateway process in front of the test system's subgraphs; `urls` replaces some of them. */
export async function startGatewayProcess(system: TestSystem, env: NodeJS.ProcessEnv = {}, urls: Partial<Record<'identity' | 'adverse' | 'reputation' | 'economic', string>> = {}) {
  const port = await freePort();
  const url = (name: 'identity' | 'adverse' | 'reputation' | 'economic') => urls[name] ?? system.subgraphs[name].running.url;
  const proc = await startProcess(
    system,
    'gateway/main.ts',
    [],
    {
      GATEWAY_PORT: String(port),
      IDENTITY_SUBGRAPH_URL: url('identity'),
      ADVERSE_SUBGRAPH_URL: url('adverse'),
      REPUTATION_SUBGRAPH_URL: url('reputation'),
      ECONOMIC_SUBGRAPH_URL: url('economic'),
      ...env,
    },
    `http://127.0.0.1:${port}/health/live`,
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
