// Keycloak settings shared by the gateway and the subgraphs, read once at start-up.
import type { TokenValidatorOptions } from './token-validator';

export const REALM = 'credit';
/** Client id of the gateway; every accepted token must name it as audience. */
export const GATEWAY_AUDIENCE = 'credit-gateway';

export function keycloakOptionsFromEnv(env: NodeJS.ProcessEnv): TokenValidatorOptions {
  const url = (env['KEYCLOAK_URL'] ?? 'http://localhost:8080').replace(/\/+$/, '');
  const timeout = Number(env['KEYCLOAK_KEY_FETCH_TIMEOUT_MS'] ?? 3000);
  if (!/^https?:\/\//.test(url)) throw new Error(`KEYCLOAK_URL must be an http(s) URL, got '${url}'`);
  const refresh = Number(env['KEYCLOAK_KEY_REFRESH_INTERVAL_S'] ?? 10);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new Error('KEYCLOAK_KEY_FETCH_TIMEOUT_MS must be a positive number');
  if (!Number.isFinite(refresh) || refresh <= 0) throw new Error('KEYCLOAK_KEY_REFRESH_INTERVAL_S must be a positive number');
  return {
    url,
    realm: env['KEYCLOAK_REALM'] ?? REALM,
    audience: env['KEYCLOAK_AUDIENCE'] ?? GATEWAY_AUDIENCE,
    keyFetchTimeoutMs: timeout,
    keyRefreshIntervalS: refresh,
  };
}
