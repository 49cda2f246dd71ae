// The verdicts of report verification, from the register entry and what is presented.
import { ReportSigner, type ReportFacts } from '../../reports/signing';
import { verify } from '../../reports/verification';
import type { IssuedReport } from '../../storage/port';
import { retiredKeysFrom } from '../../reports/report-config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const signer = ReportSigner.generate();
const keys = [{ kid: signer.kid, kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(signer.publicKey.export({ format: 'jwk' }).x) }];

function issued(number: string, pdfSha256: string): IssuedReport {
  const facts: ReportFacts = {
    number,
    version: 'PUBLIC',
    uscc: 'U',
    name: 'N',
    queriedAt: '2026-11-26T08:00:00Z',
    issuedAt: '2026-11-26T08:00:01Z',
    issuer: { agency: null, region: '500000' },
    requester: { agency: null, purpose: null },
    pdfSha256,
  };
  return { number, issuedAt: new Date(facts.issuedAt), uscc: 'U', version: 'PUBLIC', subject: null, agency: null, purpose: null, pdfSha256, attestation: JSON.stringify(signer.attest(facts)) };
}

const A = issued('R20261126160000-500000-AAAA', 'a'.repeat(64));
const B = issued('R20261126160000-500000-BBBB', 'b'.repeat(64));

it('is genuine when the number is registered, the hash matches and the register entry is signed', () => {
  expect(verify({ number: A.number, pdfSha256: A.pdfSha256 }, A, A, keys)).toMatchObject({ genuine: true, report: { number: A.number, uscc: 'U' } });
});

it('says why it is not', () => {
  expect(verify({ number: 'R20261126160000-500000-CCCC', pdfSha256: A.pdfSha256 }, undefined, A, keys).reason).toBe(
    `no report numbered R20261126160000-500000-CCCC was issued by this system; this document is report ${A.number}`,
  );
  expect(verify({ number: A.number, pdfSha256: 'c'.repeat(64) }, A, undefined, keys).reason).toMatch(/SHA-256 differs/);
  expect(verify({ number: B.number, pdfSha256: A.pdfSha256 }, B, A, keys).reason).toBe(`this document is report ${A.number}, not ${B.number}`);
  // a register row changed behind the service's back no longer carries a valid signature
  expect(verify({ number: A.number, pdfSha256: 'c'.repeat(64) }, { ...A, pdfSha256: 'c'.repeat(64) }, undefined, keys).reason).toMatch(/does not carry a valid signature/);
  const stranger = ReportSigner.generate();
  const facts = JSON.parse(A.attestation).facts as ReportFacts;
  expect(verify({ number: A.number, pdfSha256: A.pdfSha256, attestation: stranger.attest(facts) }, A, A, keys).reason).toMatch(/does not publish/);
  expect(verify({ number: A.number, pdfSha256: A.pdfSha256, attestation: { ...signer.attest({ ...facts, name: 'Other' }), facts } }, A, A, keys).reason).toMatch(/does not match its signature/);
  expect(verify({ number: A.number, pdfSha256: A.pdfSha256, attestation: signer.attest({ ...facts, name: 'Other' }) }, A, A, keys).reason).toMatch(/differs from the register entry/);
});

it('still accepts reports signed with a retired key, once its published form is configured', () => {
  const retired = ReportSigner.generate();
  const facts = { ...(JSON.parse(A.attestation) as { facts: ReportFacts }).facts };
  const old = { ...A, attestation: JSON.stringify(retired.attest(facts)) };
  expect(verify({ number: A.number, pdfSha256: A.pdfSha256 }, old, old, keys).genuine).toBe(false);
  const published = (signer: ReportSigner) => ({ kid: signer.kid, kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(signer.publicKey.export({ format: 'jwk' }).x) });
  expect(verify({ number: A.number, pdfSha256: A.pdfSha256 }, old, old, [...keys, published(retired)]).genuine).toBe(true);
});

it('reads retired keys as GET /reports/keys published them, and names a bad file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
  const good = path.join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ keys: [{ kid: 'abcd', kty: 'OKP', crv: 'Ed25519', x: 'xyz' }] }));
  expect(retiredKeysFrom(good)).toEqual([{ kid: 'abcd', kty: 'OKP', crv: 'Ed25519', x: 'xyz' }]);
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ keys: [{ kid: 'abcd', kty: 'RSA' }] }));
  expect(() => retiredKeysFrom(bad)).toThrow(/REPORT_RETIRED_KEYS_FILE: .* must hold/);
  expect(retiredKeysFrom(undefined)).toEqual([]);
});
