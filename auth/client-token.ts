// A service account's access token from Keycloak (client-credentials grant), for the command-line
// tools and benchmarks that call the gateway as a member agency's system would.
import { REALM } from './config';

export interface ClientToken {
  readonly accessToken: string;
  /** When Keycloak says it expires, in ms since the epoch. */
  readonly expiresAtMs: number;
}

export async function clientCredentialsToken(keycloakUrl: string, clientId: string, clientSecret: string): Promise<ClientToken> {
  const res = await fetch(`${keycloakUrl}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${clientId}: ${body.error_description ?? `HTTP ${res.status}`}`);
  return { accessToken: body.access_token, expiresAtMs: Date.now() + (body.expires_in ?? 0) * 1000 };
}

/** The demo service accounts' secret is `<client id>-secret` (auth/realm/credit-realm.json). */
export const demoClientToken = async (keycloakUrl: string, clientId: string): Promise<string> => (await clientCredentialsToken(keycloakUrl, clientId, `${clientId}-secret`)).accessToken;

/** A token source that fetches a new token once the current one has less than `marginMs` left. */
export function refreshingClientToken(keycloakUrl: string, clientId: string, clientSecret = `${clientId}-secret`, marginMs = 30_000): () => Promise<string> {
  let current: Promise<ClientToken> | undefined;
  return async () => {
    const token = await current;
    if (!token || token.expiresAtMs - Date.now() < marginMs) {
      current = clientCredentialsToken(keycloakUrl, clientId, clientSecret);
      current.catch(() => {
        current = undefined;
      });
    }
    return (await (current as Promise<ClientToken>)).accessToken;
  };
}
