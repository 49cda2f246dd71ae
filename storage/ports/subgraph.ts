// What one subgraph's database holds, as one unit of work.
import type { EnterpriseDirectory } from './directory';
import type { ChangeOutbox } from './outbox';
import type { ObjectionStore } from './objections';
import type { StatementStore } from './statements';
import type { RepairStore } from './repairs';
import type { CommitmentStore } from './commitments';
import type { CreditCheckStore } from './credit-checks';
import type { RecordStore } from './records';
import type { SubmissionStore } from './submissions';

/** What one subgraph's database holds. The directory is the identity subgraph's alone. */
export interface SubgraphStores {
  readonly records: RecordStore;
  readonly submissions: SubmissionStore;
  readonly directory: EnterpriseDirectory;
  /** Changes to records, for the agencies that watch them. */
  readonly outbox: ChangeOutbox;
  /** Objections to this database's records. */
  readonly objections: ObjectionStore;
  /** The enterprise's statements on this database's (adverse) records. */
  readonly subjectStatements: StatementStore;
  /** Repair applications for this database's (adverse) records. */
  readonly repairs: RepairStore;
  /** Enterprises' credit commitments (kept beside the repair applications they go with). */
  readonly commitments: CommitmentStore;
  /** Credit checks and their feedback (the identity subgraph's). */
  readonly creditChecks: CreditCheckStore;
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
