// Statements in MongoDB: one document per record (`_id` is the record id), replaced by a newer one.
import type { Collection, Db } from 'mongodb';
import type { Statement, StatementStore } from '../port';
import { guarded, ONE_BATCH } from './client';

type StatementDoc = Omit<Statement, 'recordId'> & { _id: string };

export class MongoStatementStore implements StatementStore {
  private readonly collection: Collection<StatementDoc>;

  constructor(db: Db) {
    this.collection = db.collection<StatementDoc>('statements');
  }

  save(s: Statement): Promise<void> {
    const { recordId, ...rest } = s;
    return guarded(async () => void (await this.collection.replaceOne({ _id: recordId }, rest, { upsert: true })));
  }

  latestFor(recordIds: readonly string[]): Promise<Statement[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    return guarded(async () => (await this.collection.find({ _id: { $in: [...recordIds] } }, { batchSize: ONE_BATCH }).toArray()).map(({ _id, ...rest }) => ({ ...rest, recordId: _id })));
  }
}
