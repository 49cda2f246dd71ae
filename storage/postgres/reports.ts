// The register of issued credit reports in PostgreSQL, in the gateway's database: its role may
// INSERT and SELECT on issued_reports and nothing else, so an issued report is never rewritten.
import type { Pool } from 'pg';
import type { IssuedReport, ReportRegistry } from '../port';
import { Sql } from './connection';
import { forgetPool, watchPool } from '../../platform/metrics';

interface Row {
  number: string;
  issued_at: Date;
  uscc: string;
  version: IssuedReport['version'];
  subject: string | null;
  agency: string | null;
  purpose: string | null;
  pdf_sha256: string;
  attestation: unknown;
}

const COLUMNS = 'number, issued_at, uscc, version, subject, agency, purpose, pdf_sha256, attestation';

const fromRow = (r: Row): IssuedReport => ({
  number: r.number,
  issuedAt: r.issued_at,
  uscc: r.uscc,
  version: r.version,
  subject: r.subject,
  agency: r.agency,
  purpose: r.purpose,
  pdfSha256: r.pdf_sha256,
  attestation: JSON.stringify(r.attestation),
});

export class PgReportRegistry implements ReportRegistry {
  private readonly sql: Sql;

  constructor(
    private readonly pool: Pool,
    private readonly database: string,
  ) {
    this.sql = new Sql(pool, { count: 0, database });
    watchPool(`${database}:reports`, pool);
  }

  async register(r: IssuedReport, pdf: Buffer | null): Promise<boolean> {
    const inserted = await this.sql.rows(
      `INSERT INTO issued_reports (${COLUMNS}, pdf) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
       ON CONFLICT (number) DO NOTHING RETURNING number`,
      [r.number, r.issuedAt, r.uscc, r.version, r.subject, r.agency, r.purpose, r.pdfSha256, r.attestation, pdf],
    );
    return inserted.length === 1;
  }

  async find(number: string): Promise<IssuedReport | undefined> {
    const [row] = await this.sql.rows<Row>(`SELECT ${COLUMNS} FROM issued_reports WHERE number = $1`, [number]);
    return row ? fromRow(row) : undefined;
  }

  async findByHash(pdfSha256: string): Promise<IssuedReport | undefined> {
    const [row] = await this.sql.rows<Row>(`SELECT ${COLUMNS} FROM issued_reports WHERE pdf_sha256 = $1`, [pdfSha256]);
    return row ? fromRow(row) : undefined;
  }

  async pdf(number: string): Promise<Buffer | undefined> {
    const [row] = await this.sql.rows<{ pdf: Buffer | null }>('SELECT pdf FROM issued_reports WHERE number = $1', [number]);
    return row?.pdf ?? undefined;
  }

  private closed: Promise<void> | undefined;

  /** Ends the pool once, however often it is asked (a gateway stopped twice). */
  close(): Promise<void> {
    forgetPool(`${this.database}:reports`);
    this.closed ??= this.pool.end();
    return this.closed;
  }
}
