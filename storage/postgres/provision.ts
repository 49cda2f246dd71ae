// Creates what a service needs in PostgreSQL, idempotently, with the administrative URL
// (DATABASE_URL): its database, its own login role, the versioned migrations, and grants of only
// the privileges the service uses. The service itself then connects as that role.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { wrapError } from './connection';

export type Schema = 'subgraph' | 'audit' | 'monitoring';

interface Migration {
  readonly version: number;
  readonly file: string;
}

const MIGRATIONS: Record<Schema, readonly Migration[]> = {
  subgraph: [
    { version: 1, file: 'subgraph-001-init.sql' },
    { version: 2, file: 'subgraph-002-batch-content.sql' },
    { version: 3, file: 'subgraph-003-gram-statistics.sql' },
    { version: 4, file: 'subgraph-004-change-events.sql' },
    { version: 5, file: 'subgraph-005-batches-by-unit.sql' },
    { version: 6, file: 'subgraph-006-display-state.sql' },
    { version: 7, file: 'subgraph-007-objections.sql' },
    { version: 8, file: 'subgraph-008-statements.sql' },
    { version: 9, file: 'subgraph-009-repairs-and-commitments.sql' },
    { version: 10, file: 'subgraph-010-credit-checks.sql' },
    { version: 11, file: 'subgraph-011-entity-versions.sql' },
  ],
  audit: [
    { version: 1, file: 'audit-001-init.sql' },
    { version: 2, file: 'audit-002-issued-reports.sql' },
    { version: 3, file: 'audit-003-public-reports-unkept.sql' },
  ],
  monitoring: [{ version: 1, file: 'monitoring-001-init.sql' }],
};

/** Table privileges of each service's role: least privilege, checked by the database itself. */
const GRANTS: Record<Schema, Readonly<Record<string, string>>> = {
  subgraph: {
    records: 'SELECT, INSERT, UPDATE, DELETE',
    enterprises: 'SELECT, INSERT, UPDATE',
    submission_batches: 'SELECT, INSERT',
    quarantine: 'SELECT, INSERT',
    record_history: 'SELECT, INSERT',
    change_events: 'SELECT, INSERT',
    // decided once (status and decision), never deleted; evidence is never changed
    objections: 'SELECT, INSERT, UPDATE',
    objection_evidence: 'SELECT, INSERT',
    statements: 'SELECT, INSERT, UPDATE',
    // decided once, never deleted; a commitment changes only when found broken
    repair_applications: 'SELECT, INSERT, UPDATE',
    repair_evidence: 'SELECT, INSERT',
    commitments: 'SELECT, INSERT, UPDATE',
    // a check is kept as answered; feedback on a measure may be revised by the checking agency
    credit_checks: 'SELECT, INSERT',
    check_feedback: 'SELECT, INSERT, UPDATE',
  },
  // the audit trail and the report register are append-only for the gateway: no UPDATE, no DELETE
  audit: { audit_events: 'SELECT, INSERT', issued_reports: 'SELECT, INSERT' },
  // the delivery log is append-only; watches and their queues change as they are managed and delivered
  monitoring: {
    watches: 'SELECT, INSERT, UPDATE',
    watch_enterprises: 'SELECT, INSERT, DELETE',
    feed_positions: 'SELECT, INSERT, UPDATE',
    watch_events: 'SELECT, INSERT, UPDATE',
    delivery_log: 'SELECT, INSERT',
  },
};

/** Functions a service's role may call (none else: they run with their owner's rights). */
const FUNCTION_GRANTS: Record<Schema, readonly string[]> = {
  subgraph: ['bump_entity_generation()'],
  audit: [],
  monitoring: [],
};

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`'${name}' is not a valid database name (lower-case letters, digits, underscores)`);
  return name;
}

/** The URL `adminUrl` would be for another database and, optionally, another login. */
export function urlFor(adminUrl: string, database: string, login?: { user: string; password: string }): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (login) {
    url.username = encodeURIComponent(login.user);
    url.password = encodeURIComponent(login.password);
  }
  return url.toString();
}

/**
 * A role's password, derived from a secret so that every instance of a service computes the same
 * one without storing it: DATABASE_ROLE_SECRET, or the administrative password.
 */
export function rolePassword(secret: string, role: string): string {
  return createHmac('sha256', secret).update(`credit-role:${role}`).digest('base64url');
}

export function roleSecret(adminUrl: string, env: NodeJS.ProcessEnv): string {
  return env['DATABASE_ROLE_SECRET'] ?? (decodeURIComponent(new URL(adminUrl).password) || 'credit-dev-role-secret');
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } catch (err) {
    throw wrapError(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Advisory lock keys: provisioning in the administrative database, migrations and grants in a service's. */
const PROVISION_LOCK = 7300;
const MIGRATION_LOCK = 7301;

const ignoring = (codes: readonly string[]) => (err: unknown) => {
  if (!codes.includes(String((err as { code?: unknown }).code))) throw err;
};

/** Creates a login role with no other power, or sets the password of the one there. */
async function ensureLoginRole(admin: Client, role: string, password: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  // 42710: a concurrent start created the role first
  await admin.query(`${verb} ROLE ${escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${escapeLiteral(password)}`).catch(ignoring(['42710']));
}

/** Ensures database `database` and login role `role` exist, with the schema migrated; answers the role's URL. */
export async function provision(adminUrl: string, schema: Schema, database: string, role: string, secret: string): Promise<string> {
  checkName(database);
  checkName(role);
  const password = rolePassword(secret, role);
  await withClient(adminUrl, async (admin) => {
    // roles and database grants are catalog rows every service's start-up may touch at once
    // ("tuple concurrently updated"): one provisioner at a time, until this session ends
    await admin.query(`SELECT pg_advisory_lock(${PROVISION_LOCK})`);
    await ensureLoginRole(admin, role, password);
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    // 42P04 or 23505: a concurrent start created the database first
    if (!db.rowCount) await admin.query(`CREATE DATABASE ${escapeIdentifier(database)} ENCODING 'UTF8' TEMPLATE template0`).catch(ignoring(['42P04', '23505']));
    // other services' roles may not even connect
    await admin.query(`REVOKE ALL ON DATABASE ${escapeIdentifier(database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${escapeIdentifier(role)}`);
  });
  await withClient(urlFor(adminUrl, database), async (owner) => {
    await owner.query('BEGIN');
    // one migrator at a time, whatever the number of instances starting
    await owner.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await owner.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await owner.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS[schema]) {
      if (applied.has(m.version)) continue;
      await owner.query(readFileSync(path.join(__dirname, 'migrations', m.file), 'utf8'));
      await owner.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
    }
    await owner.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${escapeIdentifier(role)}`);
    for (const [table, privileges] of Object.entries(GRANTS[schema])) {
      await owner.query(`REVOKE ALL ON ${escapeIdentifier(table)} FROM ${escapeIdentifier(role)}`);
      await owner.query(`GRANT ${privileges} ON ${escapeIdentifier(table)} TO ${escapeIdentifier(role)}`);
    }
    for (const fn of FUNCTION_GRANTS[schema]) await owner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${escapeIdentifier(role)}`);
    await owner.query('COMMIT');
  });
  return urlFor(adminUrl, database, { user: role, password });
}

/**
 * A login role that may only read `tables` of an existing, provisioned database: the change
 * feed's reader (the dispatcher) sees the outbox and nothing else. Answers its URL.
 */
export async function provisionReader(adminUrl: string, database: string, role: string, secret: string, tables: readonly string[]): Promise<string> {
  checkName(database);
  checkName(role);
  const password = rolePassword(secret, role);
  await withClient(adminUrl, async (admin) => {
    await admin.query(`SELECT pg_advisory_lock(${PROVISION_LOCK})`);
    await ensureLoginRole(admin, role, password);
    await admin.query(`GRANT CONNECT ON DATABASE ${escapeIdentifier(database)} TO ${escapeIdentifier(role)}`);
  });
  await withClient(urlFor(adminUrl, database), async (owner) => {
    // the same lock as the migrator's: grants on its tables wait for it
    await owner.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${escapeIdentifier(role)}`);
    for (const table of tables) await owner.query(`GRANT SELECT ON ${escapeIdentifier(checkName(table))} TO ${escapeIdentifier(role)}`);
  });
  return urlFor(adminUrl, database, { user: role, password });
}

/** Drops a database and its role (tests and benchmarks clean up after themselves). */
export async function dropDatabase(adminUrl: string, database: string, role: string): Promise<void> {
  await withClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(checkName(database))} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(checkName(role))}`);
    // the change feed's and the entity cache's readers, where there are
    await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(checkName(`${role}_feed`))}`);
    await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(checkName(`${role}_cache`))}`);
  });
}
