// Who may read what: disclosure levels reached by realm roles (see README "Who sees what"),
// plus the query purpose that MEMBER and RESTRICTED data require.
import { GraphQLError } from 'graphql';
import type { Disclosure } from '../schema/catalogue';
import type { Audience } from '../schema/display-windows';
import type { Caller } from './caller';
import { PURPOSE_HEADER, QUERY_PURPOSES, type QueryPurpose } from './purpose';

/** The caller of one request and the purpose it stated. */
export interface Reader {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
}

export function isAdmin(caller: Caller): boolean {
  return caller.roles.has('credit-admin');
}

export function isMember(caller: Caller): boolean {
  return caller.roles.has('credit-member') || isAdmin(caller);
}

/**
 * Whether the caller's roles reach `level`. RESTRICTED data is also open to a member of the
 * agency that submitted that record (`recordAgency`): the agency claim alone opens nothing.
 */
export function roleAllows(caller: Caller, level: Disclosure, recordAgency?: string): boolean {
  switch (level) {
    case 'PUBLIC':
      return true;
    case 'MEMBER':
      return isMember(caller);
    case 'RESTRICTED':
      return isAdmin(caller) || (isMember(caller) && caller.agency !== undefined && caller.agency === recordAgency);
  }
}

/** The error a refused field carries: UNAUTHENTICATED for anonymous callers, FORBIDDEN otherwise. */
export function refusal(caller: Caller, what: string, level: Disclosure): GraphQLError {
  return caller.anonymous
    ? new GraphQLError(`${what} is ${level} data: sign in to read it`, { extensions: { code: 'UNAUTHENTICATED' } })
    : new GraphQLError(`${what} is ${level} data: your roles do not include it`, { extensions: { code: 'FORBIDDEN' } });
}

/** Why `reader` may not read `what` at `level`, or undefined when it may. */
export function readRefusal(reader: Reader, level: Disclosure, what: string, recordAgency?: string): GraphQLError | undefined {
  if (!roleAllows(reader.caller, level, recordAgency)) return refusal(reader.caller, what, level);
  if (level !== 'PUBLIC' && reader.purpose === undefined) {
    return new GraphQLError(
      `${what} is ${level} data: state the purpose of the query in the ${PURPOSE_HEADER} header (one of ${Object.keys(QUERY_PURPOSES).join(', ')})`,
      { extensions: { code: 'FORBIDDEN' } },
    );
  }
  return undefined;
}

export function mayRead(reader: Reader, level: Disclosure, recordAgency?: string): boolean {
  return readRefusal(reader, level, '', recordAgency) === undefined;
}

/** Which display windows apply: members and administrators see the retention period. */
export function audienceOf(caller: Caller): Audience {
  return isMember(caller) ? 'MEMBER' : 'PUBLIC';
}
