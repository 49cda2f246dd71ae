// The enterprise directory in MongoDB: one document per enterprise, its name's bigrams in a
// multikey index so a substring of a Chinese name is an indexed look-up.
import type { Collection, Db, Filter } from 'mongodb';
import type { EnterpriseDirectory, EnterpriseEntry, SearchMode } from '../port';
import { nameBigrams } from '../record-id';
import { ensureIndexes, guarded, ONE_BATCH } from './client';

interface EnterpriseDoc extends EnterpriseEntry {
  _id: string;
  grams: string[];
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const fromDoc = ({ _id, grams: _grams, ...entry }: EnterpriseDoc): EnterpriseEntry => entry;
const PROJECTION = { grams: 0 } as const;

export class MongoEnterpriseDirectory implements EnterpriseDirectory {
  readonly collection: Collection<EnterpriseDoc>;

  constructor(db: Db) {
    this.collection = db.collection<EnterpriseDoc>('enterprises');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { registrationNo: 1 }, name: 'by_registration_no', sparse: true },
      { key: { grams: 1 }, name: 'by_name_bigram' },
      { key: { region: 1, _id: 1 }, name: 'by_region' },
    ]);
  }

  findByUsccs(usccs: readonly string[]): Promise<EnterpriseEntry[]> {
    if (usccs.length === 0) return Promise.resolve([]);
    return guarded(async () => (await this.collection.find({ _id: { $in: [...usccs] } }, { projection: PROJECTION, batchSize: ONE_BATCH }).toArray()).map(fromDoc));
  }

  findByRegistrationNo(registrationNo: string): Promise<EnterpriseEntry | null> {
    return guarded(async () => {
      const doc = await this.collection.findOne({ registrationNo }, { projection: PROJECTION });
      return doc ? fromDoc(doc) : null;
    });
  }

  search(mode: SearchMode, region: string | undefined, after: string | undefined, limit: number): Promise<EnterpriseEntry[]> {
    const filter: Filter<EnterpriseDoc> = {};
    if (mode.kind === 'uscc') filter._id = mode.code;
    else if (mode.kind === 'registrationNo') filter.registrationNo = mode.code;
    else {
      const grams = nameBigrams(mode.text);
      if (grams.length > 0) filter.grams = { $all: grams };
      // The bigrams narrow by index; the escaped literal pattern keeps only true substrings.
      filter.name = { $regex: escapeRegex(mode.text), $options: 'i' };
    }
    if (region) filter.region = region;
    if (after && mode.kind === 'uscc' && after >= mode.code) return Promise.resolve([]);
    if (after && mode.kind !== 'uscc') filter._id = { $gt: after };
    return guarded(async () =>
      (
        await this.collection
          .find(filter, { projection: PROJECTION })
          .sort({ _id: 1 })
          .limit(limit + 1)
          .toArray()
      ).map(fromDoc),
    );
  }

  upsertMany(entries: readonly EnterpriseEntry[]): Promise<void> {
    return guarded(async () => {
      for (let i = 0; i < entries.length; i += 100) {
        await this.collection.bulkWrite(
          entries.slice(i, i + 100).map((e) => ({ replaceOne: { filter: { _id: e.uscc }, replacement: { ...e, _id: e.uscc, grams: nameBigrams(e.name) }, upsert: true } })),
          { ordered: false },
        );
      }
    });
  }

  count(): Promise<number> {
    return guarded(() => this.collection.estimatedDocumentCount());
  }
}
