// The audit trail in MongoDB: events only ever inserted, keyed by id so a retried batch never
// doubles one. MongoDB has no per-collection INSERT-only grant this adapter can rely on; use a
// role with the `insert` and `find` actions on the collection in production.
import type { Collection, Filter, MongoClient } from 'mongodb';
import type { AuditEvent } from '../port';
import type { AuditQuery, AuditStore } from '../port';
import { ensureIndexes, guarded, insertReportingDuplicates } from './client';

type EventDoc = Omit<AuditEvent, 'id'> & { _id: string };

export class MongoAuditStore implements AuditStore {
  private readonly collection: Collection<EventDoc>;

  constructor(
    private readonly client: MongoClient,
    dbName: string,
  ) {
    this.collection = client.db(dbName).collection<EventDoc>('audit_events');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { time: -1 }, name: 'by_time' },
      { key: { enterprises: 1, time: -1 }, name: 'by_enterprise' },
      { key: { agency: 1, time: -1 }, name: 'by_agency' },
      { key: { subject: 1, time: -1 }, name: 'by_subject' },
    ]);
  }

  append(events: readonly AuditEvent[]): Promise<void> {
    return guarded(
      async () =>
        void (await insertReportingDuplicates(
          this.collection,
          events.map(({ id, ...e }) => ({ _id: id, ...e })),
        )),
    );
  }

  find(q: AuditQuery): Promise<AuditEvent[]> {
    const filter: Record<string, unknown> = {};
    if (q.enterprise !== undefined) filter.enterprises = q.enterprise;
    if (q.agency !== undefined) filter.agency = q.agency;
    if (q.subject !== undefined) filter.subject = q.subject;
    if (q.operationName !== undefined) filter.operationName = q.operationName;
    if (q.tenderRef !== undefined) filter['bidderCheck.tenderRef'] = q.tenderRef;
    if (q.memberQueries) {
      filter.roles = { $in: ['credit-member', 'credit-admin'] };
      filter.operationType = 'query';
      filter.purpose = { $ne: null };
      filter.outcome = { $ne: 'ERROR' };
      filter.refusal = { $exists: false };
      filter.report = { $exists: false };
    }
    if (q.reportsIssued) {
      filter['report.action'] = 'ISSUED';
      filter.outcome = { $ne: 'ERROR' };
    }
    if (q.from !== undefined || q.to !== undefined) filter.time = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
    return guarded(async () =>
      (
        await this.collection
          .find(filter as Filter<EventDoc>)
          .sort({ time: -1 })
          .limit(q.limit)
          .toArray()
      ).map(({ _id, ...e }) => ({ ...e, id: _id })),
    );
  }

  ping(): Promise<boolean> {
    return guarded(async () => {
      await this.client.db('admin').command({ ping: 1 });
      return true;
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
