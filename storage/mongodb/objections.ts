// Objections in MongoDB: `objections` (one document each), `objection_evidence` (one per file),
// and `open_objections`, the markers that keep one OPEN objection per record (open-marker.ts).
import type { Collection, Db } from 'mongodb';
import type { EvidenceFile, Objection, ObjectionStatus, ObjectionStore, OverdueCount } from '../port';
import { ensureIndexes, guarded, ONE_BATCH } from './client';
import { OpenMarker } from './open-marker';
import { openFirst } from './queue';
import { EvidenceFiles } from './evidence-files';

type ObjectionDoc = Omit<Objection, 'id'> & { _id: string };

const fromDoc = ({ _id, ...rest }: ObjectionDoc): Objection => ({ ...rest, id: _id });

export class MongoObjectionStore implements ObjectionStore {
  private readonly objections: Collection<ObjectionDoc>;
  private readonly open: OpenMarker;
  private readonly files: EvidenceFiles;

  constructor(db: Db) {
    this.objections = db.collection<ObjectionDoc>('objections');
    this.open = new OpenMarker(db, 'open_objections', 'objectionId', async (id) => (await this.objections.findOne({ _id: id }))?.status === 'OPEN');
    this.files = new EvidenceFiles(db, 'objection_evidence', 'objectionId');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.objections, [
      { key: { recordId: 1, filedAt: -1 }, name: 'by_record' },
      { key: { 'owner.agency': 1, 'owner.region': 1, status: 1, dueAt: 1 }, name: 'by_owner' },
      { key: { status: 1, overdue: 1, dueAt: 1 }, name: 'open_by_due' },
    ]);
  }

  file(o: Objection, files: readonly EvidenceFile[]): Promise<Objection | null> {
    return guarded(async () => {
      if (!(await this.open.claim(o.recordId, o.id))) return null;
      const { id, ...rest } = o;
      await this.objections.insertOne({ ...rest, _id: id });
      try {
        await this.files.save(o.id, files);
      } catch (err) {
        // a filing whose files did not all land is taken back whole: it would hold the place without its evidence
        await this.objections.deleteOne({ _id: o.id });
        await this.open.release(o.recordId, o.id);
        throw err;
      }
      return o;
    });
  }

  latestFor(recordIds: readonly string[]): Promise<Objection[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    return guarded(async () => {
      const all = await this.objections
        .find({ recordId: { $in: [...recordIds] } }, { batchSize: ONE_BATCH })
        .sort({ filedAt: -1 })
        .toArray();
      const latest = new Map<string, Objection>();
      for (const doc of all) if (!latest.has(doc.recordId)) latest.set(doc.recordId, fromDoc(doc));
      return [...latest.values()];
    });
  }

  findById(id: string): Promise<Objection | null> {
    return guarded(async () => {
      const doc = await this.objections.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    });
  }

  queue(owner: { agency: string; region: string } | null, status: ObjectionStatus | null, limit: number): Promise<Objection[]> {
    return guarded(async () => {
      const filter = owner ? { 'owner.agency': owner.agency, 'owner.region': owner.region } : {};
      return (await openFirst(this.objections, filter, 'OPEN', status, limit)).map(fromDoc);
    });
  }

  decide(id: string, status: Exclude<ObjectionStatus, 'OPEN'>, decision: { reasons: string; by: string; at: Date }): Promise<Objection | null> {
    return guarded(async () => {
      const updated = await this.objections.findOneAndUpdate({ _id: id, status: 'OPEN' }, { $set: { status, decision } }, { returnDocument: 'after' });
      if (!updated) return null;
      await this.open.release(updated.recordId, id);
      return fromDoc(updated);
    });
  }

  dueBy(at: Date, limit: number): Promise<Objection[]> {
    return guarded(async () =>
      (
        await this.objections
          .find({ status: 'OPEN', overdue: false, dueAt: { $lte: at } })
          .sort({ dueAt: 1 })
          .limit(limit)
          .toArray()
      ).map(fromDoc),
    );
  }

  markOverdue(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return guarded(async () => void (await this.objections.updateMany({ _id: { $in: [...ids] }, status: 'OPEN' }, { $set: { overdue: true } })));
  }

  overdueByUnit(): Promise<OverdueCount[]> {
    return guarded(async () => {
      const late = await this.objections.find({ status: 'OPEN', overdue: true }, { projection: { owner: 1, dueAt: 1 }, batchSize: ONE_BATCH }).toArray();
      const byUnit = new Map<string, OverdueCount>();
      for (const o of late) {
        const key = `${o.owner.agency}|${o.owner.region}`;
        const seen = byUnit.get(key);
        byUnit.set(key, { agency: o.owner.agency, region: o.owner.region, count: (seen?.count ?? 0) + 1, earliestDueAt: seen && seen.earliestDueAt < o.dueAt ? seen.earliestDueAt : o.dueAt });
      }
      return [...byUnit.values()].sort((a, b) => a.agency.localeCompare(b.agency) || a.region.localeCompare(b.region));
    });
  }

  evidence(objectionId: string, index: number): Promise<EvidenceFile | null> {
    return guarded(() => this.files.load(objectionId, index));
  }
}
