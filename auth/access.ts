// Which disclosure levels a caller reaches, from realm roles (see README "Who sees what").
import { GraphQLError } from 'graphql';
import type { Disclosure } from '../schema/catalogue';
import type { Caller } from './caller';

export function isAdmin(caller: Caller): boolean {
  return caller.roles.has('credit-admin');
}

export function isMember(caller: Caller): boolean {
  return caller.roles.has('credit-member') || isAdmin(caller);
}

/**
 * Whether the caller may read data at `level`. RESTRICTED data is also open to the agency that
 * submitted that record (`recordAgency`).
 */
export function mayRead(caller: Caller, level: Disclosure, recordAgency?: string): boolean {
  switch (level) {
    case 'PUBLIC':
      return true;
    case 'MEMBER':
      return isMember(caller);
    case 'RESTRICTED':
      return isAdmin(caller) || (!caller.anonymous && caller.agency !== undefined && caller.agency === recordAgency);
  }
}

/** The error a refused field carries: UNAUTHENTICATED for anonymous callers, FORBIDDEN otherwise. */
export function refusal(caller: Caller, what: string, level: Disclosure): GraphQLError {
  return caller.anonymous
    ? new GraphQLError(`${what} is ${level} data: sign in to read it`, { extensions: { code: 'UNAUTHENTICATED' } })
    : new GraphQLError(`${what} is ${level} data: your roles do not include it`, { extensions: { code: 'FORBIDDEN' } });
}
