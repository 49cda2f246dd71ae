// Per-request batching of record reads: every indicator field of every enterprise resolved in
// one tick becomes one `find` on the records collection.
import DataLoader from 'dataloader';
import type { RecordStore, StoredRecord } from '../../storage/port';

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
    // One find per tick even for 1,000 enterprises × every indicator of the category.
    { cacheKeyFn: (k) => `${k.uscc}|${k.indicator}|${k.fields.join(',')}`, maxBatchSize: 50_000 },
  );
}

export interface PersonKey {
  readonly personHash: string;
  readonly indicator: string;
}

export type PersonRecordLoader = DataLoader<PersonKey, StoredRecord[], string>;

/** Records about natural persons, batched by keyed ID hash; one command per indicator asked in a tick. */
export function createPersonRecordLoader(store: RecordStore): PersonRecordLoader {
  return new DataLoader<PersonKey, StoredRecord[], string>(
    async (keys) => {
      const byIndicator = new Map<string, string[]>();
      for (const k of keys) byIndicator.set(k.indicator, [...(byIndicator.get(k.indicator) ?? []), k.personHash]);
      const found = new Map<string, StoredRecord[]>();
      await Promise.all(
        [...byIndicator].map(async ([indicator, hashes]) => {
          for (const r of await store.findForPersons([...new Set(hashes)], indicator)) {
            const key = `${r.personHash ?? ''}|${indicator}`;
            found.set(key, [...(found.get(key) ?? []), r]);
          }
        }),
      );
      return keys.map((k) => found.get(`${k.personHash}|${k.indicator}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.personHash}|${k.indicator}` },
  );
}

export type CountLoader = DataLoader<string, ReadonlyMap<string, number>>;

/** Per-enterprise record counts by indicator, one aggregation for all enterprises in a tick. */
export function createCountLoader(store: RecordStore): CountLoader {
  return new DataLoader<string, ReadonlyMap<string, number>>(async (usccs) => {
    const byUscc = new Map<string, Map<string, number>>();
    for (const row of await store.countFor(usccs)) {
      const counts = byUscc.get(row.uscc) ?? new Map<string, number>();
      counts.set(row.ind, row.count);
      byUscc.set(row.uscc, counts);
    }
    return usccs.map((u) => byUscc.get(u) ?? new Map<string, number>());
  });
}
