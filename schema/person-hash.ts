// Natural persons are matched across subgraphs by a keyed hash of their ID number (HMAC-SHA256
// with a secret from configuration), never by name and never by a bare hash that a dictionary
// of the 10^17 plausible numbers could reverse.
import { createHmac } from 'node:crypto';

export function personHash(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.toUpperCase()).digest('base64url');
}

export const DEV_PERSON_HASH_KEY = 'development-only-person-hash-key';

export function personHashKeyFromEnv(env: NodeJS.ProcessEnv): string {
  const key = env['PERSON_HASH_KEY'];
  if (key && key.length >= 16) return key;
  if (env['NODE_ENV'] === 'production') throw new Error('PERSON_HASH_KEY (at least 16 characters) is required in production');
  return DEV_PERSON_HASH_KEY;
}
