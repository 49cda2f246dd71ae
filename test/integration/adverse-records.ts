// What the tests of the enterprise's rights share: AD01 penalties submitted by the city market
// regulator, and the change events the adverse subgraph recorded for one record.
import { databaseName, openChangeFeed, storageConfigFromEnv } from '../../storage/index';
import type { ChangeKind } from '../../storage/port';
import type { TestSystem } from './harness';
import { serviceToken } from './tokens';

/** Submits one AD01 record as svc-aic-city; answers its id. */
export async function submitPenalty(system: TestSystem, batchId: string, record: Record<string, unknown>): Promise<string> {
  const res = await system.query<{ submitAdverseRecords: { acceptedIds: string[] } }>(
    'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD01", records: $r) { acceptedIds } }',
    { b: batchId, r: [record] },
    await serviceToken('svc-aic-city'),
  );
  const [id] = res.data?.submitAdverseRecords.acceptedIds ?? [];
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

/** The changes recorded for one adverse record, in the order of the outbox the dispatcher delivers from. */
export async function adverseChanges(system: TestSystem, recordId: string): Promise<ChangeKind[]> {
  const feed = await openChangeFeed(storageConfigFromEnv(process.env), databaseName(system.dbPrefix, 'adverse'));
  try {
    const changes: ChangeKind[] = [];
    for (let cursor: string | null = null; ;) {
      const page = await feed.read(cursor, 1000);
      changes.push(...page.events.filter((e) => e.recordId === recordId).map((e) => e.change));
      if (page.events.length === 0 || page.cursor === null) return changes;
      cursor = page.cursor;
    }
  } finally {
    await feed.close?.();
  }
}
