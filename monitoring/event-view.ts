// What a watcher is told of a change: only what a query would show it at delivery time, by the
// same catalogue rules as the query surface (indicator and attribute disclosure, the agency that
// submitted the record, masking for members, display windows), checked with its owner's roles
// and the purpose the watch states.
import { mayRead, readAttribute, recordVisible, type Reader } from '../auth/access';
import type { Caller, RealmRole } from '../auth/caller';
import { isQueryPurpose } from '../auth/purpose';
import { isAdmin, isMember, isSubjectOf } from '../auth/policy';
import { indicatorByCode } from '../schema/catalogue';
import { SUPERSEDED_PUBLIC_WINDOWS } from '../schema/display-windows';
import { dayBefore, todayIso } from '../schema/today';
import type { ChangeEvent, Watch } from '../storage/port';

export interface DeliveredEvent {
  readonly id: string;
  readonly watchId: string;
  readonly change: ChangeEvent['change'];
  readonly at: string;
  readonly enterprise: { readonly uscc: string };
  readonly indicator: string;
  readonly recordId: string;
  readonly agency: string;
  readonly repairedOn: string | null;
  /** The attributes the watcher may read; a refused one is absent and named in `refused`. */
  readonly attributes: Record<string, unknown>;
  readonly refused: string[];
}

export function readerOf(watch: Watch): Reader {
  const caller: Caller = {
    anonymous: false,
    subject: watch.owner.subject,
    roles: new Set(watch.owner.roles as RealmRole[]),
    ...(watch.owner.agency ? { agency: watch.owner.agency } : {}),
    ...(watch.owner.region ? { region: watch.owner.region } : {}),
    ...(watch.owner.enterprise && watch.owner.roles.includes('credit-subject') ? { enterprise: watch.owner.enterprise } : {}),
  };
  return { caller, ...(watch.purpose && isQueryPurpose(watch.purpose) ? { purpose: watch.purpose } : {}) };
}

/** The event as `watch` may see it today (China Standard Time), or null when a query would not show the record at all. */
export function viewFor(watch: Watch, event: ChangeEvent, today: string): DeliveredEvent | null {
  const ind = indicatorByCode(event.ind);
  if (!ind) return null;
  const reader = readerOf(watch);
  // an owner who watches only as an enterprise follows its own record, as it is bound now: nothing
  // of another enterprise (re-bound since), and no region watch made with roles it no longer holds
  const asEnterpriseOnly = !isMember(reader.caller) && !reader.caller.roles.has('credit-bidding');
  if (asEnterpriseOnly && (watch.region !== null || !isSubjectOf(reader.caller, event.uscc))) return null;
  if (!mayRead(reader, ind.disclosure, event.agency, event.uscc)) return null;
  // a repair application is shown to members with a purpose, as the record's field is (repairs/graphql.ts)
  if (
    (event.change === 'REPAIR_APPLIED' || event.change === 'REPAIR_REFUSED') &&
    !(isAdmin(reader.caller) || isSubjectOf(reader.caller, event.uscc) || (isMember(reader.caller) && reader.purpose !== undefined))
  )
    return null;
  // A withdrawal or a record leaving display is news only to an audience that could see the record
  // just before: on the day of the withdrawal, or the day before it left display. Anyone else
  // learns nothing of it, not even that it existed.
  const facts = { uscc: event.uscc, data: event.data, ...(event.repairedOn ? { repairedOn: event.repairedOn } : {}) };
  const asOf = event.change === 'WITHDRAWN' ? todayIso(event.at) : event.change === 'LEFT_DISPLAY' ? dayBefore(todayIso(event.at)) : today;
  // a record taken out of display by a change of the rules was shown under the superseded windows
  const sawIt = recordVisible(reader, ind, facts, asOf) || (event.change === 'LEFT_DISPLAY' && recordVisible(reader, ind, facts, asOf, SUPERSEDED_PUBLIC_WINDOWS));
  if (!sawIt) return null;
  // each attribute by the same rule as a query's resolvers
  const attributes: Record<string, unknown> = {};
  const refused: string[] = [];
  for (const attr of ind.attributes) {
    const read = readAttribute(reader, attr, event.data[attr.name] ?? null, event.agency, event.uscc);
    if (read.shown) attributes[attr.name] = read.value;
    else refused.push(attr.name);
  }
  return {
    id: event.id,
    watchId: watch.id,
    change: event.change,
    at: event.at.toISOString(),
    enterprise: { uscc: event.uscc },
    indicator: event.ind,
    recordId: event.recordId,
    agency: event.agency,
    repairedOn: event.repairedOn,
    attributes,
    refused,
  };
}
