// The realm's signing keys, as Keycloak publishes them (its JWKS), kept in memory. A token naming
// a key id not held makes one fetch of the set — shared by every request that asks meanwhile,
// bounded by a timeout, and at most one attempt per refresh interval whether it succeeds or
// fails — so forged key ids cannot drive requests at Keycloak, during an outage least of all.
import { importJWK, type JWK, type KeyLike } from 'jose';
import type { Logger } from '../platform/logger';

export interface RealmKeysOptions {
  /** The realm's JWKS URL (`…/realms/<realm>/protocol/openid-connect/certs`). */
  readonly url: string;
  readonly fetchTimeoutMs: number;
  /** The least time between two fetch attempts. */
  readonly refreshIntervalMs: number;
  readonly logger?: Logger;
}

/** No key of that id is published (or could be fetched just now, with `unavailable`). */
export class KeyNotFoundError extends Error {
  override readonly name = 'KeyNotFoundError';
  constructor(
    readonly kid: string,
    readonly unavailable: boolean,
  ) {
    super(unavailable ? 'the realm keys could not be fetched' : `no published key ${kid}`);
  }
}

export class RealmKeys {
  private keys = new Map<string, KeyLike | Uint8Array>();
  private lastAttemptMs = Number.NEGATIVE_INFINITY;
  private lastAttemptFailed = false;
  private pending: Promise<void> | undefined;
  /** Fetches made, for tests and metrics. */
  fetches = 0;

  constructor(private readonly options: RealmKeysOptions) {}

  async key(kid: string): Promise<KeyLike | Uint8Array> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (!this.pending) {
      if (Date.now() - this.lastAttemptMs < this.options.refreshIntervalMs) throw new KeyNotFoundError(kid, this.lastAttemptFailed);
      this.lastAttemptMs = Date.now();
      this.pending = this.refresh().finally(() => {
        this.pending = undefined;
      });
    }
    await this.pending;
    const found = this.keys.get(kid);
    if (!found) throw new KeyNotFoundError(kid, this.lastAttemptFailed);
    return found;
  }

  /** One fetch of the key set; a failure keeps the keys held and is logged, never thrown. */
  private async refresh(): Promise<void> {
    this.fetches++;
    try {
      const res = await fetch(this.options.url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs) });
      if (!res.ok) throw new Error(`the realm's key set answered HTTP ${res.status}`);
      const body = (await res.json()) as { keys?: (JWK & { use?: string })[] };
      const next = new Map<string, KeyLike | Uint8Array>();
      for (const jwk of body.keys ?? []) {
        // signing keys of the algorithm tokens are signed with; encryption keys are no use here
        if (!jwk.kid || jwk.use === 'enc' || (jwk.alg !== undefined && jwk.alg !== 'RS256')) continue;
        next.set(jwk.kid, await importJWK(jwk, 'RS256'));
      }
      this.keys = next;
      this.lastAttemptFailed = false;
    } catch (err) {
      this.lastAttemptFailed = true;
      this.options.logger?.warn({ err }, 'realm keys could not be fetched; the keys held stay in use');
    }
  }
}
