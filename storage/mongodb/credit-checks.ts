// Credit checks in MongoDB: one document per check (`_id` its id), one per feedback (`_id` check, subject and measure).
import type { Collection, Db } from 'mongodb';
import type { CheckFeedback, CreditCheckStore, FeedbackSummaryRow, StoredCheck } from '../port';
import { measuresFound } from '../check-counts';
import { ensureIndexes, guarded, ONE_BATCH } from './client';

type CheckDoc = Omit<StoredCheck, 'id'> & { _id: string; measuresFound: number };
type FeedbackDoc = CheckFeedback & { _id: string };
const DUPLICATE_KEY = 11000;

export class MongoCreditCheckStore implements CreditCheckStore {
  private readonly checks: Collection<CheckDoc>;
  private readonly feedback: Collection<FeedbackDoc>;

  constructor(db: Db) {
    this.checks = db.collection<CheckDoc>('credit_checks');
    this.feedback = db.collection<FeedbackDoc>('check_feedback');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.checks, [{ key: { checkedAt: 1 }, name: 'by_time' }]);
    await ensureIndexes(this.feedback, [{ key: { checkId: 1 }, name: 'by_check' }]);
  }

  save(c: StoredCheck): Promise<void> {
    const { id, ...rest } = c;
    return guarded(async () => {
      try {
        await this.checks.insertOne({ ...rest, _id: id, measuresFound: measuresFound(c) });
      } catch (err) {
        // saved before (a retry): the first one stands
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      }
    });
  }

  findById(id: string): Promise<StoredCheck | null> {
    return guarded(async () => {
      const doc = await this.checks.findOne({ _id: id });
      if (!doc) return null;
      const { _id, measuresFound: _found, ...rest } = doc;
      return { ...rest, id: _id };
    });
  }

  recordFeedback(f: CheckFeedback): Promise<void> {
    return guarded(async () => void (await this.feedback.replaceOne({ _id: `${f.checkId}|${f.uscc}|${f.measure}` }, f, { upsert: true })));
  }

  feedbackOf(checkId: string): Promise<CheckFeedback[]> {
    return guarded(async () => (await this.feedback.find({ checkId }, { batchSize: ONE_BATCH }).sort({ uscc: 1, measure: 1 }).toArray()).map(({ _id, ...f }) => f));
  }

  feedbackSummary(from: Date, to: Date, overdueBefore: Date): Promise<FeedbackSummaryRow[]> {
    return guarded(async () => {
      const checks = await this.checks.find({ checkedAt: { $gte: from, $lt: to } }, { projection: { agency: 1, scenario: 1, checkedAt: 1, measuresFound: 1 }, batchSize: ONE_BATCH }).toArray();
      const counts = new Map<string, number>();
      const ids = checks.map((c) => c._id);
      for (let i = 0; i < ids.length; i += 1000) {
        for (const f of await this.feedback.find({ checkId: { $in: ids.slice(i, i + 1000) } }, { projection: { checkId: 1 }, batchSize: ONE_BATCH }).toArray()) {
          counts.set(f.checkId, (counts.get(f.checkId) ?? 0) + 1);
        }
      }
      const rows = new Map<string, FeedbackSummaryRow>();
      for (const c of checks) {
        const key = `${c.agency ?? ''}|${c.scenario}`;
        const row = rows.get(key) ?? { agency: c.agency, scenario: c.scenario, checks: 0, measuresFound: 0, fedBack: 0, overdue: 0 };
        const fed = counts.get(c._id) ?? 0;
        rows.set(key, {
          ...row,
          checks: row.checks + 1,
          measuresFound: row.measuresFound + c.measuresFound,
          fedBack: row.fedBack + fed,
          overdue: row.overdue + (c.checkedAt < overdueBefore ? Math.max(c.measuresFound - fed, 0) : 0),
        });
      }
      return [...rows.values()].sort((a, b) => (a.agency ?? '').localeCompare(b.agency ?? '') || a.scenario.localeCompare(b.scenario));
    });
  }
}
