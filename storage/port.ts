// The storage port: what the subgraphs, the submission pipeline and the audit trail need from a
// database, and nothing of how a database does it. Adapters (storage/postgres, storage/mongodb)
// implement it; no other code imports a database driver.
import type { AuditEvent } from '../gateway/audit/audit-event';

/** One indicator record of one enterprise (or natural person), as stored. */
export interface StoredRecord {
  /** Derived from the natural key (see recordId), so resubmission updates in place. */
  id: string;
  /** Enterprise the record is about; null for a natural person (AD08). */
  uscc: string | null;
  ind: string;
  agency: string;
  agencyRegion: string;
  receivedAt: Date;
  /** The spec's attributes; a read may hold only the attributes it asked for. */
  data: Record<string, unknown>;
  /** Keyed hash of a natural person's ID number (legal representatives, AD08 entries about persons). */
  personHash?: string;
  /** Date credit repair (信用修复) took effect for an adverse record. */
  repairedOn?: string;
  /** Reasonableness warnings found when it was stored (e.g. R05); the record was accepted. */
  warnings?: { rule: string; field: string | null; message: string }[];
}

export type NewRecord = Omit<StoredRecord, 'id' | 'receivedAt'> & { naturalKey: readonly unknown[] };

export interface IndicatorCount {
  uscc: string;
  ind: string;
  count: number;
}

export interface RecordStore {
  /** Records of these enterprises and indicators in one round trip, with only `fields` of their data. */
  findFor(usccs: readonly string[], indicators: readonly string[], fields: readonly string[]): Promise<StoredRecord[]>;
  /** Records of one indicator about (or naming) natural persons, by keyed ID hash. */
  findForPersons(hashes: readonly string[], indicator: string): Promise<StoredRecord[]>;
  findByIds(ids: readonly string[]): Promise<StoredRecord[]>;
  /** Records of one indicator in id order, after `afterId`: a whole-table walk, for daily jobs. */
  scan(indicator: string, afterId: string | null, limit: number): Promise<StoredRecord[]>;
  /** Record counts per enterprise and indicator, counted by the database. */
  countFor(usccs: readonly string[]): Promise<IndicatorCount[]>;
  /** Inserts records; answers the ids already stored, which were left as they are. */
  insertNew(records: readonly NewRecord[], receivedAt: Date): Promise<string[]>;
  /** Inserts or replaces records by id. */
  upsertMany(records: readonly NewRecord[], receivedAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
  setRepaired(id: string, repairedOn: string): Promise<void>;
}

/** An enterprise registered in the directory (from its ID01 registration). */
export interface EnterpriseEntry {
  uscc: string;
  registrationNo?: string;
  name: string;
  region: string;
}

export type SearchMode = { kind: 'uscc'; code: string } | { kind: 'registrationNo'; code: string } | { kind: 'name'; text: string };

export interface EnterpriseDirectory {
  findByUsccs(usccs: readonly string[]): Promise<EnterpriseEntry[]>;
  findByRegistrationNo(registrationNo: string): Promise<EnterpriseEntry | null>;
  /** One page in code order after `after`; one more than `limit` is fetched to tell if more follow. */
  search(mode: SearchMode, region: string | undefined, after: string | undefined, limit: number): Promise<EnterpriseEntry[]>;
  /** Creates or updates enterprises from their registrations. */
  upsertMany(entries: readonly EnterpriseEntry[]): Promise<void>;
  count(): Promise<number>;
}

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

/** What happened to a record, as watchers are told. */
export type ChangeKind = 'CREATED' | 'CORRECTED' | 'WITHDRAWN' | 'REPAIRED' | 'REGISTERED' | 'REGISTRATION_CHANGED' | 'ENTERED_DISPLAY' | 'LEFT_DISPLAY';

/** One change to one record, written with the change itself (the outbox). */
export interface ChangeEvent {
  readonly id: string;
  readonly at: Date;
  readonly uscc: string;
  readonly ind: string;
  readonly recordId: string;
  readonly change: ChangeKind;
  readonly agency: string;
  readonly agencyRegion: string;
  /** The record's attributes after the change (before it, for a withdrawal). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly repairedOn: string | null;
}

export interface ChangeOutbox {
  append(events: readonly ChangeEvent[]): Promise<void>;
}

/** Where a reader of a change feed stands: opaque to it. */
export type FeedCursor = string;

/** The outbox of one subgraph's database, read in order by the dispatcher. */
export interface ChangeFeed {
  /** Events after `after` (all, from null), oldest first; the cursor to read on from. */
  read(after: FeedCursor | null, limit: number): Promise<{ events: ChangeEvent[]; cursor: FeedCursor | null }>;
  close(): Promise<void>;
}

/** A watch: what a member agency or bidding platform wants to hear of, and where. */
export interface Watch {
  readonly id: string;
  /** Who made it, as their token said then: deliveries show only what they may read. */
  readonly owner: { readonly subject: string; readonly agency: string | null; readonly region: string | null; readonly roles: readonly string[] };
  readonly purpose: string | null;
  readonly name: string | null;
  /** Webhook URL; null for a watch read through the pull feed only. */
  readonly endpoint: string | null;
  readonly secret: string | null;
  /** Every enterprise of this region, besides those listed. */
  readonly region: string | null;
  /** Only these indicators (null: all). */
  readonly indicators: readonly string[] | null;
  readonly paused: boolean;
  readonly createdAt: Date;
}

/** FEED: a watch without an endpoint; WITHHELD: its owner may no longer read the record, so it was not sent. */
export type WatchEventStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'FEED' | 'WITHHELD';

/** A change event as one watch matched it: its place in the watch's feed and its delivery state. */
export interface WatchEvent {
  readonly watchId: string;
  readonly seq: string;
  readonly event: ChangeEvent;
  readonly status: WatchEventStatus;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date | null;
  readonly lastError: string | null;
}

export interface DeliveryAttempt {
  readonly watchId: string;
  readonly eventId: string;
  readonly at: Date;
  /** HTTP status, or null when no answer came. */
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface MonitoringStore {
  createWatch(watch: Watch, usccs: readonly string[]): Promise<void>;
  /** A live (not deleted) watch. */
  findWatch(id: string): Promise<Watch | undefined>;
  /** Live watches, of one owner or (null) of all. */
  listWatches(ownerSubject: string | null): Promise<Watch[]>;
  updateWatch(id: string, change: { paused?: boolean; secret?: string; deleted?: boolean }): Promise<void>;
  enterpriseCount(watchId: string): Promise<number>;
  /** How many of `usccs` the watch lists already. */
  countListed(watchId: string, usccs: readonly string[]): Promise<number>;
  addEnterprises(watchId: string, usccs: readonly string[]): Promise<void>;
  removeEnterprises(watchId: string, usccs: readonly string[]): Promise<void>;
  /** Live watches that list any of `usccs` or watch any of `regions`. */
  watchesFor(usccs: readonly string[], regions: readonly string[]): Promise<{ watch: Watch; uscc: string | null }[]>;
  /** Where the dispatcher stands in one outbox. */
  position(source: string): Promise<string | null>;
  /** Appends matched events (each once per watch) and moves the outbox position, together. */
  ingest(source: string, cursor: string | null, matched: readonly { watchId: string; event: ChangeEvent; status: WatchEventStatus }[], at: Date): Promise<void>;
  /** The oldest pending event of each watched enterprise, where it is due (events of an enterprise go in order). */
  dueDeliveries(now: Date, limit: number): Promise<WatchEvent[]>;
  settle(
    results: readonly { watchId: string; seq: string; status: WatchEventStatus; attempts: number; nextAttemptAt: Date | null; error: string | null }[],
    attempts: readonly DeliveryAttempt[],
  ): Promise<void>;
  /** A watch's events after `afterSeq`, oldest first: the pull feed. */
  feed(watchId: string, afterSeq: string | null, first: number): Promise<WatchEvent[]>;
  deadLetters(watchId: string, first: number): Promise<WatchEvent[]>;
  /** Queues the dead letters again, with a fresh day of retries; answers how many. */
  replayDeadLetters(watchId: string, now: Date): Promise<number>;
  deliveryLog(watchId: string, first: number): Promise<DeliveryAttempt[]>;
  /**
   * Becomes the one dispatcher of this deployment, or answers null while another holds that role.
   * The role ends with release() or with the process (its database session).
   */
  tryDispatcherRole(): Promise<{ release(): Promise<void> } | null>;
  close(): Promise<void>;
}

/** What one subgraph's database holds. The directory is the identity subgraph's alone. */
export interface SubgraphStores {
  readonly records: RecordStore;
  readonly submissions: SubmissionStore;
  readonly directory: EnterpriseDirectory;
  /** Changes to records, for the agencies that watch them. */
  readonly outbox: ChangeOutbox;
}

export interface SubgraphStorage extends SubgraphStores {
  /**
   * Runs `work` so that its writes land together or not at all (PostgreSQL: one transaction).
   * MongoDB runs it without a transaction: every write is keyed, so a retry completes it.
   */
  transaction<T>(work: (stores: SubgraphStores) => Promise<T>): Promise<T>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
  /** Statements (or commands) sent since `reset()`: how tests and benchmarks count round trips. */
  readonly statements: { readonly count: number; reset(): void };
  close(): Promise<void>;
}

export interface AuditQuery {
  enterprise?: string;
  agency?: string;
  subject?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Events of one operation name, newest first. */
  operationName?: string;
  tenderRef?: string;
  /**
   * Only queries of member data by a member agency or the credit administration, with a purpose,
   * answered at least in part (the printed query record's definition), so that no other event can
   * crowd them out of `limit`.
   */
  memberQueries?: boolean;
}

export interface AuditStore {
  /** Appends events; an event already stored (same id) is left as it is, so a retried batch never doubles one. */
  append(events: readonly AuditEvent[]): Promise<void>;
  /** Newest first. */
  find(query: AuditQuery): Promise<AuditEvent[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A credit report as issued: its register entry (the PDF is kept for a signed-in requester to download). */
export interface IssuedReport {
  readonly number: string;
  readonly issuedAt: Date;
  readonly uscc: string;
  readonly version: 'PUBLIC' | 'MEMBER' | 'FULL';
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

/**
 * A database failure (unreachable, timed out, refused). The error formatter turns it into
 * SERVICE_UNAVAILABLE; its cause is for logs only.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('credit database is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
