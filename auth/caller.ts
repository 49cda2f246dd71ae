// Who is asking: what a verified access token (or its absence) says about the caller.
import { isValidUscc } from '../schema/identifiers';

export const REALM_ROLES = ['credit-member', 'credit-bidding', 'credit-admin', 'credit-auditor', 'credit-submitter', 'credit-subject'] as const;
export type RealmRole = (typeof REALM_ROLES)[number];

export interface Caller {
  readonly anonymous: boolean;
  /** Token subject (user or service account id); undefined when anonymous. */
  readonly subject?: string;
  /** The client the token was issued to (azp). */
  readonly clientId?: string;
  readonly username?: string;
  readonly roles: ReadonlySet<RealmRole>;
  /** Member agency code from the `agency` claim. */
  readonly agency?: string;
  /** Region code from the `region` claim: 500000 for the city level, else a district. */
  readonly region?: string;
  /**
   * The enterprise (uscc) a credit subject's account speaks for, from the `uscc` claim: an
   * attribute only an administrator sets. Read only with the credit-subject role.
   */
  readonly enterprise?: string;
}

export const ANONYMOUS: Caller = { anonymous: true, roles: new Set() };

export interface AccessTokenClaims {
  sub?: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
  azp?: string;
  preferred_username?: string;
  agency?: unknown;
  region?: unknown;
  uscc?: unknown;
  realm_access?: { roles?: unknown };
}

export function callerFromClaims(claims: AccessTokenClaims): Caller {
  const granted = Array.isArray(claims.realm_access?.roles) ? claims.realm_access.roles : [];
  const roles = new Set(REALM_ROLES.filter((r) => granted.includes(r)));
  return {
    anonymous: false,
    subject: claims.sub,
    clientId: claims.azp,
    username: claims.preferred_username,
    roles,
    agency: typeof claims.agency === 'string' ? claims.agency : undefined,
    region: typeof claims.region === 'string' ? claims.region : undefined,
    enterprise: roles.has('credit-subject') && typeof claims.uscc === 'string' && isValidUscc(claims.uscc) ? claims.uscc : undefined,
  };
}
