// Opens the MongoDB adapter (MONGODB_URI): one database per subgraph, indexes created at start.
// `transaction` runs its work without a MongoDB transaction (FerretDB v1 has none): every write
// is keyed by id, so work cut off half-way is completed by sending it again.
import type { AuditStore, ChangeFeed, ReportRegistry, SubgraphStorage, SubgraphStores } from '../port';
import { MongoAuditStore } from './audit';
import { MongoReportRegistry } from './reports';
import { MongoChangeFeed, MongoChangeOutbox } from './change-events';
import { connectMongo, countCommands, guarded } from './client';
import { MongoEnterpriseDirectory } from './directory';
import { MongoRecordStore } from './records';
import { MongoSubmissionStore } from './submissions';
import { MongoObjectionStore } from './objections';
import { MongoStatementStore } from './statements';
import { MongoRepairStore } from './repairs';
import { MongoCommitmentStore } from './commitments';
import { MongoCreditCheckStore } from './credit-checks';

export async function openMongoSubgraphStorage(uri: string, dbName: string): Promise<SubgraphStorage> {
  const client = await guarded(() => connectMongo(uri, `credit-${dbName}`));
  const db = client.db(dbName);
  const records = new MongoRecordStore(db);
  const submissions = new MongoSubmissionStore(db);
  const directory = new MongoEnterpriseDirectory(db);
  const outbox = new MongoChangeOutbox(db);
  const objections = new MongoObjectionStore(db);
  const repairs = new MongoRepairStore(db);
  const commitments = new MongoCommitmentStore(db);
  const creditChecks = new MongoCreditCheckStore(db);
  await guarded(async () => {
    await objections.ensureIndexes();
    await repairs.ensureIndexes();
    await commitments.ensureIndexes();
    await creditChecks.ensureIndexes();
    await records.ensureIndexes();
    await submissions.ensureIndexes();
    await directory.ensureIndexes();
    await outbox.ensureIndexes();
  });
  const stores: SubgraphStores = { records, submissions, directory, outbox, objections, subjectStatements: new MongoStatementStore(db), repairs, commitments, creditChecks };
  return {
    ...stores,
    transaction: (work) => work(stores),
    ping: () =>
      guarded(async () => {
        await db.command({ ping: 1 });
        return true;
      }),
    statements: countCommands(client, dbName),
    close: () => client.close(),
  };
}

export async function openMongoAuditStore(uri: string, dbName: string): Promise<AuditStore> {
  const client = await guarded(() => connectMongo(uri, `credit-${dbName}`));
  const store = new MongoAuditStore(client, dbName);
  await guarded(() => store.ensureIndexes());
  return store;
}

export async function openMongoReportRegistry(uri: string, dbName: string): Promise<ReportRegistry> {
  const client = await guarded(() => connectMongo(uri, `credit-${dbName}-reports`));
  const registry = new MongoReportRegistry(client, dbName);
  await guarded(() => registry.ensureIndexes());
  return registry;
}

export async function openMongoChangeFeed(uri: string, dbName: string): Promise<ChangeFeed> {
  const client = await guarded(() => connectMongo(uri, `credit-${dbName}-feed`));
  const outbox = new MongoChangeOutbox(client.db(dbName));
  await guarded(() => outbox.ensureIndexes());
  return new MongoChangeFeed(outbox, () => client.close());
}

export async function dropMongoDatabase(uri: string, dbName: string): Promise<void> {
  const client = await connectMongo(uri, 'credit-cleanup');
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}
