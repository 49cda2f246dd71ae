// The register of issued credit reports in MongoDB: keyed by number, unique by PDF hash, only
// ever inserted (give the gateway's user the `insert` and `find` actions on the collection only).
import { Binary, type Collection, type MongoClient } from 'mongodb';
import type { IssuedReport, ReportRegistry } from '../port';
import { ensureIndexes, guarded } from './client';

type ReportDoc = Omit<IssuedReport, 'number'> & { _id: string; pdf: Binary | null };

const DUPLICATE_KEY = 11000;
const WITHOUT_PDF = { projection: { pdf: 0 } } as const;

const fromDoc = ({ _id, ...doc }: Omit<ReportDoc, 'pdf'>): IssuedReport => ({ ...doc, number: _id });

export class MongoReportRegistry implements ReportRegistry {
  private readonly collection: Collection<ReportDoc>;

  constructor(
    private readonly client: MongoClient,
    dbName: string,
  ) {
    this.collection = client.db(dbName).collection<ReportDoc>('issued_reports');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, [
      { key: { pdfSha256: 1 }, name: 'by_hash', unique: true },
      { key: { uscc: 1, issuedAt: -1 }, name: 'by_enterprise' },
    ]);
  }

  register({ number, ...report }: IssuedReport, pdf: Buffer | null): Promise<boolean> {
    return guarded(async () => {
      try {
        await this.collection.insertOne({ _id: number, ...report, pdf: pdf ? new Binary(pdf) : null });
        return true;
      } catch (err) {
        if ((err as { code?: unknown }).code === DUPLICATE_KEY) return false;
        throw err;
      }
    });
  }

  find(number: string): Promise<IssuedReport | undefined> {
    return guarded(async () => {
      const doc = await this.collection.findOne({ _id: number }, WITHOUT_PDF);
      return doc ? fromDoc(doc) : undefined;
    });
  }

  findByHash(pdfSha256: string): Promise<IssuedReport | undefined> {
    return guarded(async () => {
      const doc = await this.collection.findOne({ pdfSha256 }, WITHOUT_PDF);
      return doc ? fromDoc(doc) : undefined;
    });
  }

  pdf(number: string): Promise<Buffer | undefined> {
    return guarded(async () => {
      const doc = await this.collection.findOne({ _id: number }, { projection: { pdf: 1 } });
      return doc?.pdf ? Buffer.from(doc.pdf.buffer) : undefined;
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
