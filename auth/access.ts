// What the policy's decisions look like to a GraphQL caller, and the read rules applied wherever a
// record leaves (query resolvers, printed reports through them, monitoring events): the caller's
// level (auth/policy.ts) plus the query purpose MEMBER and RESTRICTED data require, the display
// windows of the caller's audience, and each attribute's own level or masked form.
import type { GraphQLError } from 'graphql';
import type { AttributeSpec, Disclosure, IndicatorSpec } from '../schema/catalogue';
import { isVisible, type Audience, type RecordFacts, type WindowSet } from '../schema/display-windows';
import { maskIdNumber } from '../schema/identifiers';
import type { Caller } from './caller';
import { isMember, isSubjectOf, readLevel, readMasked, type Decision } from './policy';
import { PURPOSE_HEADER, QUERY_PURPOSES, type QueryPurpose } from './purpose';
import { graphqlError } from '../platform/errors';

/** The caller of one request and the purpose it stated. Every check below takes `about`: the enterprise the data is about, which opens a credit subject's own record to it. */
export interface Reader {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
}

/** A refusal as a GraphQL error (UNAUTHENTICATED for anonymous callers, FORBIDDEN otherwise); nothing when allowed. */
export function refusalOf(decision: Decision, prefix?: string): GraphQLError | undefined {
  if (decision.allowed) return undefined;
  return graphqlError(decision.code, prefix ? `${prefix}: ${decision.reason}` : decision.reason);
}

/** Throws the refusal, if any. */
export function enforce(decision: Decision, prefix?: string): void {
  const refused = refusalOf(decision, prefix);
  if (refused) throw refused;
}

/** Why `reader` may not read `what` at `level`, or undefined when it may. */
export function readRefusal(reader: Reader, level: Disclosure, what: string, recordAgency?: string, about?: string | null): GraphQLError | undefined {
  // resolvers ask this for every field of every record: build an error only for a refusal
  if (mayRead(reader, level, recordAgency, about)) return undefined;
  const decision = readLevel(reader.caller, level, recordAgency);
  if (!decision.allowed) return refusalOf(decision, `${what} is ${level} data`);
  if (level !== 'PUBLIC' && reader.purpose === undefined) {
    return graphqlError('FORBIDDEN', `${what} is ${level} data: state the purpose of the query in the ${PURPOSE_HEADER} header (one of ${Object.keys(QUERY_PURPOSES).join(', ')})`);
  }
  return undefined;
}

export function mayRead(reader: Reader, level: Disclosure, recordAgency?: string, about?: string | null): boolean {
  if (isSubjectOf(reader.caller, about)) return true;
  return readLevel(reader.caller, level, recordAgency).allowed && (level === 'PUBLIC' || reader.purpose !== undefined);
}

/** Which display windows apply: members, administrators and the subject itself see the retention period. */
export function audienceOf(caller: Caller, about?: string | null): Audience {
  return isMember(caller) || isSubjectOf(caller, about) ? 'MEMBER' : 'PUBLIC';
}

/** Whether a record is inside what `reader`'s audience sees on `asOf` (display windows, retention, repair). */
export function recordVisible(reader: Reader, ind: IndicatorSpec, record: RecordFacts & { readonly uscc?: string | null }, asOf: string, windows?: WindowSet): boolean {
  return isVisible(audienceOf(reader.caller, record.uscc), ind, record, asOf, windows);
}

/** One attribute as a reader gets it: its value, its masked form, or nothing, with the level that explains the refusal. */
export type AttributeRead = { readonly shown: true; readonly value: unknown } | { readonly shown: false; readonly refusedAt: Disclosure };

/**
 * What `reader` may see of one attribute of a record submitted by `recordAgency`: the value when
 * its own level allows; a member's masked form of an ID number, which is MEMBER data and needs a
 * purpose like any other; else nothing.
 */
export function readAttribute(reader: Reader, attr: Pick<AttributeSpec, 'disclosure' | 'maskedForMembers'>, value: unknown, recordAgency?: string, about?: string | null): AttributeRead {
  // the subject sees its own record whole, but other persons' ID numbers only masked, and no other
  // RESTRICTED attribute (one added to the catalogue later stays closed until it says otherwise)
  if (isSubjectOf(reader.caller, about)) {
    if (attr.maskedForMembers) return { shown: true, value: typeof value === 'string' ? maskIdNumber(value) : value };
    return attr.disclosure === 'RESTRICTED' ? { shown: false, refusedAt: 'RESTRICTED' } : { shown: true, value };
  }
  if (!attr.disclosure || mayRead(reader, attr.disclosure, recordAgency)) return { shown: true, value };
  if (attr.maskedForMembers && readMasked(reader.caller)) {
    return mayRead(reader, 'MEMBER') ? { shown: true, value: typeof value === 'string' ? maskIdNumber(value) : value } : { shown: false, refusedAt: 'MEMBER' };
  }
  return { shown: false, refusedAt: attr.disclosure };
}
