// Identity subgraph context: the common one plus a per-request enterprise loader.
import DataLoader from 'dataloader';
import type { Caller } from '../../auth/caller';
import type { QueryPurpose } from '../../auth/purpose';
import { createSubgraphContext, type SubgraphContext } from '../common/context';
import type { RecordStore } from '../common/record-store';
import type { EnterpriseDirectory, EnterpriseDoc } from './enterprise-directory';

export interface IdentityContext extends SubgraphContext {
  readonly directory: EnterpriseDirectory;
  readonly enterprises: DataLoader<string, EnterpriseDoc | null>;
}

export function createIdentityContext(caller: Caller, purpose: QueryPurpose | undefined, directory: EnterpriseDirectory, store: RecordStore): IdentityContext {
  return {
    ...createSubgraphContext(caller, purpose, store),
    directory,
    enterprises: new DataLoader<string, EnterpriseDoc | null>(
      async (usccs) => {
        const found = new Map((await directory.findByUsccs(usccs)).map((d) => [d._id, d]));
        return usccs.map((u) => found.get(u) ?? null);
      },
      { maxBatchSize: 1000 },
    ),
  };
}
