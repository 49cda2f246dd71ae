// Indicator records of one subgraph, in its `records` collection: one document per record,
// the spec's attributes under `data` (so they never collide with metadata such as `region`).
import { ensureIndexes } from './mongo';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';

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
  /** Date credit repair (信用修复) took effect for an adverse record. */
  repairedOn?: string;
  /** Reasonableness warnings found when it was stored (e.g. R05); the record was accepted. */
  warnings?: { rule: string; field: string | null; message: string }[];
}

export type NewRecord = Omit<StoredRecord, '_id' | 'receivedAt'> & { naturalKey: readonly unknown[] };

export const RECORDS_COLLECTION = 'records';

/**
 * Upserts per bulk command. FerretDB v1 on SQLite stalls on a single update command carrying a
 * few hundred upserts; a hundred at a time is safe there and costs MongoDB nothing measurable.
 */
const WRITE_BATCH = 100;
const DUPLICATE_KEY = 11000;
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

export async function insertIgnoringDuplicates<T extends { _id: string }>(collection: Collection<T>, docs: readonly T[]): Promise<void> {
  await insertReportingDuplicates(collection, docs);
}

function toStored({ naturalKey, ...rest }: NewRecord, receivedAt: Date): StoredRecord {
  const doc: StoredRecord = { ...rest, _id: recordId({ ...rest, naturalKey }), receivedAt };
  if (doc.personHash === undefined) delete doc.personHash;
  return doc;
}

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
    await ensureIndexes(this.collection, [
      { key: { uscc: 1, ind: 1 }, name: 'by_enterprise_indicator' },
      { key: { personHash: 1, ind: 1 }, name: 'by_person_indicator', sparse: true },
    ]);
  }

  /** All records of the given enterprises and indicators, in one round trip, with only `fields` of data. */
  async findFor(usccs: readonly string[], indicators: readonly string[], fields: readonly string[]): Promise<StoredRecord[]> {
    const projection: Record<string, 1> = { uscc: 1, ind: 1, agency: 1, agencyRegion: 1, receivedAt: 1, personHash: 1, repairedOn: 1 };
    for (const f of fields) projection[`data.${f}`] = 1;
    const filter = {
      uscc: usccs.length === 1 ? usccs[0] : { $in: [...usccs] },
      ind: indicators.length === 1 ? indicators[0] : { $in: [...indicators] },
    };
    // One batch: the server still splits replies at 16 MB, but never at the default 101 documents.
    return this.collection.find(filter, { projection, batchSize: ONE_BATCH }).toArray();
  }

  /** Records of one indicator about natural persons (or naming them, as ID02 does), by keyed ID hash. */
  async findForPersons(hashes: readonly string[], indicator: string, projectData: boolean): Promise<StoredRecord[]> {
    const projection = projectData ? {} : { data: 0 };
    return this.collection
      .find({ personHash: hashes.length === 1 ? hashes[0] : { $in: [...hashes] }, ind: indicator }, { projection, batchSize: ONE_BATCH })
      .toArray();
  }

  /** Record counts per enterprise and indicator, counted by the database: no record is fetched. */
  async countFor(usccs: readonly string[]): Promise<{ uscc: string; ind: string; count: number }[]> {
    const rows = await this.collection
      .aggregate<{ _id: { uscc: string; ind: string }; count: number }>(
        [{ $match: { uscc: usccs.length === 1 ? usccs[0] : { $in: [...usccs] } } }, { $group: { _id: { uscc: '$uscc', ind: '$ind' }, count: { $sum: 1 } } }],
        { batchSize: ONE_BATCH },
      )
      .toArray();
    return rows.map((r) => ({ uscc: r._id.uscc, ind: r._id.ind, count: r.count }));
  }

  /** Insert or replace by record id, in batches small enough for every MongoDB-protocol server. */
  async upsertMany(records: readonly NewRecord[], receivedAt: Date): Promise<void> {
    const ops: AnyBulkWriteOperation<StoredRecord>[] = records.map((r) => {
      const doc = toStored(r, receivedAt);
      return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
    });
    for (let i = 0; i < ops.length; i += WRITE_BATCH) await this.collection.bulkWrite(ops.slice(i, i + WRITE_BATCH), { ordered: false });
  }

  /** Inserts records in one command; answers the ids already stored, which were left as they are. */
  insertNew(records: readonly NewRecord[], receivedAt: Date): Promise<string[]> {
    return insertReportingDuplicates(this.collection, records.map((r) => toStored(r, receivedAt)));
  }

  /** Insert records whose id is not stored yet and leave stored ones as they are: a fast, repeatable bulk load. */
  async insertMissing(records: readonly NewRecord[], receivedAt: Date): Promise<void> {
    await insertIgnoringDuplicates(this.collection, records.map((r) => toStored(r, receivedAt)));
  }
}
