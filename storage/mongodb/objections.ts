// Objections in MongoDB: `objections` (one document each), `objection_evidence` (one per file),
// and `open_objections`, keyed by record id, which keeps one OPEN objection per record without a
// partial unique index (FerretDB v1 has none). The marker is written first and removed when the
// objection is decided; a marker whose objection never got written is cleared by the next filing.
import { Binary, type Collection, type Db } from 'mongodb';
import type { EvidenceFile, Objection, ObjectionStatus, ObjectionStore } from '../port';
import { ensureIndexes, guarded, ONE_BATCH } from './client';

type ObjectionDoc = Omit<Objection, 'id'> & { _id: string };
interface EvidenceDoc {
  _id: string;
  objectionId: string;
  n: number;
  name: string;
  contentType: EvidenceFile['contentType'];
  bytes: Binary;
}

const fromDoc = ({ _id, ...rest }: ObjectionDoc): Objection => ({ ...rest, id: _id });
const DUPLICATE_KEY = 11000;

export class MongoObjectionStore implements ObjectionStore {
  private readonly objections: Collection<ObjectionDoc>;
  private readonly open: Collection<{ _id: string; objectionId: string }>;
  private readonly files: Collection<EvidenceDoc>;

  constructor(db: Db) {
    this.objections = db.collection<ObjectionDoc>('objections');
    this.open = db.collection('open_objections');
    this.files = db.collection<EvidenceDoc>('objection_evidence');
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
      if (!(await this.claim(o))) return null;
      if (files.length > 0) {
        await this.files.insertMany(files.map((f, n) => ({ _id: `${o.id}:${n}`, objectionId: o.id, n, name: f.name, contentType: f.contentType, bytes: new Binary(f.bytes) })));
      }
      const { id, ...rest } = o;
      await this.objections.insertOne({ ...rest, _id: id });
      return o;
    });
  }

  /** Takes the record's OPEN place; false when another objection holds it. */
  private async claim(o: Objection): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.open.insertOne({ _id: o.recordId, objectionId: o.id });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
        const holder = await this.open.findOne({ _id: o.recordId });
        // a marker left by a filing that stopped half-way is cleared, once
        if (holder && !(await this.objections.findOne({ _id: holder.objectionId }))) await this.open.deleteOne({ _id: o.recordId, objectionId: holder.objectionId });
        else return false;
      }
    }
    return false;
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
      const filter = { ...(owner ? { 'owner.agency': owner.agency, 'owner.region': owner.region } : {}), ...(status ? { status } : {}) };
      const docs = (await this.objections.find(filter, { batchSize: ONE_BATCH }).toArray()).map(fromDoc);
      const open = docs.filter((d) => d.status === 'OPEN').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const decided = docs.filter((d) => d.status !== 'OPEN').sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime());
      return [...open, ...decided].slice(0, limit);
    });
  }

  decide(id: string, status: Exclude<ObjectionStatus, 'OPEN'>, decision: { reasons: string; by: string; at: Date }): Promise<Objection | null> {
    return guarded(async () => {
      const updated = await this.objections.findOneAndUpdate({ _id: id, status: 'OPEN' }, { $set: { status, decision } }, { returnDocument: 'after' });
      if (!updated) return null;
      await this.open.deleteOne({ _id: updated.recordId, objectionId: id });
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

  evidence(objectionId: string, index: number): Promise<EvidenceFile | null> {
    return guarded(async () => {
      const doc = await this.files.findOne({ _id: `${objectionId}:${index}` });
      return doc ? { name: doc.name, contentType: doc.contentType, bytes: Buffer.from(doc.bytes.buffer) } : null;
    });
  }
}
