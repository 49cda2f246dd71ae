// The per-request loaders: every key asked in one tick becomes one store call, and each key gets
// exactly its own records back, in the order asked, whatever order the store answers in.
import { createCountLoader, createPersonRecordLoader, createRecordLoader } from '../../subgraphs/kit/record-loader';
import type { IndicatorCount, RecordStore, StoredRecord } from '../../storage/port';

const record = (id: string, uscc: string | null, ind: string, extra: Partial<StoredRecord> = {}): StoredRecord => ({
  id,
  uscc,
  ind,
  agency: 'tax',
  agencyRegion: '500000',
  receivedAt: new Date('2026-06-30T00:00:00Z'),
  data: {},
  ...extra,
});

/** Answers from a fixed list, newest call last in `calls`. */
function storeOf(records: StoredRecord[], counts: IndicatorCount[] = []) {
  const calls: unknown[][] = [];
  const store: Pick<RecordStore, 'findFor' | 'findForPersons' | 'countFor'> = {
    findFor: async (usccs, indicators, fields) => {
      calls.push(['findFor', [...usccs], [...indicators], [...fields]]);
      // the store's order is its own: answer in reverse
      return records.filter((r) => r.uscc !== null && usccs.includes(r.uscc) && indicators.includes(r.ind)).reverse();
    },
    findForPersons: async (hashes, indicator) => {
      calls.push(['findForPersons', [...hashes], indicator]);
      return records.filter((r) => r.personHash !== undefined && hashes.includes(r.personHash) && r.ind === indicator);
    },
    countFor: async (usccs) => {
      calls.push(['countFor', [...usccs]]);
      return counts.filter((c) => usccs.includes(c.uscc));
    },
  };
  return { store: store as RecordStore, calls };
}

it('batches record keys of one tick into one call, projecting the union of the fields', async () => {
  const { store, calls } = storeOf([record('a1', 'A', 'AD01'), record('a2', 'A', 'AD04'), record('b1', 'B', 'AD01'), record('c1', 'C', 'AD01')]);
  const loader = createRecordLoader(store);
  const [a01, b01, a04, missing] = await Promise.all([
    loader.load({ uscc: 'A', indicator: 'AD01', fields: ['decisionNo'] }),
    loader.load({ uscc: 'B', indicator: 'AD01', fields: ['decisionNo'] }),
    loader.load({ uscc: 'A', indicator: 'AD04', fields: ['taxType'] }),
    loader.load({ uscc: 'D', indicator: 'AD01', fields: ['decisionNo'] }),
  ]);
  expect(calls).toEqual([['findFor', ['A', 'B', 'D'], ['AD01', 'AD04'], ['decisionNo', 'taxType']]]);
  expect([a01, b01, a04, missing].map((rs) => rs.map((r) => r.id))).toEqual([['a1'], ['b1'], ['a2'], []]);
});

it('answers the same key from its cache within a request', async () => {
  const { store, calls } = storeOf([record('a1', 'A', 'AD01')]);
  const loader = createRecordLoader(store);
  await loader.load({ uscc: 'A', indicator: 'AD01', fields: ['decisionNo'] });
  await loader.load({ uscc: 'A', indicator: 'AD01', fields: ['decisionNo'] });
  expect(calls).toHaveLength(1);
});

it('groups person records by hash, one call per indicator asked', async () => {
  const { store, calls } = storeOf([record('p1', null, 'AD08', { personHash: 'h1' }), record('p2', null, 'AD08', { personHash: 'h2' }), record('r1', 'A', 'ID02', { personHash: 'h1' })]);
  const loader = createPersonRecordLoader(store);
  const [h1, h2, h3, rep] = await Promise.all([
    loader.load({ personHash: 'h1', indicator: 'AD08' }),
    loader.load({ personHash: 'h2', indicator: 'AD08' }),
    loader.load({ personHash: 'h3', indicator: 'AD08' }),
    loader.load({ personHash: 'h1', indicator: 'ID02' }),
  ]);
  expect(calls).toEqual([
    ['findForPersons', ['h1', 'h2', 'h3'], 'AD08'],
    ['findForPersons', ['h1'], 'ID02'],
  ]);
  expect([h1, h2, h3, rep].map((rs) => rs.map((r) => r.id))).toEqual([['p1'], ['p2'], [], ['r1']]);
});

it('counts per enterprise and indicator in one call, an empty map for an enterprise without records', async () => {
  const { store, calls } = storeOf(
    [],
    [
      { uscc: 'A', ind: 'AD01', count: 2 },
      { uscc: 'A', ind: 'AD04', count: 1 },
      { uscc: 'B', ind: 'AD01', count: 5 },
    ],
  );
  const loader = createCountLoader(store);
  const [a, b, c] = await Promise.all([loader.load('A'), loader.load('B'), loader.load('C')]);
  expect(calls).toEqual([['countFor', ['A', 'B', 'C']]]);
  expect([Object.fromEntries(a), Object.fromEntries(b), Object.fromEntries(c)]).toEqual([{ AD01: 2, AD04: 1 }, { AD01: 5 }, {}]);
});
