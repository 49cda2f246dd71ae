// Objections (异议) to stored records: filed by the enterprise the record is about or by a member
// agency, answered by the unit that submitted the record, within a deadline.

/** OPEN until the submitting unit decides: the record corrected, confirmed as it is, or unverifiable (both stay, marked). */
export type ObjectionStatus = 'OPEN' | 'CORRECTED' | 'CONFIRMED' | 'UNVERIFIABLE';

/** An evidence file as filed: its type was checked from its bytes. */
export interface EvidenceFile {
  readonly name: string;
  readonly contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  readonly bytes: Buffer;
}

export interface EvidenceSummary {
  readonly name: string;
  readonly contentType: EvidenceFile['contentType'];
  readonly size: number;
  readonly sha256: string;
}

export interface Objection {
  readonly id: string;
  readonly recordId: string;
  /** The enterprise the record is about (null: a natural person). */
  readonly uscc: string | null;
  readonly ind: string;
  /** The unit that submitted the record and decides the objection. */
  readonly owner: { readonly agency: string; readonly region: string };
  /** Who filed it: the token subject, and the agency when a member agency filed it (null: the enterprise itself). */
  readonly filedBy: { readonly subject: string; readonly agency: string | null };
  readonly grounds: string;
  readonly evidence: readonly EvidenceSummary[];
  readonly filedAt: Date;
  readonly dueAt: Date;
  readonly status: ObjectionStatus;
  /** Past its due date while OPEN: handed to the credit administration. */
  readonly overdue: boolean;
  readonly decision: { readonly reasons: string; readonly by: string; readonly at: Date } | null;
}

export interface OverdueCount {
  readonly agency: string;
  readonly region: string;
  readonly count: number;
  readonly earliestDueAt: Date;
}

export interface ObjectionStore {
  /** Files an objection with its evidence; null when the record already has an OPEN one (nothing is stored). */
  file(objection: Objection, files: readonly EvidenceFile[]): Promise<Objection | null>;
  /** The newest objection of each of these records, if any. */
  latestFor(recordIds: readonly string[]): Promise<Objection[]>;
  findById(id: string): Promise<Objection | null>;
  /** A unit's objections (OPEN ones first by due date, then the decided, newest first), at most `limit`. */
  queue(owner: { readonly agency: string; readonly region: string } | null, status: ObjectionStatus | null, limit: number): Promise<Objection[]>;
  /** Decides an OPEN objection; null when it is not OPEN (already decided: nothing changes). */
  decide(id: string, status: Exclude<ObjectionStatus, 'OPEN'>, decision: { reasons: string; by: string; at: Date }): Promise<Objection | null>;
  /** OPEN objections due by `at` that are not yet marked overdue. */
  dueBy(at: Date, limit: number): Promise<Objection[]>;
  markOverdue(ids: readonly string[]): Promise<void>;
  /** OPEN objections marked overdue, counted per owning unit, with the earliest due date. */
  overdueByUnit(): Promise<OverdueCount[]>;
  /** One evidence file of an objection (0-based), or null. */
  evidence(objectionId: string, index: number): Promise<EvidenceFile | null>;
}
