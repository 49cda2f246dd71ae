// Batches, quarantine and record history in MongoDB collections, written only by keyed inserts.
import type { Collection, Db } from 'mongodb';
import type { BatchEntry, BatchSummary, BatchTotals, HistoryEntry, QuarantineEntry, SubmissionStore } from '../port';
import { ensureIndexes, guarded, insertReportingDuplicates, ONE_BATCH } from './client';

type BatchDoc = Omit<BatchEntry, 'key'> & { _id: string };
type QuarantineDoc = QuarantineEntry & { _id: string };
type HistoryDoc = Omit<HistoryEntry, 'id'> & { _id: string };

export class MongoSubmissionStore implements SubmissionStore {
  private readonly batches: Collection<BatchDoc>;
  private readonly quarantineDocs: Collection<QuarantineDoc>;
  private readonly history: Collection<HistoryDoc>;

  constructor(db: Db) {
    this.batches = db.collection<BatchDoc>('submission_batches');
    this.quarantineDocs = db.collection<QuarantineDoc>('quarantine');
    this.history = db.collection<HistoryDoc>('record_history');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.quarantineDocs, [{ key: { batchKey: 1, index: 1 }, name: 'by_batch' }]);
    await ensureIndexes(this.history, [{ key: { recordId: 1, replacedAt: -1 }, name: 'by_record' }]);
    await ensureIndexes(this.batches, [
      { key: { 'report.receivedAt': 1 }, name: 'by_time' },
      { key: { agency: 1, agencyRegion: 1, 'report.receivedAt': -1 }, name: 'by_unit_time' },
    ]);
  }

  findBatch(key: string): Promise<BatchEntry | null> {
    return guarded(async () => {
      const doc = await this.batches.findOne({ _id: key });
      if (!doc) return null;
      const { _id, ...rest } = doc;
      return { ...rest, contentHash: rest.contentHash ?? null, key: _id };
    });
  }

  saveBatch({ key, ...batch }: BatchEntry): Promise<void> {
    return guarded(async () => void (await insertReportingDuplicates(this.batches, [{ _id: key, ...batch }])));
  }

  recentBatches(agency: string, agencyRegion: string, limit: number): Promise<BatchSummary[]> {
    return guarded(async () => {
      const docs = await this.batches
        .find({ agency, agencyRegion }, { projection: { 'report.indicator': 1, 'report.receivedAt': 1, 'report.received': 1, 'report.accepted': 1, 'report.rejected': 1 } })
        .sort({ 'report.receivedAt': -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => ({
        key: d._id,
        indicator: d.report.indicator,
        receivedAt: d.report.receivedAt,
        received: d.report.received,
        accepted: d.report.accepted,
        rejected: d.report.rejected,
      }));
    });
  }

  batchTotals(from: Date, to: Date, agency: string | null): Promise<BatchTotals[]> {
    const filter: Record<string, unknown> = { 'report.receivedAt': { $gte: from, $lt: to } };
    if (agency) filter['agency'] = agency;
    return guarded(async () => {
      const docs = await this.batches
        .find(filter, { projection: { agency: 1, 'report.indicator': 1, 'report.received': 1, 'report.accepted': 1, 'report.rejected': 1, 'report.rejections.rule': 1 }, batchSize: ONE_BATCH })
        .toArray();
      return docs.map((d) => ({
        agency: d.agency,
        indicator: d.report.indicator,
        received: d.report.received,
        accepted: d.report.accepted,
        rejected: d.report.rejected,
        rules: d.report.rejections.map((r) => r.rule),
      }));
    });
  }

  quarantine(entries: readonly QuarantineEntry[]): Promise<void> {
    return guarded(
      async () =>
        void (await insertReportingDuplicates(
          this.quarantineDocs,
          entries.map((e) => ({ _id: `${e.batchKey}:${e.index}`, ...e })),
        )),
    );
  }

  quarantined(batchKey: string): Promise<QuarantineEntry[]> {
    return guarded(async () => (await this.quarantineDocs.find({ batchKey }).sort({ index: 1 }).toArray()).map(({ _id, ...e }) => e));
  }

  appendHistory(entries: readonly HistoryEntry[]): Promise<void> {
    return guarded(
      async () =>
        void (await insertReportingDuplicates(
          this.history,
          entries.map(({ id, ...e }) => ({ _id: id, ...e })),
        )),
    );
  }

  historyOf(recordId: string): Promise<HistoryEntry[]> {
    return guarded(async () => (await this.history.find({ recordId }).sort({ replacedAt: -1 }).toArray()).map(({ _id, ...e }) => ({ ...e, id: _id })));
  }
}
