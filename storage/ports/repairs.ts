// Repair applications (信用修复申请): the enterprise asks the unit that decided an adverse record
// to end its public display early, with evidence of correction and a credit commitment.
import type { EvidenceFile, EvidenceSummary } from './objections';

/** PENDING until the deciding unit answers: APPROVED (the record is repaired) or REFUSED (with reasons; a new application may follow). */
export type RepairStatus = 'PENDING' | 'APPROVED' | 'REFUSED';

export interface RepairApplication {
  readonly id: string;
  readonly recordId: string;
  readonly uscc: string;
  readonly ind: string;
  /** The unit that decided the record and decides the application (谁认定、谁修复). */
  readonly owner: { readonly agency: string; readonly region: string };
  /** The token subject of the enterprise account that applied. */
  readonly applicant: string;
  /** What the enterprise did to correct the act and fulfil its obligations. */
  readonly measures: string;
  readonly evidence: readonly EvidenceSummary[];
  /** The credit commitment made with the application (a precondition of repair). */
  readonly commitmentId: string;
  readonly filedAt: Date;
  readonly dueAt: Date;
  readonly status: RepairStatus;
  readonly decision: { readonly reasons: string; readonly by: string; readonly at: Date } | null;
}

export interface RepairStore {
  /** Files an application with its evidence; null when the record already has a PENDING one (nothing is stored). */
  apply(application: RepairApplication, files: readonly EvidenceFile[]): Promise<RepairApplication | null>;
  /** The newest application of each of these records, if any. */
  latestFor(recordIds: readonly string[]): Promise<RepairApplication[]>;
  findById(id: string): Promise<RepairApplication | null>;
  /** A unit's applications (PENDING ones first by due date, then the decided, newest first), at most `limit`; null owner: every unit's. */
  queue(owner: { readonly agency: string; readonly region: string } | null, status: RepairStatus | null, limit: number): Promise<RepairApplication[]>;
  /** Decides a PENDING application; null when it is not PENDING (nothing changes). */
  decide(id: string, status: Exclude<RepairStatus, 'PENDING'>, decision: { reasons: string; by: string; at: Date }): Promise<RepairApplication | null>;
  /** One evidence file of an application (0-based), or null. */
  evidence(applicationId: string, index: number): Promise<EvidenceFile | null>;
}
