// What every resolver of a subgraph receives: the verified caller and per-request loaders.
import type { Reader } from '../../auth/access';
import type { Caller } from '../../auth/caller';
import type { QueryPurpose } from '../../auth/purpose';
import { createCountLoader, createPersonRecordLoader, createRecordLoader, type CountLoader, type PersonRecordLoader, type RecordLoader } from './record-loader';
import type { Commitment, Objection, RecordStore, RepairApplication, Statement, SubgraphStorage } from '../../storage/port';
import { StatementService } from '../../subject/statements';
import type DataLoader from 'dataloader';
import { ObjectionService } from '../../objections/objection-service';
import type { SubmissionService } from '../../submissions/submission-service';
import { RepairService } from '../../repairs/repair-service';
import { CommitmentService } from '../../repairs/commitment-service';
import type { Category } from '../../schema/catalogue';
import type { RequestIdentity } from './subgraph-server';
import { todayIso } from '../../schema/today';

export interface SubgraphContext extends Reader {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  /** The caller's verified Authorization header, for calls made on its behalf. */
  readonly authorization?: string;
  readonly records: RecordLoader;
  readonly personRecords: PersonRecordLoader;
  readonly counts: CountLoader;
  /** The subgraph's submission pipeline (shared, stateless between requests). */
  readonly submissions: SubmissionService;
  /** Today's date (ISO), fixed for the request so every rule sees the same day. */
  readonly today: string;
  /** Objections to this subgraph's records (shared), and the newest objection of each record read in this request. */
  readonly objections: ObjectionService;
  readonly objectionOf: DataLoader<string, Objection | null>;
  /** The enterprise's statement on each record read in this request (adverse records). */
  readonly statements: StatementService;
  readonly statementOf: DataLoader<string, Statement | null>;
  /** Repair applications for this subgraph's (adverse) records, and the newest of each record read. */
  readonly repairs: RepairService;
  readonly repairOf: DataLoader<string, RepairApplication | null>;
  /** Enterprises' credit commitments, and those of each enterprise read. */
  readonly commitments: CommitmentService;
  readonly commitmentsOf: DataLoader<string, Commitment[]>;
}

/** The services a subgraph's requests share (stateless between requests). */
export interface SubgraphServices {
  readonly submissions: SubmissionService;
  readonly objections: ObjectionService;
  readonly statements: StatementService;
  readonly repairs: RepairService;
  readonly commitments: CommitmentService;
}

/** `objectionDays`: the objection period in calendar days (OBJECTION_DAYS). */
export function subgraphServices(storage: SubgraphStorage, category: Category, submissions: SubmissionService, objectionDays?: number): SubgraphServices {
  return {
    submissions,
    objections: new ObjectionService(storage, category, objectionDays),
    statements: new StatementService(storage),
    repairs: new RepairService(storage),
    commitments: new CommitmentService(storage),
  };
}

/** Loaders are built per request so that no cached record outlives the caller it was read for. */
export function createSubgraphContext(request: RequestIdentity, store: RecordStore, services: SubgraphServices): SubgraphContext {
  const { submissions, objections, statements, repairs, commitments } = services;
  return {
    caller: request.caller,
    purpose: request.purpose,
    authorization: request.authorization,
    today: todayIso(),
    records: createRecordLoader(store),
    personRecords: createPersonRecordLoader(store),
    counts: createCountLoader(store),
    submissions,
    objections,
    objectionOf: objections.loader(),
    statements,
    statementOf: statements.loader(),
    repairs,
    repairOf: repairs.loader(),
    commitments,
    commitmentsOf: commitments.loader(),
  };
}
