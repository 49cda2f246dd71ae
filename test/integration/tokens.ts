// Real tokens from the running Keycloak: service accounts by client credentials, demo users by
// password grant through the demo command-line client.
import { recordToken } from './run-record';

const cache = new Map<string, string>();

function keycloakUrl(): string {
  const url = process.env['KEYCLOAK_URL'];
  if (!url) throw new Error('KEYCLOAK_URL is not set');
  return url;
}

async function requestToken(realm: string, form: Record<string, string>): Promise<string> {
  const res = await fetch(`${keycloakUrl()}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${JSON.stringify(form.client_id)}: ${body.error_description ?? res.status}`);
  recordToken(body.access_token);
  return body.access_token;
}

/** A newly issued service-account token, never from the cache (e.g. after a key rotation). */
export function freshServiceToken(clientId: string): Promise<string> {
  return requestToken('credit', { grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-secret` });
}

/** A service account's token, e.g. serviceToken('svc-tax'). Demo secrets are `<client>-secret`. */
export async function serviceToken(clientId: string): Promise<string> {
  const key = `svc:${clientId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const token = await requestToken('credit', { grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-secret` });
  cache.set(key, token);
  return token;
}

/** A demo user's token (password `demo-password`). */
export async function userToken(username: string, clientId = 'credit-cli'): Promise<string> {
  const key = `user:${clientId}:${username}`;
  const cached = clientId === 'credit-cli' ? cache.get(key) : undefined;
  if (cached) return cached;
  const token = await requestToken('credit', { grant_type: 'password', client_id: clientId, username, password: 'demo-password' });
  cache.set(key, token);
  return token;
}

/** A token from the master realm: genuine Keycloak, wrong issuer and audience for this system. */
export function foreignRealmToken(): Promise<string> {
  return requestToken('master', {
    grant_type: 'password',
    client_id: 'admin-cli',
    username: process.env['KC_BOOTSTRAP_ADMIN_USERNAME'] ?? 'admin',
    password: process.env['KC_BOOTSTRAP_ADMIN_PASSWORD'] ?? 'admin',
  });
}

/** Adds (true) or removes (false) a realm role of a demo user, as Keycloak's administrator. */
export async function setUserRealmRole(username: string, role: string, granted: boolean): Promise<void> {
  const admin = await foreignRealmToken();
  const api = `${keycloakUrl()}/admin/realms/credit`;
  const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
  const [user] = (await (await fetch(`${api}/users?exact=true&username=${encodeURIComponent(username)}`, { headers })).json()) as { id: string }[];
  const found = (await (await fetch(`${api}/roles/${encodeURIComponent(role)}`, { headers })).json()) as { id: string; name: string };
  if (!user) throw new Error(`no user ${username}`);
  const res = await fetch(`${api}/users/${user.id}/role-mappings/realm`, { method: granted ? 'POST' : 'DELETE', headers, body: JSON.stringify([{ id: found.id, name: found.name }]) });
  if (!res.ok) throw new Error(`role mapping of ${username}: HTTP ${res.status}`);
}
