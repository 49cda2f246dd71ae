// Evidence files attached to an objection: PDF, JPEG or PNG, recognised by their first bytes (a
// name or a declared type proves nothing), bounded in number and size, stored in the database.
import { createHash } from 'node:crypto';
import type { EvidenceFile, EvidenceSummary } from '../storage/port';
import { badUserInput } from '../platform/errors';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;

/** As filed through GraphQL: the file's name and its bytes in base64. */
export interface EvidenceInput {
  readonly name: string;
  readonly base64: string;
}

const SIGNATURES: readonly { readonly type: EvidenceFile['contentType']; readonly magic: readonly number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

function typeOf(bytes: Buffer): EvidenceFile['contentType'] | undefined {
  return SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b))?.type;
}

/** The files, checked; a refusal names the file (evidence[i]) and what is wrong with it. */
export function readEvidence(inputs: readonly EvidenceInput[] | null | undefined): EvidenceFile[] {
  const list = inputs ?? [];
  if (list.length > MAX_EVIDENCE_FILES) throw badUserInput('evidence', `at most ${MAX_EVIDENCE_FILES} files`);
  return list.map((input, i) => {
    const at = `evidence[${i}]`;
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200 || /[\u0000-\u001f/\\]/.test(name)) throw badUserInput(`${at}.name`, 'a file name of 1 to 200 characters, without slashes or control characters');
    // a base64 text longer than the largest file it may hold is refused before it is decoded
    if (input.base64.length > Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4 + 4) throw badUserInput(`${at}.base64`, `a file of at most ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MiB`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.base64)) throw badUserInput(`${at}.base64`, 'the file in base64');
    const bytes = Buffer.from(input.base64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_EVIDENCE_BYTES) throw badUserInput(`${at}.base64`, `a file of 1 byte to ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MiB`);
    const contentType = typeOf(bytes);
    if (!contentType) throw badUserInput(`${at}.base64`, 'a PDF, JPEG or PNG file (recognised from its content)');
    return { name, contentType, bytes };
  });
}

export function summaryOf(file: EvidenceFile): EvidenceSummary {
  return { name: file.name, contentType: file.contentType, size: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex') };
}
