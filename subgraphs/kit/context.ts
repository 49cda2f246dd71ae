// What every resolver of a subgraph receives: the verified caller and per-request loaders.
import type { Reader } from '../../auth/access';
import type { Caller } from '../../auth/caller';
import type { QueryPurpose } from '../../auth/purpose';
import { createCountLoader, createPersonRecordLoader, createRecordLoader, type CountLoader, type PersonRecordLoader, type RecordLoader } from './record-loader';
import type { Objection, RecordStore, Statement } from '../../storage/port';
import type { StatementService } from '../../subject/statements';
import type DataLoader from 'dataloader';
import type { ObjectionService } from '../../objections/objection-service';
import type { SubmissionService } from '../../submissions/submission-service';
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
}

/** Loaders are built per request so that no cached record outlives the caller it was read for. */
export function createSubgraphContext(request: RequestIdentity, store: RecordStore, submissions: SubmissionService, objections: ObjectionService, statements: StatementService): SubgraphContext {
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
  };
}
