// What the submission pipeline keeps: batches, their reports, quarantined records, record history.
import type { StoredRecord } from './records';

export interface RuleFailureEntry {
  readonly rule: string;
  readonly field: string | null;
  readonly message: string;
}

export interface SubmissionReport {
  readonly batchId: string;
  readonly indicator: string;
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejections: (RuleFailureEntry & { readonly index: number })[];
  /** Accepted records that broke a rule kept as a warning (R05); the warning is stored with them. */
  readonly warnings: (RuleFailureEntry & { readonly index: number })[];
  /** Ids of the stored records, in submission order. */
  readonly acceptedIds: string[];
  readonly receivedAt: Date;
}

export interface BatchEntry {
  /** The submitting unit (agency and region) and its batch id. */
  key: string;
  agency: string;
  agencyRegion: string;
  subject: string | null;
  /** SHA-256 of the indicator and records as received: a batch id re-sent with other records is refused. */
  contentHash: string | null;
  report: SubmissionReport;
}

export interface QuarantineEntry {
  batchKey: string;
  indicator: string;
  agency: string;
  index: number;
  /** The record as received, as JSON text: any key (even one starting with $) is kept. */
  record: string;
  reasons: RuleFailureEntry[];
  receivedAt: Date;
}

export type RecordChangeKind = 'CORRECTED' | 'WITHDRAWN' | 'REPAIRED';

export interface HistoryEntry {
  /** Unique per version: the record id and when that version was replaced or received. */
  id: string;
  recordId: string;
  replacedAt: Date;
  /** The batch that replaced it, or the change made by its agency. */
  batchKey: string;
  change?: RecordChangeKind;
  reason?: string;
  by?: string | null;
  previous: StoredRecord;
}

export interface BatchTotals {
  agency: string;
  indicator: string;
  received: number;
  accepted: number;
  rejected: number;
  /** Rule ids of every rejection, one entry per failure. */
  rules: string[];
}

/** One stored batch as its unit's history lists it. */
export interface BatchSummary {
  /** The batch's key, as saved (`BatchEntry.key`). */
  key: string;
  indicator: string;
  receivedAt: Date;
  received: number;
  accepted: number;
  rejected: number;
}

export interface SubmissionStore {
  findBatch(key: string): Promise<BatchEntry | null>;
  /** The unit's (agency and region) most recent batches, newest first. */
  recentBatches(agency: string, agencyRegion: string, limit: number): Promise<BatchSummary[]>;
  /** Stores a batch's report; a batch already stored is left as it is. */
  saveBatch(batch: BatchEntry): Promise<void>;
  /** Reported batches received in [from, to), optionally of one agency. */
  batchTotals(from: Date, to: Date, agency: string | null): Promise<BatchTotals[]>;
  /** Keeps rejected records; entries already kept (same batch and index) are left as they are. */
  quarantine(entries: readonly QuarantineEntry[]): Promise<void>;
  quarantined(batchKey: string): Promise<QuarantineEntry[]>;
  /** Appends previous versions; a version already kept is left as it is. */
  appendHistory(entries: readonly HistoryEntry[]): Promise<void>;
  historyOf(recordId: string): Promise<HistoryEntry[]>;
}
