// Webhook signatures: HMAC-SHA256 over "<unix seconds>.<body>" with the watch's secret, sent as
// `x-credit-signature: t=<unix seconds>,v1=<hex>`. A receiver recomputes it and rejects a
// timestamp older than a few minutes (replay).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-credit-signature';

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function sign(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** The receiver's side, as the README shows it: true when the header is this body's signature, made within `toleranceS`. */
export function verifySignature(secret: string, body: string, header: string, nowS = Math.floor(Date.now() / 1000), toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS || !parts['v1']) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts['v1']);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
