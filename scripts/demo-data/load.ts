// Writes a demo data set into the four subgraph databases in chunks, so memory stays flat
// whatever the size. Ids are deterministic and stored documents are left alone, so loading twice
// (or resuming an interrupted load) changes nothing.
import type { MongoClient } from 'mongodb';
import { RecordStore, type NewRecord } from '../../subgraphs/common/record-store';
import { EnterpriseDirectory, type EnterpriseDoc } from '../../subgraphs/identity/enterprise-directory';
import { databaseName, SUBGRAPHS, type SubgraphName } from '../../subgraphs/index';
import { DEMO_ANCHOR, generateEnterprise, type DemoOptions } from './generate';

export interface LoadOptions extends DemoOptions {
  readonly dbPrefix: string;
  readonly chunk?: number;
  readonly onProgress?: (done: number) => void;
}

export async function loadDemoData(client: MongoClient, options: LoadOptions): Promise<{ enterprises: number; records: number }> {
  const directory = new EnterpriseDirectory(client.db(databaseName(options.dbPrefix, 'identity')));
  const stores = new Map<SubgraphName, RecordStore>(SUBGRAPHS.map((s) => [s.name, new RecordStore(client.db(databaseName(options.dbPrefix, s.name)))]));
  const receivedAt = new Date(`${DEMO_ANCHOR}T12:00:00Z`);
  const chunk = options.chunk ?? 500;
  let records = 0;
  for (let start = 0; start < options.size; start += chunk) {
    const end = Math.min(options.size, start + chunk);
    const docs: Omit<EnterpriseDoc, 'grams'>[] = [];
    const bySubgraph = new Map<SubgraphName, NewRecord[]>(SUBGRAPHS.map((s) => [s.name, []]));
    for (let i = start; i < end; i++) {
      const e = generateEnterprise(options, i);
      const { registrationNo, ...rest } = e.directory;
      docs.push(registrationNo ? { ...rest, registrationNo } : rest);
      for (const [name, list] of Object.entries(e.records) as [SubgraphName, NewRecord[]][]) bySubgraph.get(name)?.push(...list);
    }
    await directory.insertMissing(docs);
    await Promise.all(
      [...bySubgraph].map(([name, list]) => {
        records += list.length;
        return stores.get(name)?.insertMissing(list, receivedAt);
      }),
    );
    options.onProgress?.(end);
  }
  return { enterprises: options.size, records };
}
