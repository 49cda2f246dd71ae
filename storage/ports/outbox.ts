// Every change to a record, written with the change (the outbox), and the feed the dispatcher reads.

/** What happened to a record, as watchers are told. */
export type ChangeKind =
  | 'CREATED'
  | 'CORRECTED'
  | 'WITHDRAWN'
  | 'REPAIRED'
  | 'REGISTERED'
  | 'REGISTRATION_CHANGED'
  | 'ENTERED_DISPLAY'
  | 'LEFT_DISPLAY'
  | 'OBJECTION_FILED'
  | 'OBJECTION_DECIDED'
  | 'OBJECTION_OVERDUE'
  | 'REPAIR_APPLIED'
  | 'REPAIR_REFUSED';

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
