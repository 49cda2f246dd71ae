// Connections to PostgreSQL: one pool per database, logged in as that database's own role;
// every statement goes through `Sql`, which counts it, times it (a trace span and a metric) and
// turns connection failures into StoreUnavailableError. Only parameterised statements are sent.
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import { StoreUnavailableError } from '../port';
import { statementDuration } from '../../platform/metrics';
import { inClientSpan } from '../../platform/tracing';

/** SQLSTATE classes that mean the database cannot serve now, not that the statement is wrong. */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '57', '58']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

export function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // no SQLSTATE: a socket error, a refused connection, a pool time-out, a dropped connection
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return true;
  return UNAVAILABLE_CLASSES.has(code.slice(0, 2));
}

export function wrapError(err: unknown): unknown {
  return isUnavailable(err) ? new StoreUnavailableError(err) : err;
}

export interface StatementCounter {
  count: number;
  /** The database the statements run in, for spans and metrics. */
  readonly database: string;
}

/** A statement's first word (SELECT, INSERT, WITH, BEGIN): what a span and a metric are named by. */
function operationOf(text: string): string {
  return /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'OTHER';
}

/** Something statements run on: the pool, or one client inside a transaction. */
export class Sql {
  constructor(
    private readonly target: Pool | PoolClient,
    private readonly counter: StatementCounter,
  ) {}

  async rows<T extends QueryResultRow>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    this.counter.count++;
    const { database } = this.counter;
    const operation = operationOf(text);
    const timer = statementDuration.startTimer({ database, operation });
    // the statement text carries placeholders, never values: it is safe in a trace
    return inClientSpan('postgres', `${operation} ${database}`, { 'db.system.name': 'postgresql', 'db.namespace': database, 'db.operation.name': operation, 'db.query.text': text }, async () => {
      try {
        const result = (await this.target.query<T>(text, params as unknown[])).rows;
        timer({ outcome: 'ok' });
        return result;
      } catch (err) {
        const wrapped = wrapError(err);
        timer({ outcome: wrapped instanceof StoreUnavailableError ? 'unavailable' : 'error' });
        throw wrapped;
      }
    });
  }
}

export interface PoolOptions {
  readonly url: string;
  readonly applicationName: string;
  readonly max?: number;
  /** Sessions older than this are closed when idle (0: never): a read pool spreads again over a standby that came back. */
  readonly maxLifetimeSeconds?: number;
  /** Set for every session of the pool (`remote_apply` when reads are served by a standby). */
  readonly synchronousCommit?: 'on' | 'remote_apply';
}

export function createPool(options: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // a statement that runs away is stopped by the server, not left holding a connection
    statement_timeout: 60_000,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? 0,
    application_name: options.applicationName,
    ...(options.synchronousCommit ? { options: `-c synchronous_commit=${options.synchronousCommit}` } : {}),
  });
  // An idle client whose server went away emits 'error'; the pool drops it and the next
  // statement reconnects. Without a listener the process would exit.
  pool.on('error', () => undefined);
  return pool;
}

/** Deadlocks a transaction is run again after: its work was rolled back whole, so a retry is safe. */
const DEADLOCK_RETRIES = 3;

/**
 * Runs `work` in one transaction on one client of `pool`. Two transactions that change the same
 * enterprises in another order (their version rows, kept by triggers) can deadlock: the server
 * aborts one, and it runs again.
 */
export async function inTransaction<T>(pool: Pool, counter: StatementCounter, work: (sql: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransactionOnce(pool, counter, work);
    } catch (err) {
      if (attempt > DEADLOCK_RETRIES || (err as { code?: unknown }).code !== '40P01') throw err;
    }
  }
}

async function inTransactionOnce<T>(pool: Pool, counter: StatementCounter, work: (sql: Sql) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw wrapError(err);
  }
  const sql = new Sql(client, counter);
  let broken = false;
  try {
    await sql.rows('BEGIN');
    const result = await work(sql);
    await sql.rows('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    throw err;
  } finally {
    client.release(broken);
  }
}
