// What every resolver of a subgraph receives: the verified caller and per-request loaders.
import type { Reader } from '../../auth/access';
import type { Caller } from '../../auth/caller';
import type { QueryPurpose } from '../../auth/purpose';
import { createCountLoader, createPersonRecordLoader, createRecordLoader, type CountLoader, type PersonRecordLoader, type RecordLoader } from './record-loader';
import type { RecordStore } from './record-store';
import { todayIso } from './today';

export interface SubgraphContext extends Reader {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  readonly records: RecordLoader;
  readonly personRecords: PersonRecordLoader;
  readonly counts: CountLoader;
  /** Today's date (ISO), fixed for the request so every rule sees the same day. */
  readonly today: string;
}

/** Loaders are built per request so that no cached record outlives the caller it was read for. */
export function createSubgraphContext(caller: Caller, purpose: QueryPurpose | undefined, store: RecordStore): SubgraphContext {
  return {
    caller,
    purpose,
    today: todayIso(),
    records: createRecordLoader(store),
    personRecords: createPersonRecordLoader(store),
    counts: createCountLoader(store),
  };
}
