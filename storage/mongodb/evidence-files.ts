// Evidence files (objections, repair applications) in a collection of their own, one document per
// file keyed `<owner id>:<n>`, so writing them again is harmless and a file is read only when asked for.
import { Binary, type Collection, type Db } from 'mongodb';
import type { EvidenceFile } from '../port';

type EvidenceDoc = { _id: string; n: number; name: string; contentType: EvidenceFile['contentType']; bytes: Binary } & Record<string, unknown>;

export class EvidenceFiles {
  private readonly files: Collection<EvidenceDoc>;

  /** `owner`: the field naming what the files support. */
  constructor(
    db: Db,
    collection: string,
    private readonly owner: string,
  ) {
    this.files = db.collection<EvidenceDoc>(collection);
  }

  async save(ownerId: string, files: readonly EvidenceFile[]): Promise<void> {
    if (files.length === 0) return;
    await this.files.insertMany(files.map((f, n) => ({ _id: `${ownerId}:${n}`, [this.owner]: ownerId, n, name: f.name, contentType: f.contentType, bytes: new Binary(f.bytes) })));
  }

  /** One file (0-based), or null. */
  async load(ownerId: string, index: number): Promise<EvidenceFile | null> {
    const doc = await this.files.findOne({ _id: `${ownerId}:${index}` });
    return doc ? { name: doc.name, contentType: doc.contentType, bytes: Buffer.from(doc.bytes.buffer) } : null;
  }
}
