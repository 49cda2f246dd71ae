// Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central) in dev mode with the realm in
// auth/realm imported. Dev mode keeps its data in an H2 file: it is reset on every start so the
// realm on disk is always the realm that runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LOCAL, ROOT } from '../../platform/paths';
import { httpOk, requireFreePort, runningPid, startDetached, stopByPid, waitUntil } from '../../launcher/process-control';

const NAME = 'keycloak';
export const KEYCLOAK_VERSION = process.env['KEYCLOAK_VERSION'] ?? '26.4.7';
export const KEYCLOAK_HOME = path.join(LOCAL, `keycloak-${KEYCLOAK_VERSION}`);
export const REALM_FILE = path.join(ROOT, 'auth', 'realm', 'credit-realm.json');

export function installKeycloak(): void {
  if (existsSync(path.join(KEYCLOAK_HOME, 'bin', 'kc.sh'))) return;
  const download = path.join(LOCAL, 'dl');
  const zip = path.join(download, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  if (!existsSync(zip)) {
    process.stdout.write(`Fetching Keycloak ${KEYCLOAK_VERSION} from Maven Central...\n`);
    execFileSync('mvn', ['-q', 'dependency:copy', `-Dartifact=org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`, `-DoutputDirectory=${download}`], { stdio: 'inherit', cwd: LOCAL });
  }
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, LOCAL], { stdio: 'inherit' });
  for (const f of readdirSync(path.join(KEYCLOAK_HOME, 'bin'))) if (f.endsWith('.sh')) chmodSync(path.join(KEYCLOAK_HOME, 'bin', f), 0o755);
}

/** Keycloak's issuer base, which tokens carry and validators compare exactly. */
export function keycloakUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export async function startKeycloak(port: number): Promise<string> {
  const url = keycloakUrl(port);
  const managementPort = port + 1000;
  if (runningPid(NAME) === undefined) {
    await requireFreePort('Keycloak', port, 'set KEYCLOAK_PORT, or KEYCLOAK_URL to use that server');
    await requireFreePort('Keycloak management', managementPort, 'set KEYCLOAK_PORT');
    installKeycloak();
    rmSync(path.join(KEYCLOAK_HOME, 'data', 'h2'), { recursive: true, force: true });
    const importDir = path.join(KEYCLOAK_HOME, 'data', 'import');
    mkdirSync(importDir, { recursive: true });
    copyFileSync(REALM_FILE, path.join(importDir, 'credit-realm.json'));
    startDetached(
      NAME,
      path.join(KEYCLOAK_HOME, 'bin', 'kc.sh'),
      ['start-dev', '--import-realm', '--http-host=127.0.0.1', `--http-port=${port}`, `--http-management-port=${managementPort}`, `--hostname=${url}`, '--health-enabled=true', '--log-level=warn'],
      {
        ...process.env,
        KC_BOOTSTRAP_ADMIN_USERNAME: process.env['KC_BOOTSTRAP_ADMIN_USERNAME'] ?? 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: process.env['KC_BOOTSTRAP_ADMIN_PASSWORD'] ?? 'admin',
        JAVA_OPTS_KC_HEAP: process.env['JAVA_OPTS_KC_HEAP'] ?? '-Xms64m -Xmx512m',
      },
    );
  }
  await waitUntil('Keycloak', () => httpOk(`http://127.0.0.1:${managementPort}/health/ready`), 180_000, NAME);
  await waitUntil('Keycloak realm credit', () => httpOk(`${url}/realms/credit/.well-known/openid-configuration`), 60_000, NAME);
  return url;
}

export const stopKeycloak = () => stopByPid(NAME);
