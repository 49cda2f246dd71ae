// What a watch's owner may read now, not when the watch was made: the owner's account as Keycloak
// holds it at delivery (enabled, realm roles, agency and region), read through the admin API with
// the dispatcher's own service account (svc-dispatcher, role view-users) and kept briefly. An owner
// who was disabled, deleted or lost a role gets nothing more: the dispatcher pauses the watch.
import { clientCredentialsToken, type ClientToken } from '../auth/client-token';
import { REALM } from '../auth/config';
import { httpUrl, positiveInt } from '../platform/env';
import type { Watch } from '../storage/port';
import { isValidUscc } from '../schema/identifiers';

export type Owner = Watch['owner'];

/** The enterprise an account is bound to, if its code is well formed. */
const enterpriseOf = (uscc: string | undefined): string | null => (uscc !== undefined && isValidUscc(uscc) ? uscc : null);

/** The owner's rights now, or null when the account is gone or disabled; throws when they cannot be read. */
export interface OwnerRightsSource {
  current(subject: string): Promise<Owner | null>;
}

export interface OwnerRightsOptions {
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** How long an owner's rights are kept before they are read again. */
  readonly ttlMs: number;
  readonly timeoutMs?: number;
}

export class KeycloakOwnerRights implements OwnerRightsSource {
  private token: Promise<ClientToken> | undefined;
  private readonly cache = new Map<string, { owner: Owner | null; until: number }>();

  constructor(private readonly options: OwnerRightsOptions) {}

  async current(subject: string): Promise<Owner | null> {
    const cached = this.cache.get(subject);
    if (cached && cached.until > Date.now()) return cached.owner;
    const owner = await this.read(subject);
    this.cache.set(subject, { owner, until: Date.now() + this.options.ttlMs });
    // a bounded cache: the owners of live watches, re-read after the TTL
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return owner;
  }

  private async read(subject: string): Promise<Owner | null> {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(subject)) return null;
    const base = `${this.options.keycloakUrl}/admin/realms/${encodeURIComponent(this.options.realm)}/users/${subject}`;
    const user = await this.get<{ enabled?: boolean; attributes?: Record<string, string[]> }>(base);
    if (!user || user.enabled !== true) return null;
    const roles = (await this.get<{ name: string }[]>(`${base}/role-mappings/realm/composite`)) ?? [];
    return {
      subject,
      agency: user.attributes?.['agency']?.[0] ?? null,
      region: user.attributes?.['region']?.[0] ?? null,
      roles: roles.map((r) => r.name).sort(),
      enterprise: enterpriseOf(user.attributes?.['uscc']?.[0]),
    };
  }

  /** A JSON answer, undefined for 404; anything else throws (the delivery waits). */
  private async get<T>(url: string): Promise<T | undefined> {
    const res = await fetch(url, { headers: { authorization: `Bearer ${await this.accessToken()}` }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`Keycloak's admin API answered HTTP ${res.status} for a watch owner`);
    return (await res.json()) as T;
  }

  private async accessToken(): Promise<string> {
    const held = await this.token?.catch(() => undefined);
    if (!held || held.expiresAtMs - Date.now() < 30_000) {
      this.token = clientCredentialsToken(this.options.keycloakUrl, this.options.clientId, this.options.clientSecret);
      return (await this.token).accessToken;
    }
    return held.accessToken;
  }
}

/**
 * KEYCLOAK_URL, DISPATCHER_CLIENT_ID (default svc-dispatcher), DISPATCHER_CLIENT_SECRET (the demo's
 * `svc-dispatcher-secret` outside production; required in production), OWNER_RIGHTS_TTL_MS (60 s).
 */
export function ownerRightsFromEnv(env: NodeJS.ProcessEnv): KeycloakOwnerRights {
  const secret = env['DISPATCHER_CLIENT_SECRET'];
  if (!secret && env['NODE_ENV'] === 'production') throw new Error("DISPATCHER_CLIENT_SECRET (the svc-dispatcher client's secret) is required in production");
  return new KeycloakOwnerRights({
    keycloakUrl: httpUrl(env, 'KEYCLOAK_URL', 'http://localhost:8080'),
    realm: env['KEYCLOAK_REALM'] ?? REALM,
    clientId: env['DISPATCHER_CLIENT_ID'] ?? 'svc-dispatcher',
    clientSecret: secret ?? 'svc-dispatcher-secret',
    ttlMs: positiveInt(env, 'OWNER_RIGHTS_TTL_MS', 60_000),
  });
}
