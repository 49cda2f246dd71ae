// Subgraphs answer the gateway (and each other) only: every request between the services carries
// an HMAC-SHA256 over its time, body and Authorization header with a key the services share
// (SUBGRAPH_SIGNING_KEY), as Hive Gateway's upstream HMAC signing does. A caller on the network who
// reaches a subgraph's port directly, even with a valid member token, skips nothing: without the
// signature it is refused, so the audit, the rate limits, the expensive-operation slots and the
// trusted documents of the gateway stand in front of every read.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HOP_SIGNATURE_HEADER = 'x-credit-hop-signature';

/** A signature older (or newer) than this is refused: a captured request cannot be replayed later. */
const MAX_SKEW_MS = 60_000;
const MIN_KEY_LENGTH = 32;

export interface SignedParts {
  readonly body: string | Buffer;
  readonly authorization?: string | undefined;
}

function mac(key: string, time: string, parts: SignedParts): Buffer {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return createHmac('sha256', key)
    .update(`${time}.${bodyHash}.${parts.authorization ?? ''}`)
    .digest();
}

/** The header value for a request: `t=<unix ms>,v1=<base64url HMAC>`. */
export function signHop(key: string, parts: SignedParts, now = Date.now()): string {
  const time = String(now);
  return `t=${time},v1=${mac(key, time, parts).toString('base64url')}`;
}

/** Why a request's signature does not hold, or undefined when it does. */
export function hopRefusal(key: string, header: string | undefined, parts: SignedParts, now = Date.now()): string | undefined {
  if (!header) return 'this service answers the credit gateway only';
  const match = /^t=(\d{13}),v1=([A-Za-z0-9_-]{43})$/.exec(header);
  if (!match?.[1] || !match[2]) return 'the request signature is malformed';
  if (Math.abs(now - Number(match[1])) > MAX_SKEW_MS) return 'the request signature has expired';
  const presented = Buffer.from(match[2], 'base64url');
  const expected = mac(key, match[1], parts);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return 'the request signature does not hold';
  return undefined;
}

/**
 * SUBGRAPH_SIGNING_KEY (at least 32 characters; required in production). Elsewhere a random key
 * is made once in `devKeyFile`, which every process of this checkout reads.
 */
export function hopKeyFromEnv(env: NodeJS.ProcessEnv, devKeyFile: string): string {
  const key = env['SUBGRAPH_SIGNING_KEY'];
  if (key !== undefined && key.length >= MIN_KEY_LENGTH) return key;
  if (key !== undefined || env['NODE_ENV'] === 'production')
    throw new Error(`SUBGRAPH_SIGNING_KEY (at least ${MIN_KEY_LENGTH} characters, the same in the gateway and every subgraph) is required${key !== undefined ? '' : ' in production'}`);
  if (!existsSync(devKeyFile)) {
    mkdirSync(path.dirname(devKeyFile), { recursive: true });
    try {
      // 'wx': of several processes starting at once, one writes it and the others read it
      writeFileSync(devKeyFile, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return readFileSync(devKeyFile, 'utf8').trim();
}
