// One open item per record without a partial unique index (FerretDB v1 has none): a marker keyed
// by record id is taken before the item is written and released when it is decided. A marker
// whose item does not hold the place (never written: a filing that stopped half-way; or decided,
// the release cut off) is cleared by the next filing. The item is written right after the marker,
// its files after it, so a slow upload never makes a live marker look abandoned.
import type { Collection, Db, Document } from 'mongodb';

const DUPLICATE_KEY = 11000;

export class OpenMarker {
  private readonly markers: Collection<Document & { _id: string }>;

  /** `field`: the marker's field naming the item; `holds`: whether the item it names is written and still open. */
  constructor(
    db: Db,
    collection: string,
    private readonly field: string,
    private readonly holds: (itemId: string) => Promise<boolean>,
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
        if (typeof held === 'string' && !(await this.holds(held))) await this.markers.deleteOne({ _id: recordId, [this.field]: held });
        else return false;
      }
    }
    return false;
  }

  async release(recordId: string, itemId: string): Promise<void> {
    await this.markers.deleteOne({ _id: recordId, [this.field]: itemId });
  }
}
