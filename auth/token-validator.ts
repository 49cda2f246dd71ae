// Validates bearer tokens against the Keycloak realm: RS256 signature by a key the realm publishes,
// expiry without leeway, exact issuer (`${url}/realms/${realm}`, so `url` must be the one Keycloak
// writes into tokens: its configured hostname), audience and token type. jose (a well-kept JOSE
// library) checks the token; the realm's keys are held by RealmKeys, which bounds how often and how
// long they are fetched. (keycloak-connect, used before, refetched on every unknown key id while
// Keycloak was down, without a timeout, and wrote to the console past the logger.)
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { callerFromClaims, ANONYMOUS, type AccessTokenClaims, type Caller } from './caller';
import { LRUCache } from 'lru-cache';
import { KeyNotFoundError, RealmKeys } from './realm-keys';
import type { Logger } from '../platform/logger';

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
  /** Where a failed key fetch is logged. */
  readonly logger?: Logger;
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

/** Keys could not be fetched in time: HTTP 503, the caller may retry. */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

/** Verified tokens remembered, so a caller's repeated requests skip the signature check. */
const MAX_REMEMBERED = 5_000;

// the scheme is case-insensitive and may be followed by more than one space (RFC 7235)
const BEARER = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

export class TokenValidator {
  private readonly keys: RealmKeys;
  // Keyed by the whole token, signature included, so only a token verified in full can match;
  // an entry is used only until the token's own expiry.
  // least recently used tokens make room first; an entry also lapses when its token expires
  private readonly remembered = new LRUCache<string, { caller: Caller; expiresAtMs: number }>({ max: MAX_REMEMBERED });

  constructor(private readonly options: TokenValidatorOptions) {
    this.keys = new RealmKeys({
      url: `${this.issuer}/protocol/openid-connect/certs`,
      fetchTimeoutMs: options.keyFetchTimeoutMs,
      refreshIntervalMs: options.keyRefreshIntervalS * 1000,
      ...(options.logger ? { logger: options.logger } : {}),
    });
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
    const claims = await this.verify(token);
    const caller = callerFromClaims(claims);
    if (typeof claims.exp === 'number') this.remember(token, caller, claims.exp * 1000);
    return caller;
  }

  private async verify(token: string): Promise<AccessTokenClaims> {
    let kid: string | undefined;
    let issuer: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('invalid token: malformed', 'malformed');
    }
    // another realm's (or issuer's) token is refused as such before any key is looked up; the
    // signature check below confirms the claim for a token that passes
    if (issuer !== this.issuer) throw new InvalidTokenError('invalid token: wrong issuer', 'issuer');
    if (!kid) throw new InvalidTokenError('invalid token: it names no signing key', 'malformed');
    try {
      const { payload } = await jwtVerify(token, await this.keys.key(kid), {
        issuer: this.issuer,
        audience: this.options.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
      });
      if (payload['typ'] !== 'Bearer') throw new InvalidTokenError('invalid token: not an access token', 'invalid');
      return payload;
    } catch (err) {
      throw classify(err);
    }
  }

  private remember(token: string, caller: Caller, expiresAtMs: number): void {
    this.remembered.set(token, { caller, expiresAtMs }, { ttl: Math.max(1, expiresAtMs - Date.now()) });
  }
}

/** jose's and the key cache's failures as our two kinds, with a reason a client can act on. */
function classify(err: unknown): Error {
  if (err instanceof InvalidTokenError || err instanceof IdentityProviderUnavailableError) return err;
  if (err instanceof KeyNotFoundError)
    return err.unavailable
      ? new IdentityProviderUnavailableError('identity provider unavailable: realm keys could not be fetched')
      : new InvalidTokenError('invalid token: signed by an unknown key', 'unknown_key');
  if (err instanceof joseErrors.JWTExpired) return new InvalidTokenError('invalid token: expired', 'expired');
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return new InvalidTokenError('invalid token: wrong issuer', 'issuer');
    if (err.claim === 'aud') return new InvalidTokenError('invalid token: wrong audience', 'audience');
    return new InvalidTokenError(`invalid token: ${err.claim} ${err.reason}`, 'invalid');
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return new InvalidTokenError('invalid token: signature', 'signature');
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return new InvalidTokenError('invalid token: not signed with RS256', 'signature');
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return new InvalidTokenError('invalid token: malformed', 'malformed');
  return new InvalidTokenError('invalid token');
}
