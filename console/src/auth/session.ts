// Sign-in through Keycloak's own page with the public client (authorization code + PKCE, by
// keycloak-js, Keycloak's adapter for browsers). Tokens live in this page's memory only: never in
// local or session storage. A returning visitor's Keycloak session is found by a hidden check, and
// the access token is refreshed before it expires.
import Keycloak from 'keycloak-js';
import type { ConsoleSettings } from '../settings';

export type Role = 'credit-member' | 'credit-submitter' | 'credit-bidding' | 'credit-admin' | 'credit-auditor' | 'credit-subject';

export interface SignedInUser {
  readonly username: string;
  readonly roles: ReadonlySet<string>;
  readonly agency?: string;
  readonly region?: string;
  /** The enterprise a credit-subject account speaks for. */
  readonly uscc?: string;
}

export interface Session {
  readonly user?: SignedInUser;
  /** A valid access token (refreshed when it would expire within 30 s), or undefined when anonymous. */
  token(): Promise<string | undefined>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /** Called when the signed-in user changes (a refresh fails, say). */
  onChange(listener: () => void): void;
}

interface TokenClaims {
  preferred_username?: string;
  realm_access?: { roles?: string[] };
  agency?: string;
  region?: string;
  uscc?: string;
}

function userOf(keycloak: Keycloak): SignedInUser | undefined {
  const claims = keycloak.tokenParsed as TokenClaims | undefined;
  if (!keycloak.authenticated || !claims) return undefined;
  return { username: claims.preferred_username ?? '', roles: new Set(claims.realm_access?.roles ?? []), agency: claims.agency, region: claims.region, uscc: claims.uscc };
}

const INIT_TIMEOUT_MS = 8_000;

function withTimeout<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Keycloak did not answer')), ms))]);
}

export async function startSession(settings: ConsoleSettings): Promise<Session> {
  const keycloak = new Keycloak({ url: settings.keycloakUrl, realm: settings.realm, clientId: settings.clientId });
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());
  keycloak.onAuthLogout = changed;
  keycloak.onTokenExpired = () => {
    keycloak.updateToken(30).catch(() => keycloak.clearToken());
  };
  try {
    // a Keycloak that does not answer the hidden check (unreachable, or this address not among the
    // client's redirect URIs) must not keep the public pages from showing
    await withTimeout(
      INIT_TIMEOUT_MS,
      keycloak.init({
        onLoad: 'check-sso',
        pkceMethod: 'S256',
        silentCheckSsoRedirectUri: `${location.origin}/silent-check-sso.html`,
        // the session-status iframe needs third-party cookies; a refresh that fails signs out instead
        checkLoginIframe: false,
        responseMode: 'query',
      }),
    );
  } catch {
    // Keycloak unreachable: the public pages still work
  }
  return {
    get user() {
      return userOf(keycloak);
    },
    async token() {
      if (!keycloak.authenticated) return undefined;
      try {
        await keycloak.updateToken(30);
      } catch {
        keycloak.clearToken();
        changed();
        return undefined;
      }
      return keycloak.token;
    },
    signIn: () => keycloak.login({ redirectUri: location.href }),
    signOut: () => keycloak.logout({ redirectUri: `${location.origin}/` }),
    onChange: (listener) => listeners.push(listener),
  };
}

export const hasRole = (user: SignedInUser | undefined, role: Role): boolean => user?.roles.has(role) ?? false;
/** Readers of MEMBER data: member agencies and the credit administration. */
export const readsMemberData = (user: SignedInUser | undefined): boolean => hasRole(user, 'credit-member') || hasRole(user, 'credit-admin');
