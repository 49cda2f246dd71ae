// Debian packages the project needs, installed on first use with apt-get (as root), once per run.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';

export interface DebianPackage {
  readonly name: string;
  /** Whether what the package provides is already on this machine (whichever way it got there). */
  readonly present: () => boolean;
}

let updated = false;

/** Installs the packages of `wanted` that are not present; `why` names what needs them, for the message. */
export function ensureDebianPackages(wanted: readonly DebianPackage[], why: string): void {
  const missing = wanted.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`${why} needs ${missing.join(', ')}: run \`apt-get install ${missing.join(' ')}\` as root`);
  process.stdout.write(`Installing ${missing.join(', ')} from Debian's packages (${why})...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  updated = true;
  withoutServiceStarts(() => execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env }));
  const still = wanted.filter((p) => !p.present()).map((p) => p.name);
  if (still.length) throw new Error(`installed ${still.join(', ')}, but still cannot find what they provide`);
}

const POLICY = '/usr/sbin/policy-rc.d';

/**
 * Runs an install with the packages' own services left stopped (Debian's policy-rc.d protocol):
 * the project starts its own instances, on its own ports and data folders, and a redis-server or
 * etcd started by the package would hold those ports.
 */
function withoutServiceStarts(install: () => void): void {
  if (existsSync(POLICY)) return install();
  writeFileSync(POLICY, '#!/bin/sh\n# no service starts while the credit gateway installs packages\nexit 101\n');
  chmodSync(POLICY, 0o755);
  try {
    install();
  } finally {
    rmSync(POLICY, { force: true });
  }
}

/** Debian's own Python, whose modules Debian's python3-* packages install (not another python3 on PATH). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** True when Debian's Python can import `module`. */
export function pythonImports(module: string): boolean {
  return spawnSync(DEBIAN_PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** What the running system needs from Debian: the CJK font credit reports embed. */
export const RUNTIME_PACKAGES: readonly DebianPackage[] = [{ name: 'fonts-wqy-microhei', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') }];

/** The test tools the integration suite reads the system's output with. */
export const TEST_TOOLS: readonly DebianPackage[] = [
  { name: 'python3-prometheus-client', present: () => pythonImports('prometheus_client') },
  { name: 'poppler-utils', present: () => commandExists('pdftotext') && commandExists('pdftoppm') },
];

/** The browser the console's end-to-end tests drive: Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';
export const BROWSER_PACKAGES: readonly DebianPackage[] = [{ name: 'chromium', present: () => existsSync(CHROMIUM) }];
