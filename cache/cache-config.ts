// The entity cache's settings: on by default where versions can be kept (PostgreSQL).
import { positiveInt } from '../platform/env';

export interface EntityCacheSettings {
  /** ENTITY_CACHE=off turns it off. */
  readonly enabled: boolean;
  /** ENTITY_CACHE_MAX_MB: memory the cached answers may take, per gateway instance (default 128). */
  readonly maxBytes: number;
  /** ENTITY_CACHE_VERSION_TIMEOUT_MS: how long reading versions may take before a fetch goes uncached (default 250). */
  readonly versionTimeoutMs: number;
}

export function entityCacheSettingsFromEnv(env: NodeJS.ProcessEnv): EntityCacheSettings {
  const switchValue = env['ENTITY_CACHE'] ?? 'on';
  if (switchValue !== 'on' && switchValue !== 'off') throw new Error(`ENTITY_CACHE must be on or off, got '${switchValue}'`);
  return {
    enabled: switchValue === 'on',
    maxBytes: positiveInt(env, 'ENTITY_CACHE_MAX_MB', 128) * 1024 * 1024,
    versionTimeoutMs: positiveInt(env, 'ENTITY_CACHE_VERSION_TIMEOUT_MS', 250),
  };
}
