// Per-request batching of record reads: every indicator field of every enterprise resolved in
// one tick becomes one `find` on the records collection.
import DataLoader from 'dataloader';
import type { RecordStore, StoredRecord } from './record-store';

export interface RecordKey {
  readonly uscc: string;
  readonly indicator: string;
  /** Attributes to project; the batch projects the union. */
  readonly fields: readonly string[];
}

export type RecordLoader = DataLoader<RecordKey, StoredRecord[], string>;

export function createRecordLoader(store: RecordStore): RecordLoader {
  return new DataLoader<RecordKey, StoredRecord[], string>(
    async (keys) => {
      const usccs = [...new Set(keys.map((k) => k.uscc))];
      const indicators = [...new Set(keys.map((k) => k.indicator))];
      const fields = [...new Set(keys.flatMap((k) => k.fields))];
      const found = await store.findFor(usccs, indicators, fields);
      const grouped = new Map<string, StoredRecord[]>();
      for (const r of found) {
        const group = `${r.uscc ?? ''}|${r.ind}`;
        const list = grouped.get(group);
        if (list) list.push(r);
        else grouped.set(group, [r]);
      }
      return keys.map((k) => grouped.get(`${k.uscc}|${k.indicator}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.uscc}|${k.indicator}|${k.fields.join(',')}`, maxBatchSize: 5_000 },
  );
}
