// One MongoClient per process. Command monitoring is on so tests and benchmarks can count round trips.
import { MongoClient, type Collection, type Db, type Document, type IndexDescription } from 'mongodb';

export interface Database {
  readonly client: MongoClient;
  readonly db: Db;
}

export async function connectDatabase(uri: string, dbName: string): Promise<Database> {
  const client = new MongoClient(uri, {
    monitorCommands: true,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    maxPoolSize: 20,
    appName: `credit-${dbName}`,
  });
  await client.connect();
  return { client, db: client.db(dbName) };
}

/** Counts commands sent to one database (not the driver's own hello/ping). */
export function countCommands(client: MongoClient, dbName: string): { readonly count: number; reset(): void; stop(): void } {
  let count = 0;
  const listener = (event: { databaseName: string; commandName: string }) => {
    if (event.databaseName === dbName && !['hello', 'isMaster', 'ping', 'endSessions'].includes(event.commandName)) count++;
  };
  client.on('commandStarted', listener);
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    stop() {
      client.off('commandStarted', listener);
    },
  };
}

/**
 * Creates indexes one command each. Idempotent on MongoDB either way, but FerretDB v1 drops the
 * connection when one createIndexes command mixes existing and new indexes.
 */
export async function ensureIndexes<T extends Document>(collection: Collection<T>, indexes: readonly IndexDescription[]): Promise<void> {
  for (const index of indexes) await collection.createIndexes([index]);
}
