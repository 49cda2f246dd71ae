// Starts the real services once for the integration run: PostgreSQL (or DATABASE_URL; MONGODB_URI
// runs the suite on the MongoDB adapter), FerretDB for the MongoDB adapter's contract tests, and
// Keycloak (or KEYCLOAK_URL). Workers read the endpoints from the environment.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ferretdbUp, redisUp, runningServices, servicesUp } from '../../scripts/services/index';
import { LOCAL } from '../../platform/paths';
import { BROWSER_PACKAGES, ensureDebianPackages, TEST_TOOLS } from '../../scripts/services/debian';
import { RUN_DIR_VARIABLE } from './run-record';

export default async function globalSetup(): Promise<void> {
  const runDir = path.join(LOCAL, 'test-run');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  process.env[RUN_DIR_VARIABLE] = runDir;
  ensureDebianPackages([...TEST_TOOLS, ...BROWSER_PACKAGES], 'the integration tests');
  const alreadyRunning = runningServices();
  const endpoints = await servicesUp();
  if (endpoints.databaseUrl) process.env['DATABASE_URL'] = endpoints.databaseUrl;
  process.env['KEYCLOAK_URL'] = endpoints.keycloakUrl;
  // the MongoDB adapter's contract tests: MONGODB_TEST_URI, or FerretDB started here
  process.env['MONGODB_TEST_URI'] ??= process.env['MONGODB_URI'] ?? (await ferretdbUp());
  // the limits several gateways share: REDIS_TEST_URL, else Redis started here (the rest of the suite runs without)
  process.env['REDIS_TEST_URL'] ??= await redisUp({ ...process.env, REDIS_URL: process.env['REDIS_TEST_URL'] });
  if (!alreadyRunning && process.env['CREDIT_KEEP_SERVICES'] !== '1') process.env['CREDIT_TEST_STARTED_SERVICES'] = '1';
}
