// Indicator records in MongoDB's `records` collection: one document per record, the spec's
// attributes under `data` (so they never collide with metadata such as `region`).
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { IndicatorCount, NewRecord, RecordStore, StoredRecord } from '../port';
import { recordId } from '../record-id';
import { ensureIndexes, guarded, insertReportingDuplicates, ONE_BATCH } from './client';

export type RecordDoc = Omit<StoredRecord, 'id'> & { _id: string };

/**
 * Upserts per bulk command. FerretDB v1 on SQLite stalls on a single update command carrying a
 * few hundred upserts; a hundred at a time is safe there and costs MongoDB nothing measurable.
 */
const WRITE_BATCH = 100;

export function toDoc({ naturalKey, ...rest }: NewRecord, receivedAt: Date): RecordDoc {
  const doc: RecordDoc = { ...rest, _id: recordId({ ...rest, naturalKey }), receivedAt };
  if (doc.personHash === undefined) delete doc.personHash;
  if (doc.displayed === undefined) delete doc.displayed;
  return doc;
}

export function fromDoc({ _id, ...rest }: RecordDoc): StoredRecord {
  const record: StoredRecord = { ...rest, id: _id, data: rest.data ?? {} };
  // a document stored before the display state was kept has none (or null)
  if (typeof record.displayed !== 'boolean') delete record.displayed;
  return record;
}

export class MongoRecordStore implements RecordStore {
  readonly collection: Collection<RecordDoc>;

  constructor(db: Db) {
    this.collection = db.collection<RecordDoc>('records');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { uscc: 1, ind: 1 }, name: 'by_enterprise_indicator' },
      { key: { personHash: 1, ind: 1 }, name: 'by_person_indicator', sparse: true },
    ]);
  }

  findFor(usccs: readonly string[], indicators: readonly string[], fields: readonly string[]): Promise<StoredRecord[]> {
    const projection: Record<string, 1> = { uscc: 1, ind: 1, agency: 1, agencyRegion: 1, receivedAt: 1, personHash: 1, repairedOn: 1, warnings: 1 };
    for (const f of fields) projection[`data.${f}`] = 1;
    const filter = { uscc: { $in: [...usccs] }, ind: { $in: [...indicators] } };
    return guarded(async () => (await this.collection.find(filter, { projection, batchSize: ONE_BATCH }).toArray()).map(fromDoc));
  }

  findForPersons(hashes: readonly string[], indicator: string): Promise<StoredRecord[]> {
    return guarded(async () => (await this.collection.find({ personHash: { $in: [...hashes] }, ind: indicator }, { batchSize: ONE_BATCH }).toArray()).map(fromDoc));
  }

  findByIds(ids: readonly string[]): Promise<StoredRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return guarded(async () => (await this.collection.find({ _id: { $in: [...ids] } }, { batchSize: ONE_BATCH }).toArray()).map(fromDoc));
  }

  scan(indicator: string, afterId: string | null, limit: number): Promise<StoredRecord[]> {
    return guarded(async () =>
      (
        await this.collection
          .find({ ind: indicator, _id: { $gt: afterId ?? '' } })
          .sort({ _id: 1 })
          .limit(limit)
          .toArray()
      ).map(fromDoc),
    );
  }

  countFor(usccs: readonly string[]): Promise<IndicatorCount[]> {
    return guarded(async () => {
      const rows = await this.collection
        .aggregate<{ _id: { uscc: string; ind: string }; count: number }>([{ $match: { uscc: { $in: [...usccs] } } }, { $group: { _id: { uscc: '$uscc', ind: '$ind' }, count: { $sum: 1 } } }], {
          batchSize: ONE_BATCH,
        })
        .toArray();
      return rows.map((r) => ({ uscc: r._id.uscc, ind: r._id.ind, count: r.count }));
    });
  }

  insertNew(records: readonly NewRecord[], receivedAt: Date): Promise<string[]> {
    return guarded(() =>
      insertReportingDuplicates(
        this.collection,
        records.map((r) => toDoc(r, receivedAt)),
      ),
    );
  }

  upsertMany(records: readonly NewRecord[], receivedAt: Date): Promise<void> {
    const ops: AnyBulkWriteOperation<RecordDoc>[] = records.map((r) => {
      const doc = toDoc(r, receivedAt);
      return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
    });
    return guarded(async () => {
      for (let i = 0; i < ops.length; i += WRITE_BATCH) await this.collection.bulkWrite(ops.slice(i, i + WRITE_BATCH), { ordered: false });
    });
  }

  delete(id: string): Promise<void> {
    return guarded(async () => void (await this.collection.deleteOne({ _id: id })));
  }

  setRepaired(id: string, repairedOn: string): Promise<boolean> {
    return guarded(async () => (await this.collection.updateOne({ _id: id }, { $set: { repairedOn } })).matchedCount > 0);
  }

  setDisplayed(ids: readonly string[], displayed: boolean): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return guarded(async () => void (await this.collection.updateMany({ _id: { $in: [...ids] } }, { $set: { displayed } })));
  }
}
