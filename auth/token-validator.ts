// Validates bearer tokens against the Keycloak realm with keycloak-connect (bearer-only):
// signature from the realm's published keys, expiry, exact issuer, audience and token type.
// keycloak-connect leaves three things to its user, handled here:
//  - audience is only checked with verify-token-audience set (we always set it);
//  - the issuer is compared exactly with `${url}/realms/${realm}`, so `url` must be the one
//    Keycloak writes into tokens (its configured hostname);
//  - fetching the realm keys has no timeout, so validation is bounded here by `keyFetchTimeoutMs`.
// Expiry gets no clock leeway: a token past `exp` is refused.
import Keycloak from 'keycloak-connect';
import { callerFromClaims, ANONYMOUS, type AccessTokenClaims, type Caller } from './caller';
import { LRUCache } from 'lru-cache';

export interface TokenValidatorOptions {
  /** Keycloak base URL, exactly as it appears in the tokens' issuer. */
  readonly url: string;
  readonly realm: string;
  /** Audience every accepted token must name (the gateway's client id). */
  readonly audience: string;
  readonly keyFetchTimeoutMs: number;
  /**
   * Keys are cached; a token naming an unknown key id makes the validator fetch the realm's keys
   * again, at most once per this many seconds (so forged key ids cannot flood Keycloak).
   */
  readonly keyRefreshIntervalS: number;
}

/** A request whose credentials are present but unacceptable: HTTP 401. */
/** Why a token was refused, from a fixed set (a metric label; the message says more). */
export type TokenRefusalReason = 'header' | 'malformed' | 'expired' | 'issuer' | 'audience' | 'unknown_key' | 'signature' | 'invalid';

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(
    message: string,
    readonly reason: TokenRefusalReason = 'invalid',
  ) {
    super(message);
  }
}

const REASON_OF: Readonly<Record<string, TokenRefusalReason>> = {
  missing: 'malformed',
  'not signed': 'signature',
  expired: 'expired',
  'wrong ISS': 'issuer',
  'wrong audience': 'audience',
  signature: 'signature',
};

/** Keys could not be fetched in time: HTTP 503, the caller may retry. */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

interface GrantLike {
  access_token?: { content: AccessTokenClaims };
}
interface GrantManagerLike {
  createGrant(raw: { access_token: string }): Promise<GrantLike>;
}

/** Verified tokens remembered, so a caller's repeated requests skip the signature check. */
const MAX_REMEMBERED = 5_000;

// the scheme is case-insensitive and may be followed by more than one space (RFC 7235)
const BEARER = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

export class TokenValidator {
  private readonly grantManager: GrantManagerLike;
  // Keyed by the whole token, signature included, so only a token verified in full can match;
  // an entry is used only until the token's own expiry.
  // least recently used tokens make room first; an entry also lapses when its token expires
  private readonly remembered = new LRUCache<string, { caller: Caller; expiresAtMs: number }>({ max: MAX_REMEMBERED });

  constructor(private readonly options: TokenValidatorOptions) {
    // keycloak-connect reads these keys at run time; its typings list only a few of them.
    const config: Record<string, unknown> = {
      realm: options.realm,
      'auth-server-url': options.url,
      resource: options.audience,
      'bearer-only': true,
      'verify-token-audience': true,
      'confidential-port': 0,
      'ssl-required': 'external',
      'min-time-between-jwks-requests': options.keyRefreshIntervalS,
    };
    const keycloak = new Keycloak({}, config as unknown as Keycloak.KeycloakConfig);
    this.grantManager = (keycloak as unknown as { grantManager: GrantManagerLike }).grantManager;
  }

  get issuer(): string {
    return `${this.options.url}/realms/${this.options.realm}`;
  }

  /** The caller an Authorization header names: anonymous without one, else a verified token's subject. */
  async validate(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = BEARER.exec(authorization);
    if (!match?.[1]) throw new InvalidTokenError('Authorization header must be "Bearer <access token>"', 'header');
    const token = match[1];
    const known = this.remembered.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.caller;
    if (known) this.remembered.delete(token);
    if (!readableClaims(token)) throw new InvalidTokenError('invalid token: malformed', 'malformed');
    // A malformed token can make keycloak-connect throw synchronously; keep it on the promise path.
    const grant = await this.withTimeout(Promise.resolve().then(() => this.grantManager.createGrant({ access_token: token })));
    const claims = grant.access_token?.content;
    if (!claims) throw new InvalidTokenError('access token could not be read', 'malformed');
    const caller = callerFromClaims(claims);
    if (typeof claims.exp === 'number') this.remember(token, caller, claims.exp * 1000);
    return caller;
  }

  private remember(token: string, caller: Caller, expiresAtMs: number): void {
    this.remembered.set(token, { caller, expiresAtMs }, { ttl: Math.max(1, expiresAtMs - Date.now()) });
  }

  private withTimeout(pending: Promise<GrantLike>): Promise<GrantLike> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new IdentityProviderUnavailableError('identity provider did not answer in time')), this.options.keyFetchTimeoutMs);
    });
    const validated = pending.catch((err: unknown) => {
      throw classify(err);
    });
    return Promise.race([validated, timeout]).finally(() => clearTimeout(timer));
  }
}

/** keycloak-connect reads a token it cannot parse as empty claims; refuse those up front. */
function readableClaims(token: string): boolean {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null;
  } catch {
    return false;
  }
}

/** keycloak-connect reports everything as a plain Error; turn its messages into our two kinds. */
function classify(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/failed to load public key/.test(message) && /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|fetching JWK/.test(message)) {
    return new IdentityProviderUnavailableError('identity provider unavailable: realm keys could not be fetched');
  }
  const reason = /invalid token \(([^)]+)\)/.exec(message)?.[1];
  if (reason) return new InvalidTokenError(`invalid token: ${reason === 'wrong ISS' ? 'wrong issuer' : reason}`, REASON_OF[reason] ?? 'invalid');
  if (/failed to load public key/.test(message)) return new InvalidTokenError('invalid token: signed by an unknown key', 'unknown_key');
  return new InvalidTokenError('invalid token');
}
