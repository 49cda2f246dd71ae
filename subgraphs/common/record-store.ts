// Indicator records of one subgraph, in its `records` collection: one document per record,
// the spec's attributes under `data` (so they never collide with metadata such as `region`).
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';

export interface StoredRecord {
  /** Record id, derived from the natural key so resubmission updates in place. */
  _id: string;
  /** Enterprise the record is about; null for a natural person (AD08). */
  uscc: string | null;
  ind: string;
  agency: string;
  agencyRegion: string;
  receivedAt: Date;
  data: Record<string, unknown>;
  /** Keyed hash of a natural person's ID number (AD08 entries about persons). */
  personHash?: string;
}

export type NewRecord = Omit<StoredRecord, '_id' | 'receivedAt'> & { naturalKey: readonly unknown[] };

export const RECORDS_COLLECTION = 'records';

/** Record ids are readable and deterministic: indicator, agency, enterprise and natural key. */
export function recordId(r: Pick<NewRecord, 'ind' | 'agency' | 'uscc' | 'personHash' | 'naturalKey'>): string {
  const subject = r.uscc ?? `p:${r.personHash ?? ''}`;
  return [r.ind, r.agency, subject, ...r.naturalKey.map((v) => String(v ?? ''))].join(':');
}

export class RecordStore {
  readonly collection: Collection<StoredRecord>;

  constructor(db: Db) {
    this.collection = db.collection<StoredRecord>(RECORDS_COLLECTION);
  }

  /** Idempotent: createIndexes with the same spec is a no-op. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndexes([
      { key: { uscc: 1, ind: 1 }, name: 'by_enterprise_indicator' },
      { key: { personHash: 1, ind: 1 }, name: 'by_person_indicator', sparse: true },
    ]);
  }

  /** All records of the given enterprises and indicators, in one round trip, with only `fields` of data. */
  async findFor(usccs: readonly string[], indicators: readonly string[], fields: readonly string[]): Promise<StoredRecord[]> {
    const projection: Record<string, 1> = { uscc: 1, ind: 1, agency: 1, agencyRegion: 1, receivedAt: 1 };
    for (const f of fields) projection[`data.${f}`] = 1;
    const filter = {
      uscc: usccs.length === 1 ? usccs[0] : { $in: [...usccs] },
      ind: indicators.length === 1 ? indicators[0] : { $in: [...indicators] },
    };
    return this.collection.find(filter, { projection }).toArray();
  }

  /** Insert or replace by record id; used by the demo loader. */
  async upsertMany(records: readonly NewRecord[], receivedAt: Date): Promise<void> {
    if (records.length === 0) return;
    const ops: AnyBulkWriteOperation<StoredRecord>[] = records.map(({ naturalKey, ...rest }) => {
      const doc: StoredRecord = { ...rest, _id: recordId({ ...rest, naturalKey }), receivedAt };
      if (doc.personHash === undefined) delete doc.personHash;
      return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
    });
    await this.collection.bulkWrite(ops, { ordered: false });
  }
}
