// The outbox in MongoDB. Without transactions an event is written after the records it describes:
// a process that dies between the two loses those events (a retried batch finds its records
// stored and unchanged). A reader takes events written at least SETTLE_MS ago, ordered by write
// time and id, so a write still in flight when a page is read is not skipped unless it takes longer.
import type { Collection, Db } from 'mongodb';
import type { ChangeEvent, ChangeFeed, ChangeOutbox, FeedCursor } from '../port';
import { ensureIndexes, guarded, insertReportingDuplicates } from './client';

type EventDoc = Omit<ChangeEvent, 'id'> & { _id: string; written: Date };

export const SETTLE_MS = 2_000;

export class MongoChangeOutbox implements ChangeOutbox {
  readonly collection: Collection<EventDoc>;

  constructor(db: Db) {
    this.collection = db.collection<EventDoc>('change_events');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [{ key: { written: 1, _id: 1 }, name: 'in_order' }]);
  }

  append(events: readonly ChangeEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const written = new Date();
    return guarded(
      async () =>
        void (await insertReportingDuplicates(
          this.collection,
          events.map(({ id, ...e }) => ({ _id: id, ...e, written })),
        )),
    );
  }
}

export class MongoChangeFeed implements ChangeFeed {
  constructor(
    private readonly outbox: MongoChangeOutbox,
    private readonly closeClient: () => Promise<void>,
  ) {}

  read(after: FeedCursor | null, limit: number): Promise<{ events: ChangeEvent[]; cursor: FeedCursor | null }> {
    return guarded(async () => {
      const [ms, id] = after ? [Number(after.slice(0, after.indexOf(':'))), after.slice(after.indexOf(':') + 1)] : [0, ''];
      const since = new Date(ms);
      const docs = await this.outbox.collection
        .find({ written: { $lt: new Date(Date.now() - SETTLE_MS) }, $or: [{ written: { $gt: since } }, { written: since, _id: { $gt: id } }] })
        .sort({ written: 1, _id: 1 })
        .limit(limit)
        .toArray();
      const last = docs[docs.length - 1];
      return {
        events: docs.map(({ _id, written: _written, ...e }) => ({ ...e, id: _id })),
        cursor: last ? `${last.written.getTime()}:${last._id}` : after,
      };
    });
  }

  close(): Promise<void> {
    return this.closeClient();
  }
}
