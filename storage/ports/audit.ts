// The audit trail: one event per disclosure, appended, never changed.

/** One disclosure: who asked, why, about which enterprises, for which indicators, what came of it and how long it took. */
export interface AuditEvent {
  readonly id: string;
  readonly time: Date;
  readonly subject: string | null;
  readonly client: string | null;
  readonly username: string | null;
  readonly agency: string | null;
  readonly region: string | null;
  readonly roles: string[];
  readonly clientAddress: string | null;
  readonly operationName: string | null;
  readonly operationType: string | null;
  /** SHA-256 of the query text: identifies the document without storing it. */
  readonly documentHash: string | null;
  readonly enterprises: string[];
  readonly indicators: string[];
  readonly purpose: string | null;
  readonly outcome: 'OK' | 'PARTIAL' | 'ERROR';
  /** Paths refused by access rules, with their code. */
  readonly refused: { path: string; code: string }[];
  readonly errorCodes: string[];
  readonly durationMs: number;
  /** A request refused before any operation ran: its status and route; refusals of the same address not written since the last one. */
  readonly refusal?: { status: number; path: string; method: string; suppressedBefore?: number };
  /** A credit report issued or verified. */
  readonly report?: { number: string; action: 'ISSUED' | 'VERIFIED' | 'DOWNLOADED'; version?: string; genuine?: boolean; reason?: string };
  /** A change event delivered to a watch's endpoint. */
  readonly delivery?: { watchId: string; eventId: string; host: string };
  /** For a bidder check: the tender it was for and the verdicts returned. */
  readonly bidderCheck?: { tenderRef: string | null; bidDate: string | null; verdicts: { uscc: string; verdict: string | null }[] };
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
  /** Only the issue of credit reports (not their verification or download). */
  reportsIssued?: boolean;
}

export interface AuditStore {
  /** Appends events; an event already stored (same id) is left as it is, so a retried batch never doubles one. */
  append(events: readonly AuditEvent[]): Promise<void>;
  /** Newest first. */
  find(query: AuditQuery): Promise<AuditEvent[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
