// The enterprise directory: one document per registered enterprise (from ID01), the key the
// federation resolves and the index searches use. Names are split into character bigrams so
// a substring of a Chinese name (which has no spaces to tokenise on) is an indexed lookup.
import type { Collection, Db, Filter } from 'mongodb';
import { ensureIndexes } from '../common/mongo';
import { insertIgnoringDuplicates, ONE_BATCH } from '../common/record-store';

export interface EnterpriseDoc {
  _id: string;
  uscc: string;
  registrationNo?: string;
  name: string;
  region: string;
  grams: string[];
}

export const DIRECTORY_COLLECTION = 'enterprises';

export function nameBigrams(name: string): string[] {
  const chars = [...name.toLowerCase()];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type SearchMode = { kind: 'uscc'; code: string } | { kind: 'registrationNo'; code: string } | { kind: 'name'; text: string };

export class EnterpriseDirectory {
  readonly collection: Collection<EnterpriseDoc>;

  constructor(db: Db) {
    this.collection = db.collection<EnterpriseDoc>(DIRECTORY_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { registrationNo: 1 }, name: 'by_registration_no', sparse: true },
      { key: { grams: 1 }, name: 'by_name_bigram' },
      { key: { name: 1 }, name: 'by_name' },
      { key: { region: 1, _id: 1 }, name: 'by_region' },
    ]);
  }

  async findByUsccs(usccs: readonly string[]): Promise<EnterpriseDoc[]> {
    const filter = usccs.length === 1 ? { _id: usccs[0] } : { _id: { $in: [...usccs] } };
    return this.collection.find(filter as Filter<EnterpriseDoc>, { projection: { grams: 0 }, batchSize: ONE_BATCH }).toArray();
  }

  async findByRegistrationNo(registrationNo: string): Promise<EnterpriseDoc | null> {
    return this.collection.findOne({ registrationNo }, { projection: { grams: 0 } });
  }

  /** One page in code order after `after`; one more than `limit` is fetched to tell if more follow. */
  async search(mode: SearchMode, region: string | undefined, after: string | undefined, limit: number): Promise<EnterpriseDoc[]> {
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
    if (after) filter._id = mode.kind === 'uscc' ? mode.code : { $gt: after };
    if (after && mode.kind === 'uscc' && after >= mode.code) return [];
    return this.collection
      .find(filter, { projection: { grams: 0 } })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .toArray();
  }

  /** Creates or updates enterprises from their registration (ID01) records. */
  async upsertMany(docs: readonly Omit<EnterpriseDoc, 'grams'>[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 100) {
      await this.collection.bulkWrite(
        docs.slice(i, i + 100).map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: { ...d, grams: nameBigrams(d.name) }, upsert: true } })),
        { ordered: false },
      );
    }
  }

  /** Adds enterprises not in the directory yet; stored ones are left as they are. */
  async insertMissing(docs: readonly Omit<EnterpriseDoc, 'grams'>[]): Promise<void> {
    await insertIgnoringDuplicates(this.collection, docs.map((d) => ({ ...d, grams: nameBigrams(d.name) })));
  }
}
