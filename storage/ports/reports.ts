// The register of issued credit reports.

/** A credit report as issued: its register entry (the PDF is kept for a signed-in requester to download). */
export interface IssuedReport {
  readonly number: string;
  readonly issuedAt: Date;
  readonly uscc: string;
  readonly version: 'PUBLIC' | 'MEMBER' | 'FULL' | 'SUBJECT' | 'SPECIAL' | 'CHECK';
  /** Token subject of the requester (null: anonymous). */
  readonly subject: string | null;
  readonly agency: string | null;
  readonly purpose: string | null;
  readonly pdfSha256: string;
  /** The signed statement of the report's facts (gateway/reports/signing.ts), as JSON. */
  readonly attestation: string;
}

/** The register of issued reports: entries are only ever added. */
export interface ReportRegistry {
  /** Adds a report, with its PDF or null (an anonymous caller's, not kept); false when its number is taken (the caller draws another). */
  register(report: IssuedReport, pdf: Buffer | null): Promise<boolean>;
  find(number: string): Promise<IssuedReport | undefined>;
  /** The report whose PDF has this SHA-256, if any. */
  findByHash(pdfSha256: string): Promise<IssuedReport | undefined>;
  pdf(number: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}
