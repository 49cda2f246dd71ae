// Any number of instances may start at once against one database server: provisioning (roles,
// databases, grants) and migrations are serialised by advisory locks, so no start fails with
// "tuple concurrently updated" or a duplicate object. Four processes, started in the same moment
// on databases that do not exist yet.
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { startServiceProcess } from '../../launcher/processes';
import { databaseName, dropStorage, storageConfigFromEnv } from '../../storage/index';
import { freePort, killGroup } from './processes';
import { childOutput } from './run-record';

const started: ChildProcess[] = [];
const dbPrefix = `conc${process.pid}_${Date.now().toString(36)}`;
const env = { ...process.env, DATABASE_PREFIX: dbPrefix, ...Object.fromEntries(['GATEWAY', 'IDENTITY'].map((n) => [`${n}_METRICS_PORT`, '0'])) };

afterAll(async () => {
  for (const p of started) killGroup(p);
  for (const part of ['audit', 'identity', 'monitoring']) await dropStorage(storageConfigFromEnv(env, part), databaseName(dbPrefix, part)).catch(() => undefined);
});

const postgres = process.env['MONGODB_URI'] ? it.skip : it;

postgres('starts two gateways and two identity subgraphs at the same moment on fresh databases, and all four become ready', async () => {
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const [g1, g2, i1, i2] = ports;
  const output = childOutput();
  const start = (name: 'gateway' | 'identity', port: number, ready: string) =>
    startServiceProcess(
      name,
      { ...env, GATEWAY_PORT: String(name === 'gateway' ? port : g1), IDENTITY_PORT: String(name === 'identity' ? port : i1) },
      {
        stdio: ['ignore', output, output],
        timeoutMs: 90_000,
        readyUrl: ready,
        onSpawn: (child) => started.push(child),
      },
    );
  // the gateways are asked if they live: they are ready only once all four subgraphs are
  const results = await Promise.allSettled([
    start('gateway', g1, `http://127.0.0.1:${g1}/health/live`),
    start('gateway', g2, `http://127.0.0.1:${g2}/health/live`),
    start('identity', i1, `http://127.0.0.1:${i1}/health/ready`),
    start('identity', i2, `http://127.0.0.1:${i2}/health/ready`),
  ]);
  expect(results.map((r) => (r.status === 'fulfilled' ? 'ready' : String(r.reason)))).toEqual(['ready', 'ready', 'ready', 'ready']);

  // each database once, each migration once
  const admin = new Client({ connectionString: process.env['DATABASE_URL'] });
  await admin.connect();
  try {
    const databases = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname', [`${dbPrefix}%`]);
    expect(databases.rows.map((r) => r.datname)).toEqual(['audit', 'identity', 'monitoring'].map((p) => databaseName(dbPrefix, p)));
  } finally {
    await admin.end();
  }
  const identity = new URL(process.env['DATABASE_URL'] ?? '');
  identity.pathname = `/${databaseName(dbPrefix, 'identity')}`;
  const db = new Client({ connectionString: identity.toString() });
  await db.connect();
  try {
    const versions = await db.query<{ version: number; n: string }>('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
    expect(versions.rows.length).toBeGreaterThan(0);
    expect(versions.rows.every((r) => r.n === '1')).toBe(true);
  } finally {
    await db.end();
  }
});
