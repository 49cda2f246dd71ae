// Whether a presented credit report is genuine: its number is in the register, the document's
// SHA-256 is the one issued under that number, and the register's signed statement (or one the
// receiver presents) holds under a key this system publishes. Pure: the route fetches what it needs.
import type { IssuedReport } from '../storage/port';
import { canonical, signatureHolds, type Attestation, type PublishedKey, type ReportFacts } from './signing';

export interface Presented {
  readonly number: string;
  readonly pdfSha256: string;
  /** A statement the receiver holds (e.g. saved from an earlier verification), to check too. */
  readonly attestation?: Attestation;
}

export interface Verdict {
  readonly genuine: boolean;
  /** Why not, in words a receiver can act on. */
  readonly reason?: string;
  /** What the public version of the report shows about itself. */
  readonly report?: Pick<ReportFacts, 'number' | 'version' | 'uscc' | 'name' | 'issuedAt' | 'issuer' | 'scope' | 'check'>;
  /** The register's signed statement, for checking offline against the published key. */
  readonly attestation?: Attestation;
}

export function publicFacts(facts: ReportFacts): NonNullable<Verdict['report']> {
  return {
    number: facts.number,
    version: facts.version,
    uscc: facts.uscc,
    name: facts.name,
    issuedAt: facts.issuedAt,
    issuer: facts.issuer,
    ...(facts.scope ? { scope: facts.scope } : {}),
    ...(facts.check ? { check: facts.check } : {}),
  };
}

export function verify(presented: Presented, issued: IssuedReport | undefined, issuedWithHash: IssuedReport | undefined, keys: readonly PublishedKey[]): Verdict {
  if (!issued) {
    const other = issuedWithHash ? `; this document is report ${issuedWithHash.number}` : '';
    return { genuine: false, reason: `no report numbered ${presented.number} was issued by this system${other}` };
  }
  const registered = JSON.parse(issued.attestation) as Attestation;
  // the register itself must hold: a row changed behind the service's back fails here
  if (signatureHolds(registered, keys) !== 'VALID' || registered.facts.pdfSha256 !== issued.pdfSha256 || registered.facts.number !== issued.number) {
    return { genuine: false, reason: `the register entry of report ${issued.number} does not carry a valid signature` };
  }
  if (presented.pdfSha256 !== issued.pdfSha256) {
    if (issuedWithHash && issuedWithHash.number !== issued.number) return { genuine: false, reason: `this document is report ${issuedWithHash.number}, not ${issued.number}` };
    return { genuine: false, reason: `the document is not the one issued as ${issued.number}: its SHA-256 differs, so it was changed after issue` };
  }
  if (presented.attestation) {
    const held = signatureHolds(presented.attestation, keys);
    if (held === 'UNKNOWN_KEY') return { genuine: false, reason: `the statement presented is signed with key ${presented.attestation.kid}, which this system does not publish` };
    if (held === 'BAD_SIGNATURE') return { genuine: false, reason: 'the statement presented does not match its signature' };
    if (!canonical(presented.attestation.facts).equals(canonical(registered.facts))) return { genuine: false, reason: `the statement presented differs from the register entry of ${issued.number}` };
  }
  return { genuine: true, report: publicFacts(registered.facts), attestation: registered };
}
