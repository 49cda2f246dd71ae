// One MongoClient per database. Command monitoring counts round trips; driver errors become
// StoreUnavailableError at the adapter's edge.
import {
  MongoBulkWriteError,
  MongoClient,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Collection,
  type Document,
  type IndexDescription,
} from 'mongodb';
import { StoreUnavailableError } from '../port';

export async function connectMongo(uri: string, appName: string): Promise<MongoClient> {
  const client = new MongoClient(uri, { monitorCommands: true, serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000, maxPoolSize: 20, appName });
  await client.connect();
  return client;
}

/** Counts commands sent to one database (not the driver's own hello/ping). */
export function countCommands(client: MongoClient, dbName: string): { readonly count: number; reset(): void } {
  let count = 0;
  client.on('commandStarted', (event: { databaseName: string; commandName: string }) => {
    if (event.databaseName === dbName && !['hello', 'isMaster', 'ping', 'endSessions'].includes(event.commandName)) count++;
  });
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

const UNAVAILABLE = [MongoNetworkError, MongoServerSelectionError, MongoNotConnectedError, MongoTopologyClosedError];

/** Runs a driver call; a server that cannot be reached leaves as StoreUnavailableError, anything else as it was. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw UNAVAILABLE.some((type) => err instanceof type) ? new StoreUnavailableError(err) : err;
  }
}

/**
 * Creates indexes one command each. Idempotent on MongoDB either way, but FerretDB v1 drops the
 * connection when one createIndexes command mixes existing and new indexes.
 */
export async function ensureIndexes<T extends Document>(collection: Collection<T>, indexes: readonly IndexDescription[]): Promise<void> {
  for (const index of indexes) await collection.createIndexes([index]);
}

const DUPLICATE_KEY = 11000;
/** One reply for a whole find: the server still splits at 16 MB, but never at the default 101 documents. */
export const ONE_BATCH = 100_000;

/** Inserts documents; answers the ids that were already stored (and so were not inserted). */
export async function insertReportingDuplicates<T extends { _id: string }>(collection: Collection<T>, docs: readonly T[]): Promise<string[]> {
  if (docs.length === 0) return [];
  try {
    await collection.insertMany(docs as Parameters<Collection<T>['insertMany']>[0], { ordered: false });
    return [];
  } catch (err) {
    const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : undefined;
    if (!errors || errors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
    return errors.map((e) => docs[e.index]?._id).filter((id): id is string => id !== undefined);
  }
}

/** Whether a MongoDB-protocol server answers at `uri` (for start-up probes). */
export async function pingMongo(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}
