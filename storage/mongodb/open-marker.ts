// One open item per record without a partial unique index (FerretDB v1 has none): a marker keyed
// by record id is taken before the item is written and released when it is decided. A marker
// whose item never got written (a filing that stopped half-way) is cleared by the next filing.
import type { Collection, Db, Document } from 'mongodb';

const DUPLICATE_KEY = 11000;

export class OpenMarker {
  private readonly markers: Collection<Document & { _id: string }>;

  /** `field`: the marker's field naming the item; `exists`: whether the item it names was written. */
  constructor(
    db: Db,
    collection: string,
    private readonly field: string,
    private readonly exists: (itemId: string) => Promise<boolean>,
  ) {
    this.markers = db.collection(collection);
  }

  /** Takes the record's open place for `itemId`; false when another item holds it. */
  async claim(recordId: string, itemId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.markers.insertOne({ _id: recordId, [this.field]: itemId });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
        const holder = await this.markers.findOne({ _id: recordId });
        const held = holder?.[this.field] as unknown;
        if (typeof held === 'string' && !(await this.exists(held))) await this.markers.deleteOne({ _id: recordId, [this.field]: held });
        else return false;
      }
    }
    return false;
  }

  async release(recordId: string, itemId: string): Promise<void> {
    await this.markers.deleteOne({ _id: recordId, [this.field]: itemId });
  }
}
