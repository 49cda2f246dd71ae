// Start a service detached with its log in .local/logs and its pid in .local/run; stop it by pid;
// wait until a health probe answers.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LOGS, RUN } from '../platform/paths';

export function pidFile(name: string): string {
  return path.join(RUN, `${name}.pid`);
}

export function logFile(name: string): string {
  return path.join(LOGS, `${name}.log`);
}

export function runningPid(name: string): number | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
}

export function startDetached(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): number {
  mkdirSync(LOGS, { recursive: true });
  mkdirSync(RUN, { recursive: true });
  const out = openSync(logFile(name), 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env, cwd });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`${name} could not be started (${command})`);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child.pid;
}

/** Signals a process's whole group (a detached process leads one), or the process alone if it leads none. */
export function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM to the process group, then SIGKILL if it has not exited within `graceMs`. */
export async function stopByPid(name: string, graceMs = 15_000): Promise<boolean> {
  const pid = runningPid(name);
  if (pid === undefined) return false;
  const signal = (sig: NodeJS.Signals) => signalGroup(pid, sig);
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && runningPid(name) !== undefined) await sleep(200);
  if (runningPid(name) !== undefined) signal('SIGKILL');
  rmSync(pidFile(name), { force: true });
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, logName?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    if (logName && runningPid(logName) === undefined) {
      throw new Error(`${what} exited during start-up; see ${logFile(logName)}`);
    }
    await sleep(500);
  }
  throw new Error(`${what} was not healthy within ${Math.round(timeoutMs / 1000)} s${logName ? `; see ${logFile(logName)}` : ''}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return res.ok;
}

/** Refuses to start a service on a port something else already listens on. */
export async function requireFreePort(what: string, port: number, hint: string): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (inUse) throw new Error(`cannot start ${what}: port ${port} is already in use (${hint})`);
}
