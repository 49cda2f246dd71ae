// The shape of every JSON body the report routes take, checked before anything uses it (zod: a
// well-kept schema library, so a field's type, length and presence are declared, not probed).
// A body that does not fit is refused with the path of what is wrong; nothing larger than these
// bounds is ever handed to the signature check, the register or the PDF reader.
import { z } from 'zod';

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 as 64 hexadecimal digits');

const facts = z.strictObject({
  number: text(40),
  version: z.enum(['PUBLIC', 'MEMBER', 'FULL', 'SUBJECT', 'SPECIAL', 'CHECK']),
  uscc: text(18),
  name: text(200),
  queriedAt: text(40),
  issuedAt: text(40),
  issuer: z.strictObject({ agency: text(40).nullable(), region: text(6) }),
  requester: z.strictObject({ agency: text(40).nullable(), purpose: text(40).nullable() }),
  pdfSha256: hex64,
  scope: z.strictObject({ domains: z.array(text(40)).max(40), from: text(10), to: text(10) }).optional(),
  check: z.strictObject({ id: text(100), scenario: text(40), asOf: text(10), enterprises: z.number().int().min(0).max(1000) }).optional(),
});

/** An Ed25519 signature is 64 bytes: 86 characters of base64url. */
export const attestationBody = z.strictObject({
  facts,
  kid: text(64),
  signature: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'an Ed25519 signature in base64url'),
});

export const verifyBody = z.strictObject({ number: text(40).optional(), sha256: hex64, attestation: attestationBody.optional() });

/** `special`: a special credit report (专项信用报告) of the chosen domains and period, for the enterprise itself. */
export const issueBody = z.strictObject({
  uscc: text(40).optional(),
  registrationNo: text(40).optional(),
  special: z.strictObject({ domains: z.array(text(40)).max(40), from: text(10), to: text(10) }).optional(),
  /** A credit check as it was answered, printed and signed (联合奖惩核查记录). */
  checkId: text(100).optional(),
});
