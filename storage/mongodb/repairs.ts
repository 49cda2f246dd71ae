// Repair applications in MongoDB: `repair_applications` (one document each), `repair_evidence`
// (one per file), and `pending_repairs`, the markers that keep one PENDING application per record.
import type { Collection, Db } from 'mongodb';
import type { EvidenceFile, RepairApplication, RepairStatus, RepairStore } from '../port';
import { ensureIndexes, guarded, ONE_BATCH } from './client';
import { OpenMarker } from './open-marker';
import { openFirst } from './queue';
import { EvidenceFiles } from './evidence-files';

type ApplicationDoc = Omit<RepairApplication, 'id'> & { _id: string };

const fromDoc = ({ _id, ...rest }: ApplicationDoc): RepairApplication => ({ ...rest, id: _id });

export class MongoRepairStore implements RepairStore {
  private readonly applications: Collection<ApplicationDoc>;
  private readonly pending: OpenMarker;
  private readonly files: EvidenceFiles;

  constructor(db: Db) {
    this.applications = db.collection<ApplicationDoc>('repair_applications');
    this.pending = new OpenMarker(db, 'pending_repairs', 'applicationId', async (id) => (await this.applications.findOne({ _id: id }))?.status === 'PENDING');
    this.files = new EvidenceFiles(db, 'repair_evidence', 'applicationId');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.applications, [
      { key: { recordId: 1, filedAt: -1 }, name: 'by_record' },
      { key: { 'owner.agency': 1, 'owner.region': 1, status: 1, dueAt: 1 }, name: 'by_owner' },
    ]);
  }

  apply(a: RepairApplication, files: readonly EvidenceFile[]): Promise<RepairApplication | null> {
    return guarded(async () => {
      if (!(await this.pending.claim(a.recordId, a.id))) return null;
      const { id, ...rest } = a;
      await this.applications.insertOne({ ...rest, _id: id });
      try {
        await this.files.save(a.id, files);
      } catch (err) {
        // a filing whose files did not all land is taken back whole: it would hold the place without its evidence
        await this.applications.deleteOne({ _id: a.id });
        await this.pending.release(a.recordId, a.id);
        throw err;
      }
      return a;
    });
  }

  latestFor(recordIds: readonly string[]): Promise<RepairApplication[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    return guarded(async () => {
      const all = await this.applications
        .find({ recordId: { $in: [...recordIds] } }, { batchSize: ONE_BATCH })
        .sort({ filedAt: -1 })
        .toArray();
      const latest = new Map<string, RepairApplication>();
      for (const doc of all) if (!latest.has(doc.recordId)) latest.set(doc.recordId, fromDoc(doc));
      return [...latest.values()];
    });
  }

  findById(id: string): Promise<RepairApplication | null> {
    return guarded(async () => {
      const doc = await this.applications.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    });
  }

  queue(owner: { agency: string; region: string } | null, status: RepairStatus | null, limit: number): Promise<RepairApplication[]> {
    return guarded(async () => {
      const filter = owner ? { 'owner.agency': owner.agency, 'owner.region': owner.region } : {};
      return (await openFirst(this.applications, filter, 'PENDING', status, limit)).map(fromDoc);
    });
  }

  decide(id: string, status: Exclude<RepairStatus, 'PENDING'>, decision: { reasons: string; by: string; at: Date }): Promise<RepairApplication | null> {
    return guarded(async () => {
      const updated = await this.applications.findOneAndUpdate({ _id: id, status: 'PENDING' }, { $set: { status, decision } }, { returnDocument: 'after' });
      if (!updated) return null;
      await this.pending.release(updated.recordId, id);
      return fromDoc(updated);
    });
  }

  evidence(applicationId: string, index: number): Promise<EvidenceFile | null> {
    return guarded(() => this.files.load(applicationId, index));
  }
}
