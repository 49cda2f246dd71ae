// The authorization policy: every capability the system grants, decided here and nowhere else.
// The gateway, every subgraph, the REST routes and the submission pipeline ask it; each turns a
// refusal into its own kind of answer (a GraphQL error, an HTTP status). A capability names what
// is done, never where the request came in, so another spelling or another hop meets the same rule.
import { CITY_REGION, type Disclosure, type IndicatorSpec } from '../schema/catalogue';
import type { Caller, RealmRole } from './caller';
import { isVisible } from '../schema/display-windows';
import { todayIso } from '../schema/today';

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN'; readonly reason: string };

const ALLOW: Decision = { allowed: true };
const refuse = (caller: Caller, reason: string): Decision => ({ allowed: false, code: caller.anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN', reason });

export function isAdmin(caller: Caller): boolean {
  return caller.roles.has('credit-admin');
}

export function isMember(caller: Caller): boolean {
  return caller.roles.has('credit-member') || isAdmin(caller);
}

/**
 * A credit subject (信用主体) asking about its own enterprise: it reads its whole record, whatever
 * each indicator's level, without a query purpose. `uscc` is the enterprise the data is about.
 */
export function isSubjectOf(caller: Caller, uscc: string | null | undefined): boolean {
  return caller.roles.has('credit-subject') && caller.enterprise !== undefined && uscc !== null && uscc !== undefined && caller.enterprise === uscc;
}

/** Root fields an anonymous caller may use: what the law makes public (one enterprise, a search, the catalogue). */
export const ANONYMOUS_ROOT_FIELDS: ReadonlySet<string> = new Set(['enterprise', 'searchEnterprises', 'indicatorCatalogue']);

/**
 * Read data at `level`. RESTRICTED data is also open to a member of the agency that submitted
 * that record (`recordAgency`): the agency claim alone opens nothing. Data `about` the caller's
 * own enterprise is open to it as its credit subject.
 */
export function readLevel(caller: Caller, level: Disclosure, recordAgency?: string, about?: string | null): Decision {
  if (isSubjectOf(caller, about)) return ALLOW;
  switch (level) {
    case 'PUBLIC':
      return ALLOW;
    case 'MEMBER':
      return isMember(caller) ? ALLOW : refuse(caller, caller.anonymous ? 'sign in to read it' : 'your roles do not include it');
    case 'RESTRICTED':
      if (isAdmin(caller) || (isMember(caller) && caller.agency !== undefined && caller.agency === recordAgency)) return ALLOW;
      return refuse(caller, caller.anonymous ? 'sign in to read it' : 'your roles do not include it');
  }
}

/** Whether a refused RESTRICTED attribute marked maskedForMembers is shown masked instead. */
export function readMasked(caller: Caller): boolean {
  return isMember(caller);
}

/** Use a root field of the query surface at all (arguments and fields are judged on their own). */
export function useRootField(caller: Caller, field: string): Decision {
  // introspection fields (__schema, __type) have a policy of their own
  if (!caller.anonymous || ANONYMOUS_ROOT_FIELDS.has(field) || field.startsWith('__')) return ALLOW;
  return refuse(caller, `sign in to use ${field}; anonymous callers may use ${[...ANONYMOUS_ROOT_FIELDS].join(', ')}`);
}

/** Follow the link from a record to the natural person it names (same keyed ID hash), at the level the catalogue gives that link. */
export function followPersonLink(caller: Caller, level: Disclosure): Decision {
  const decision = readLevel(caller, level);
  return decision.allowed ? decision : refuse(caller, `following a person to the other records that name them is ${level} data: ${decision.reason}`);
}

/** Check bidders against the joint-punishment rules. */
export function checkBidders(caller: Caller): Decision {
  if (caller.roles.has('credit-bidding') || isMember(caller)) return ALLOW;
  return refuse(caller, caller.anonymous ? 'bidderCheck is for bidding platforms and member agencies: sign in' : 'bidderCheck is for the credit-bidding and credit-member roles');
}

/** Submit records of `indicator`: the submitter role, an agency among its sources, a region. */
export function submitRecords(caller: Caller, indicator: IndicatorSpec): Decision {
  const role = changeRecords(caller, 'submitting records');
  if (!role.allowed) return role;
  if (!caller.agency || !indicator.sources.includes(caller.agency)) {
    return refuse(caller, `agency ${caller.agency ?? '(none)'} is not a source of ${indicator.code}; its sources are ${indicator.sources.join(', ')}`);
  }
  if (!caller.region) return refuse(caller, 'the token names no region: ask the credit administrator to set one');
  return ALLOW;
}

/** Submit, correct, withdraw or repair records at all (which records is `changeRecord`). */
export function changeRecords(caller: Caller, what = 'changing records'): Decision {
  if (caller.anonymous) return refuse(caller, `${what} needs a member agency token`);
  if (!caller.roles.has('credit-submitter')) return refuse(caller, `${what} needs the credit-submitter role`);
  return ALLOW;
}

/** Read the own unit's batch history: a submitter of an agency and region. */
export function readBatchHistory(caller: Caller): Decision {
  const role = changeRecords(caller, 'the batch history');
  if (!role.allowed) return role;
  if (!caller.agency || !caller.region) return refuse(caller, 'the token names no agency and region: ask the credit administrator to set them');
  return ALLOW;
}

/** Change one stored record: it belongs to the unit (agency and region) that submitted it. */
export function changeRecord(caller: Caller, record: { readonly agency: string; readonly agencyRegion: string }): Decision {
  const role = changeRecords(caller);
  if (!role.allowed) return role;
  if (record.agency !== caller.agency || record.agencyRegion !== caller.region) {
    return refuse(caller, `only the submitting unit (${record.agency}, region ${record.agencyRegion}) may change this record`);
  }
  return ALLOW;
}

/** A unit submits about enterprise `uscc`, registered in `region`: a district unit about its own district only. */
export function submitInRegion(unit: { readonly region: string }, uscc: string, region: string): Decision {
  if (unit.region === CITY_REGION || unit.region === region) return ALLOW;
  return { allowed: false, code: 'FORBIDDEN', reason: `enterprise ${uscc} is registered in ${region}, outside your region ${unit.region}` };
}

/** A unit submits about natural persons (AD08 entries): city level only. */
export function submitAboutPersons(unit: { readonly region: string }): Decision {
  return unit.region === CITY_REGION ? ALLOW : { allowed: false, code: 'FORBIDDEN', reason: 'natural persons on the dishonest debtor list are submitted at city level' };
}

/** The subject's own pages (who queried me, its own report): a credit-subject account bound to an enterprise. */
export function readOwnRecord(caller: Caller): Decision {
  if (caller.roles.has('credit-subject') && caller.enterprise !== undefined) return ALLOW;
  if (caller.roles.has('credit-subject')) return refuse(caller, 'your account is not bound to an enterprise: ask the credit administrator to set its unified social credit code');
  return refuse(caller, caller.anonymous ? 'sign in as the enterprise to see its own record' : 'this is for an enterprise signed in as itself (the credit-subject role)');
}

/**
 * Object to a record (异议): the enterprise it is about, signed in as itself; or a member agency
 * that may read the record (its level, with a stated purpose, within the retention period).
 */
export function fileObjection(
  reader: { readonly caller: Caller; readonly purpose?: string },
  record: { readonly uscc: string | null; readonly agency: string; readonly data: Readonly<Record<string, unknown>> },
  ind: IndicatorSpec,
): Decision {
  const { caller } = reader;
  if (isSubjectOf(caller, record.uscc)) return ALLOW;
  if (isMember(caller) && reader.purpose !== undefined && readLevel(caller, ind.disclosure, record.agency).allowed && isVisible('MEMBER', ind, record, todayIso())) return ALLOW;
  return refuse(
    caller,
    caller.anonymous ? 'sign in to object to a record' : 'an objection is filed by the enterprise the record is about (signed in as itself) or by a member agency that may read it, stating a purpose',
  );
}

/** Attach a statement (本人声明) to a record: the enterprise it is about, signed in as itself. */
export function makeStatement(caller: Caller, record: { readonly uscc: string | null }): Decision {
  if (isSubjectOf(caller, record.uscc)) return ALLOW;
  return refuse(caller, caller.anonymous ? 'sign in as the enterprise to make a statement' : 'a statement is made by the enterprise the record is about, signed in as itself');
}

/** Decide an objection: the unit that submitted the record (谁提供、谁核查), with the submitter role. */
export function decideObjection(caller: Caller, owner: { readonly agency: string; readonly region: string }): Decision {
  return changeRecord(caller, { agency: owner.agency, agencyRegion: owner.region });
}

/** See an objection's grounds and evidence: the enterprise itself, the unit that decides it, the credit administration. */
export function readObjectionGrounds(caller: Caller, objection: { readonly uscc: string | null; readonly owner: { readonly agency: string; readonly region: string } }): boolean {
  return isSubjectOf(caller, objection.uscc) || isAdmin(caller) || (caller.agency === objection.owner.agency && caller.region === objection.owner.region && isMember(caller));
}

/** List objections: a submitting unit its own queue; the credit administration every unit's (the overdue ones are handed to it). */
export function listObjections(caller: Caller): Decision {
  if (isAdmin(caller)) return ALLOW;
  return readBatchHistory(caller);
}

/** Apply for credit repair of a record, or make a credit commitment: the enterprise itself, signed in as itself. */
export function actAsSubject(caller: Caller, uscc: string | null, what: string): Decision {
  if (isSubjectOf(caller, uscc)) return ALLOW;
  return refuse(caller, caller.anonymous ? `sign in as the enterprise for ${what}` : `${what} is for the enterprise itself, signed in as itself (the credit-subject role)`);
}

/** Decide a repair application: the unit that decided the record (谁认定、谁修复), with the submitter role. */
export function decideRepair(caller: Caller, owner: { readonly agency: string; readonly region: string }): Decision {
  return changeRecord(caller, { agency: owner.agency, agencyRegion: owner.region });
}

/**
 * Record that a commitment was broken: the unit it was made to; one made to the public, a
 * city-level unit that submits records (a district unit's finding goes through its city office).
 */
export function recordCommitmentBreach(caller: Caller, recipient: { readonly agency: string; readonly region: string } | null): Decision {
  if (recipient) return changeRecord(caller, { agency: recipient.agency, agencyRegion: recipient.region });
  const unit = readBatchHistory(caller);
  if (!unit.allowed) return unit;
  if (caller.region !== CITY_REGION) return refuse(caller, 'a commitment made to the public is found broken by a city-level unit');
  return ALLOW;
}

/** See a repair application's measures, evidence and reasons: the enterprise itself, the deciding unit (its officers and clerks), the credit administration. */
export function readRepairDetails(caller: Caller, application: { readonly uscc: string; readonly owner: { readonly agency: string; readonly region: string } }): boolean {
  if (isSubjectOf(caller, application.uscc) || isAdmin(caller)) return true;
  return caller.agency === application.owner.agency && caller.region === application.owner.region && (isMember(caller) || changeRecords(caller).allowed);
}

/**
 * Run a credit check of a scenario (联合奖惩): the scenario's owners, by role or by agency (members
 * only), and the credit administration.
 */
export function runCreditCheck(caller: Caller, scenario: { readonly code: string; readonly owners: { readonly roles: readonly string[]; readonly agencies: readonly string[] } }): Decision {
  if (isAdmin(caller)) return ALLOW;
  if (scenario.owners.roles.some((r) => caller.roles.has(r as RealmRole))) return ALLOW;
  if (isMember(caller) && caller.agency !== undefined && scenario.owners.agencies.includes(caller.agency)) return ALLOW;
  return refuse(
    caller,
    caller.anonymous ? 'sign in to run credit checks' : `the ${scenario.code} scenario is run by ${[...scenario.owners.roles, ...scenario.owners.agencies.map((a) => `agency ${a}`)].join(', ')}`,
  );
}

/** Read the audit trail. */
export function readAudit(caller: Caller): Decision {
  if (caller.roles.has('credit-auditor')) return ALLOW;
  return refuse(caller, caller.anonymous ? 'sign in as an auditor to read the audit trail' : 'the audit trail is for the credit-auditor role');
}

/** Watch enterprises for changes (dynamic monitoring): member agencies, bidding platforms, the credit administration. */
export function watchChanges(caller: Caller): Decision {
  if (isMember(caller) || caller.roles.has('credit-bidding')) return ALLOW;
  // the enterprise follows its own record: objections, repairs and every other change to it
  if (caller.roles.has('credit-subject') && caller.enterprise !== undefined) return ALLOW;
  return refuse(caller, caller.anonymous ? 'sign in to watch enterprises' : 'watches are for member agencies, bidding platforms, credit administrators and an enterprise following its own record');
}

/** Which enterprises a watch may list: any, for members and bidding platforms; its own only, for an enterprise signed in as itself. */
export function watchEnterprises(caller: Caller, usccs: readonly string[], region: string | null): Decision {
  if (isMember(caller) || caller.roles.has('credit-bidding')) return ALLOW;
  if (region === null && usccs.every((u) => isSubjectOf(caller, u))) return ALLOW;
  return refuse(caller, 'an enterprise watches its own record only (its own unified social credit code, no region)');
}

/**
 * Watch every enterprise of a region: credit administrators, city-level units and callers of no
 * region (bidding platforms) any region; a district unit its own, as it submits only there.
 */
export function watchRegion(caller: Caller, region: string): Decision {
  if (isAdmin(caller) || caller.region === undefined || caller.region === CITY_REGION || caller.region === region) return ALLOW;
  return { allowed: false, code: 'FORBIDDEN', reason: `a district unit watches its own region (${caller.region}) only; ${region} is another's` };
}

/** See or change one watch: its owner does, and credit administrators. */
export function manageWatch(caller: Caller, owner: string): Decision {
  return isAdmin(caller) || (caller.subject !== undefined && caller.subject === owner) ? ALLOW : refuse(caller, 'not your watch');
}

/** Read the data-quality report. */
export function readQualityReport(caller: Caller): Decision {
  return isAdmin(caller) ? ALLOW : refuse(caller, 'the data-quality report is for credit administrators');
}

/** Introspect the schema (gateway) or read a subgraph's SDL (`_service`). */
export function introspect(caller: Caller, mode: 'admin' | 'off'): Decision {
  return mode === 'admin' && isAdmin(caller) ? ALLOW : refuse(caller, 'introspection is not available to this caller');
}
