// FerretDB v1 (MongoDB wire protocol on SQLite), built from the Go module proxy on first use: the
// server the MongoDB adapter's contract tests run against.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { pingMongo } from '../../storage/mongodb/client';
import path from 'node:path';
import { BIN, DATA, ROOT } from '../../platform/paths';
import { requireFreePort, runningPid, startDetached, stopByPid, waitUntil } from '../../launcher/process-control';

const NAME = 'ferretdb';
export const FERRETDB_BIN = path.join(BIN, 'ferretdb');

export function installFerretdb(): void {
  if (existsSync(FERRETDB_BIN)) return;
  execFileSync('bash', [path.join(ROOT, 'scripts', 'install-ferretdb.sh')], { stdio: 'inherit' });
}

/** Starts FerretDB on 127.0.0.1:`port` unless it already runs; answers its MongoDB URI. */
export async function startFerretdb(port: number): Promise<string> {
  const uri = `mongodb://127.0.0.1:${port}/`;
  if (runningPid(NAME) === undefined) {
    await requireFreePort('FerretDB', port, 'set FERRETDB_PORT, or MONGODB_URI to use that server');
    installFerretdb();
    const dataDir = path.join(DATA, 'ferretdb');
    mkdirSync(dataDir, { recursive: true });
    startDetached(NAME, FERRETDB_BIN, [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ]);
  }
  await waitUntil('FerretDB', () => pingMongo(uri), 30_000, NAME);
  return uri;
}

export const stopFerretdb = () => stopByPid(NAME);
