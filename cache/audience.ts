// Who an answer was shaped for: everything the subgraphs' access rules read of a request (signed
// in or not, roles, agency, region, the enterprise a credit subject speaks for, the stated
// purpose). Two requests of one audience get the same answer; anything else gets its own entry.
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';

export function audienceOf(caller: Caller, purpose: QueryPurpose | undefined): string {
  if (caller.anonymous) return 'public';
  return JSON.stringify([[...caller.roles].sort(), caller.agency ?? null, caller.region ?? null, caller.enterprise ?? null, purpose ?? null]);
}
