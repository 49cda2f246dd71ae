// Writes a demo data set into the four subgraph stores in chunks, so memory stays flat whatever
// the size. Ids are deterministic and stored records are left alone, so loading twice (or
// resuming an interrupted load) changes nothing.
import { todayIso } from '../../schema/today';
import { withDisplayState } from '../../submissions/display-state';
import type { EnterpriseEntry, NewRecord, SubgraphStorage } from '../../storage/port';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/index';
import { DEMO_ANCHOR, generateEnterprise, type DemoOptions } from './generate';

export interface LoadOptions extends DemoOptions {
  /** Enterprises to generate per chunk. */
  readonly chunk?: number;
  /** Start at this enterprise (a resumed load). */
  readonly from?: number;
  readonly onProgress?: (done: number, records: number) => void;
}

export async function loadDemoData(stores: Record<SubgraphName, SubgraphStorage>, options: LoadOptions): Promise<{ enterprises: number; records: number }> {
  const receivedAt = new Date(`${DEMO_ANCHOR}T12:00:00Z`);
  // stored as this version stores a submission: with its public display state as of today
  const today = todayIso();

  const chunk = options.chunk ?? 500;
  let records = 0;
  // the next chunk is generated while the previous one is written
  let writing: Promise<void> = Promise.resolve();
  for (let start = options.from ?? 0; start < options.size; start += chunk) {
    const end = Math.min(options.size, start + chunk);
    const entries: EnterpriseEntry[] = [];
    const bySubgraph = new Map<SubgraphName, NewRecord[]>(SUBGRAPHS.map((s) => [s.name, []]));
    for (let i = start; i < end; i++) {
      const e = generateEnterprise(options, i);
      entries.push(e.directory);
      for (const [name, list] of Object.entries(e.records) as [SubgraphName, NewRecord[]][]) bySubgraph.get(name)?.push(...list.map((r) => withDisplayState(r, today)));
    }
    await writing;
    writing = (async () => {
      await stores.identity.directory.upsertMany(entries);
      await Promise.all(
        [...bySubgraph].map(async ([name, list]) => {
          await stores[name].records.insertNew(list, receivedAt);
          records += list.length;
        }),
      );
      options.onProgress?.(end, records);
    })();
  }
  await writing;
  return { enterprises: options.size - (options.from ?? 0), records };
}
