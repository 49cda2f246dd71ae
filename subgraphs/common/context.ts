// What every resolver of a subgraph receives: the verified caller and per-request loaders.
import type { Caller } from '../../auth/caller';
import type { RecordLoader } from './record-loader';

export interface SubgraphContext {
  readonly caller: Caller;
  readonly records: RecordLoader;
  /** Today's date (ISO), fixed for the request so every rule sees the same day. */
  readonly today: string;
}
