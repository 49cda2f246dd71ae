// Keycloak settings shared by the gateway and the subgraphs, read once at start-up.
import type { TokenValidatorOptions } from './token-validator';
import { httpUrl, positiveInt } from '../platform/env';

export const REALM = 'credit';
/** Client id of the gateway; every accepted token must name it as audience. */
export const GATEWAY_AUDIENCE = 'credit-gateway';

export function keycloakOptionsFromEnv(env: NodeJS.ProcessEnv): TokenValidatorOptions {
  const url = httpUrl(env, 'KEYCLOAK_URL', 'http://localhost:8080');
  const timeout = positiveInt(env, 'KEYCLOAK_KEY_FETCH_TIMEOUT_MS', 3000);
  const refresh = positiveInt(env, 'KEYCLOAK_KEY_REFRESH_INTERVAL_S', 10);
  return {
    url,
    realm: env['KEYCLOAK_REALM'] ?? REALM,
    audience: env['KEYCLOAK_AUDIENCE'] ?? GATEWAY_AUDIENCE,
    keyFetchTimeoutMs: timeout,
    keyRefreshIntervalS: refresh,
  };
}
