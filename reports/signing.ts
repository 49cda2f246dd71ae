// Report attestations: what a report says about itself (number, enterprise, version, issuer, times
// and the SHA-256 of its PDF), signed with the issuing system's Ed25519 key. The public keys are
// published (GET /reports/keys), so a receiver can check an attestation without asking us.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * PUBLIC for anyone, MEMBER for member agencies, FULL for the credit administration, SUBJECT for
 * the enterprise itself, SPECIAL the special credit report (专项信用报告) the enterprise asks for,
 * CHECK a credit check (联合奖惩核查) as it was answered.
 */
export type ReportVersion = 'PUBLIC' | 'MEMBER' | 'FULL' | 'SUBJECT' | 'SPECIAL' | 'CHECK';

/** What is signed. Field order is fixed by `canonical`, so the same facts always sign the same bytes. */
export interface ReportFacts {
  readonly number: string;
  readonly version: ReportVersion;
  readonly uscc: string;
  readonly name: string;
  /** When the data was read (查询时间) and the document made (报告时间), ISO 8601. */
  readonly queriedAt: string;
  readonly issuedAt: string;
  readonly issuer: { readonly agency: string | null; readonly region: string };
  readonly requester: { readonly agency: string | null; readonly purpose: string | null };
  readonly pdfSha256: string;
  /** A special report's domains and period: signed with it, so a receiver knows what it covers. */
  readonly scope?: { readonly domains: readonly string[]; readonly from: string; readonly to: string };
  /** A printed credit check: which check, of which scenario and day, over how many enterprises. */
  readonly check?: { readonly id: string; readonly scenario: string; readonly asOf: string; readonly enterprises: number };
}

export interface Attestation {
  readonly facts: ReportFacts;
  /** Id of the signing key, as published. */
  readonly kid: string;
  /** Ed25519 signature over `canonical(facts)`, base64url. */
  readonly signature: string;
}

export function canonical(facts: ReportFacts): Buffer {
  const { number, version, uscc, name, queriedAt, issuedAt, issuer, requester, pdfSha256, scope, check } = facts;
  return Buffer.from(
    JSON.stringify({
      number,
      version,
      uscc,
      name,
      queriedAt,
      issuedAt,
      issuer: { agency: issuer.agency, region: issuer.region },
      requester: { agency: requester.agency, purpose: requester.purpose },
      pdfSha256,
      // present only on special reports: the facts of every other report sign the bytes they always did
      ...(scope ? { scope: { domains: [...scope.domains], from: scope.from, to: scope.to } } : {}),
      ...(check ? { check: { id: check.id, scenario: check.scenario, asOf: check.asOf, enterprises: check.enterprises } } : {}),
    }),
    'utf8',
  );
}

/** A key's id: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export interface PublishedKey {
  readonly kid: string;
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  /** The raw public key, base64url (RFC 8037). */
  readonly x: string;
}

export function publishedKey(publicKey: KeyObject): PublishedKey {
  const jwk = publicKey.export({ format: 'jwk' });
  return { kid: keyId(publicKey), kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) };
}

export class ReportSigner {
  readonly kid: string;
  readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the report signing key must be an Ed25519 private key (PEM, PKCS#8)');
    this.publicKey = createPublicKey(privateKey);
    this.kid = keyId(this.publicKey);
  }

  static fromPem(pem: string): ReportSigner {
    return new ReportSigner(createPrivateKey(pem));
  }

  static generate(): ReportSigner {
    return new ReportSigner(generateKeyPairSync('ed25519').privateKey);
  }

  exportPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  attest(facts: ReportFacts): Attestation {
    return { facts, kid: this.kid, signature: sign(null, canonical(facts), this.privateKey).toString('base64url') };
  }
}

/** Whether `attestation` is signed by one of `keys` (published keys, by id). */
export function signatureHolds(attestation: Attestation, keys: readonly PublishedKey[]): 'VALID' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' {
  const key = keys.find((k) => k.kid === attestation.kid);
  if (!key) return 'UNKNOWN_KEY';
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
  // the kid names the key, but only the key itself proves the signature
  if (keyId(publicKey) !== attestation.kid) return 'UNKNOWN_KEY';
  let signature: Buffer;
  try {
    signature = Buffer.from(attestation.signature, 'base64url');
  } catch {
    return 'BAD_SIGNATURE';
  }
  return verify(null, canonical(attestation.facts), publicKey, signature) ? 'VALID' : 'BAD_SIGNATURE';
}
