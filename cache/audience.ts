// Who an answer was shaped for: everything the subgraphs' access rules read of a request (signed
// in or not, roles, agency, region, the enterprise a credit subject speaks for, the stated
// purpose). Two requests of one audience get the same answer; anything else gets its own entry.
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';

/** Worked out once per caller and purpose: the token validator hands out one Caller per token, and every subgraph fetch of a request asks. */
const known = new WeakMap<Caller, Map<QueryPurpose | undefined, string>>();

export function audienceOf(caller: Caller, purpose: QueryPurpose | undefined): string {
  if (caller.anonymous) return 'public';
  let byPurpose = known.get(caller);
  if (!byPurpose) known.set(caller, (byPurpose = new Map<QueryPurpose | undefined, string>()));
  let audience = byPurpose.get(purpose);
  if (audience === undefined) {
    audience = JSON.stringify([[...caller.roles].sort(), caller.agency ?? null, caller.region ?? null, caller.enterprise ?? null, purpose ?? null]);
    byPurpose.set(purpose, audience);
  }
  return audience;
}
