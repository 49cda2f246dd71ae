// What a stored credit check owes feedback on, as every adapter counts it.
import type { StoredCheck } from './port';

/** Pairs of subject and restriction a check found: what feedback is due on. */
export function measuresFound(check: StoredCheck): number {
  // an enterprise listed twice is one enterprise
  const once = new Map(check.results.map((r) => [r.uscc, r]));
  return [...once.values()].reduce((n, r) => n + r.measures.filter((m) => m.kind === 'RESTRICTION').length, 0);
}
