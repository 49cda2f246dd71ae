// Credit commitments in MongoDB: one document each (`_id` is the commitment id).
import type { Collection, Db } from 'mongodb';
import type { Commitment, CommitmentBreach, CommitmentStore } from '../port';
import { ensureIndexes, guarded, ONE_BATCH } from './client';

type CommitmentDoc = Omit<Commitment, 'id'> & { _id: string };

const fromDoc = ({ _id, ...rest }: CommitmentDoc): Commitment => ({ ...rest, id: _id });
const DUPLICATE_KEY = 11000;

export class MongoCommitmentStore implements CommitmentStore {
  private readonly collection: Collection<CommitmentDoc>;

  constructor(db: Db) {
    this.collection = db.collection<CommitmentDoc>('commitments');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [{ key: { uscc: 1, madeAt: -1 }, name: 'by_enterprise' }]);
  }

  make(c: Commitment): Promise<void> {
    const { id, ...rest } = c;
    return guarded(async () => {
      try {
        await this.collection.insertOne({ ...rest, breach: null, _id: id });
      } catch (err) {
        // made before (a retry): the first one stands
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      }
    });
  }

  ofEnterprises(usccs: readonly string[], perEnterprise: number): Promise<Commitment[]> {
    if (usccs.length === 0) return Promise.resolve([]);
    return guarded(async () => {
      // one enterprise's newest each, read in the database: a long history is never loaded whole
      const lists = await Promise.all([...new Set(usccs)].map((uscc) => this.collection.find({ uscc }, { batchSize: ONE_BATCH }).sort({ madeAt: -1, _id: 1 }).limit(perEnterprise).toArray()));
      return lists
        .flat()
        .map(fromDoc)
        .sort((a, b) => b.madeAt.getTime() - a.madeAt.getTime() || a.id.localeCompare(b.id));
    });
  }

  findById(id: string): Promise<Commitment | null> {
    return guarded(async () => {
      const doc = await this.collection.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    });
  }

  recordBreach(id: string, breach: CommitmentBreach): Promise<Commitment | null> {
    return guarded(async () => {
      const updated = await this.collection.findOneAndUpdate({ _id: id, breach: null }, { $set: { breach } }, { returnDocument: 'after' });
      return updated ? fromDoc(updated) : null;
    });
  }
}
