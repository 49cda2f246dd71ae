// Issuing and verifying credit reports. A report is built from the caller's own query through
// the gateway (limits, access rules and audit apply as to any query), rendered, signed, entered
// in the register, and audited; verification checks a presented document against the register.
import { createHash } from 'node:crypto';
import { isAdmin, isMember, isSubjectOf, readOwnRecord } from '../auth/policy';
import { enforce } from '../auth/access';
import { todayIso } from '../schema/today';
import { domainFindings, readScope } from './special-report';
import { graphqlError } from '../platform/errors';
import type { GraphQLError } from 'graphql';
import { INDICATORS } from '../schema/catalogue';
import type { AuditStore, IssuedReport, ReportRegistry } from '../storage/port';
import type { AuditLog } from '../audit/audit-log';
import { routeEvent, type AuditEvent } from '../audit/audit-event';
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';
import { fieldShapes, PAGE, pageQuery, readSections, reportQuery, unreadParts, type GraphQLErrorLike, type ReportContent, type UnreadPart } from './report-content';
import { CATEGORY_LABELS } from '../schema/catalogue/labels';
import { renderCheckReport, renderReport, type CheckContent, type QueryRecordRow, type ReportHeader } from './report-document';
import { REPORT_NUMBER, reportNumber } from './report-number';
import { publishedKey, type Attestation, type PublishedKey, type ReportFacts, type ReportVersion } from './signing';
import type { ReportSettings } from './report-config';
import { publicFacts, verify, type Verdict } from './verification';
import { asText } from '../schema/text';
import { countsAsMemberQuery } from '../subject/query-record';

/** The report settings (signing key, retired keys, font, public URL) and what the service works with. */
/** What a report needs of the request it is made for: who asks, why, from where. */
export interface ReportRequest {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  readonly clientAddress?: string;
}

/** An operation's answer, as the report reads it. */
export interface OperationResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors: readonly GraphQLErrorLike[];
}

export interface ReportServiceOptions<C extends ReportRequest> extends ReportSettings {
  /** Runs one operation through the gateway as the requester: limits, access rules and audit apply as to any query. */
  readonly run: (context: C, query: string, variables: Record<string, unknown>) => Promise<OperationResult>;
  /** A request of the public, signed out: how verification reads what anyone may see now. */
  readonly publicRequest: () => C;
  readonly registry: ReportRegistry;
  readonly audit: { readonly log: AuditLog; readonly store: AuditStore };
  readonly supergraphSdl: string;
}

export interface IssuedDocument {
  readonly number: string;
  readonly version: ReportVersion;
  readonly pdf: Buffer;
  readonly pdfSha256: string;
  readonly attestation: Attestation;
}

/**
 * Whose version a caller gets: the enterprise itself (signed in as its credit subject) its own
 * whole record, free of any purpose; the credit administration the full one; member agencies
 * theirs; everyone else the public one.
 */
export function versionFor(context: ReportRequest, uscc?: string): ReportVersion {
  if (isSubjectOf(context.caller, uscc)) return 'SUBJECT';
  if (isAdmin(context.caller)) return 'FULL';
  if (isMember(context.caller)) return 'MEMBER';
  return 'PUBLIC';
}

const YEAR_MS = 365 * 86_400_000;
/** Member queries of one enterprise a report's query record reads at most. */
const QUERY_RECORD_LIMIT = 50_000;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const CHECK_QUERY = `query CreditCheckReport($id: ID!) { creditCheckResult(id: $id) {
  id scenario asOf reference ruleSetVersion checkedAt
  results { uscc name verdict problem measures { code name kind legalBasis evidence { recordId summary } } }
  relatedParties { kind sharedParty usccs }
} }`;

export class ReportService<C extends ReportRequest> {
  private readonly shapes;

  constructor(private readonly options: ReportServiceOptions<C>) {
    this.shapes = fieldShapes(options.supergraphSdl);
  }

  verifyUrl(number: string): string {
    return `${this.options.publicUrl}/reports/verify?number=${encodeURIComponent(number)}`;
  }

  /** `special`: a special credit report (专项信用报告) of these domains and period, for the enterprise itself. */
  async issue(context: C, target: { uscc?: string; registrationNo?: string }, special?: { domains: readonly string[]; from: string; to: string }): Promise<IssuedDocument> {
    const asMember = versionFor(context);
    const queriedAt = new Date();
    if (special) {
      enforce(readOwnRecord(context.caller));
      if (target.uscc === undefined) throw graphqlError('BAD_USER_INPUT', 'a special credit report names the enterprise by its uscc');
      // about another enterprise: refused before anything of it is read
      if (target.uscc !== context.caller.enterprise) throw graphqlError('FORBIDDEN', 'a special credit report is issued to the enterprise itself, about itself');
    }
    const scope = special ? readScope(special, todayIso(queriedAt)) : undefined;
    if (asMember !== 'PUBLIC' && !context.purpose) throw graphqlError('BAD_REQUEST', 'a member or full report reads member data: state why in the x-query-purpose header');
    const content = await this.read(context, target);
    // the enterprise's own version once the record read is known to be its own
    const own = versionFor(context, content.uscc);
    if (scope && own !== 'SUBJECT') throw graphqlError('FORBIDDEN', 'a special credit report is issued to the enterprise itself, about itself');
    const version: ReportVersion = scope ? 'SPECIAL' : own;
    const findings = scope ? domainFindings(content, scope) : undefined;
    const queryRecord = version === 'PUBLIC' || version === 'SPECIAL' ? null : await this.queryRecord(content.uscc, queriedAt);
    const requester = { agency: context.caller.agency ?? null, purpose: version === 'PUBLIC' ? null : (context.purpose ?? null) };
    return this.signAndRegister(context, { version, uscc: content.uscc, name: content.name, queriedAt, requester, ...(scope ? { scope } : {}) }, (header) =>
      renderReport({
        header,
        content,
        queryRecord,
        fontPath: this.options.fontPath,
        fontFamily: this.options.fontFamily,
        ...(scope && findings ? { special: { scope, findings } } : {}),
      }),
    );
  }

  /**
   * A credit check as it was answered (联合奖惩核查记录), printed and signed like a report: read through
   * the gateway as the requester, so only the unit that ran it (or a credit administrator) gets it.
   */
  async issueCheck(context: C, checkId: string): Promise<IssuedDocument> {
    if (isMember(context.caller) && !context.purpose) throw graphqlError('BAD_REQUEST', 'a credit check reads member data: state why in the x-query-purpose header');
    const result = await this.execute(context, CHECK_QUERY, { id: checkId });
    const check = result.data?.['creditCheckResult'] as CheckContent | null | undefined;
    if (!check) {
      const error = result.errors[0];
      const code = error?.extensions?.['code'];
      if (error && (code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'BAD_REQUEST')) throw graphqlError(code, error.message);
      if (error) throw graphqlError('SERVICE_UNAVAILABLE', 'no report was issued: the check could not be read; try again shortly');
      throw graphqlError('NOT_FOUND', `no credit check ${checkId.slice(0, 60)} of yours`);
    }
    const requester = { agency: context.caller.agency ?? null, purpose: context.purpose ?? null };
    const facts = {
      version: 'CHECK' as const,
      uscc: '',
      name: `联合奖惩核查 ${check.scenario}`,
      queriedAt: new Date(check.checkedAt),
      requester,
      check: { id: check.id, scenario: check.scenario, asOf: check.asOf, enterprises: check.results.length },
    };
    return this.signAndRegister(
      context,
      facts,
      (header) => renderCheckReport({ header, check, fontPath: this.options.fontPath, fontFamily: this.options.fontFamily }),
      check.results.filter((r) => r.verdict !== 'NOT_FOUND').map((r) => r.uscc),
    );
  }

  /** Renders, signs and registers a document under a fresh number; its issue is recorded before it leaves. */
  private async signAndRegister(
    context: C,
    facts: Pick<ReportFacts, 'version' | 'uscc' | 'name' | 'scope' | 'check'> & { queriedAt: Date; requester: ReportFacts['requester'] },
    render: (header: ReportHeader) => Promise<Buffer>,
    enterprises: readonly string[] = [facts.uscc],
  ): Promise<IssuedDocument> {
    const issuer = { agency: context.caller.agency ?? null, region: context.caller.region ?? '500000' };
    const { version, requester, queriedAt } = facts;
    // a number drawn twice in the same second and region is drawn again
    for (let attempt = 0; attempt < 5; attempt++) {
      const issuedAt = new Date();
      const number = reportNumber(issuer.region, issuedAt);
      const pdf = await render({ number, version, queriedAt, issuedAt, issuer, requester, kid: this.options.signer.kid, verifyUrl: this.verifyUrl(number) });
      const pdfSha256 = sha256(pdf);
      const attestation = this.options.signer.attest({
        number,
        version,
        uscc: facts.uscc,
        name: facts.name,
        queriedAt: queriedAt.toISOString(),
        issuedAt: issuedAt.toISOString(),
        issuer,
        requester,
        pdfSha256,
        ...(facts.scope ? { scope: facts.scope } : {}),
        ...(facts.check ? { check: facts.check } : {}),
      });
      const entry: IssuedReport = {
        number,
        issuedAt,
        uscc: facts.uscc,
        version,
        subject: context.caller.subject ?? null,
        agency: requester.agency,
        purpose: requester.purpose,
        pdfSha256,
        attestation: JSON.stringify(attestation),
      };
      // the issue is in the query record before the report is: no report without its record
      await this.record(context, { number, action: 'ISSUED', version }, [...enterprises]);
      // an anonymous caller's report is returned, not kept: anyone may ask for one, and its entry is all verification needs
      if (!(await this.options.registry.register(entry, context.caller.anonymous ? null : pdf))) continue;
      return { number, version, pdf, pdfSha256, attestation };
    }
    throw graphqlError('INTERNAL_SERVER_ERROR', 'could not draw a free report number');
  }

  /** The enterprise's sections as the caller sees them, every page of every indicator. */
  private async read(context: C, target: { uscc?: string; registrationNo?: string }): Promise<ReportContent> {
    const first = await this.execute(context, reportQuery(this.shapes), { u: target.uscc ?? null, r: target.registrationNo ?? null });
    const enterprise = first.data?.['enterprise'] as Record<string, unknown> | null | undefined;
    if (!enterprise) {
      const error = first.errors[0];
      const code = error?.extensions?.['code'];
      if (error && (code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')) throw graphqlError(code, error.message);
      // "no such enterprise" is said only when the look-up was answered
      if (error) throw unreadError(unreadParts(null, first.errors));
      throw graphqlError('NOT_FOUND', `no enterprise is registered under ${target.uscc ?? target.registrationNo ?? ''}`);
    }
    const uscc = String(enterprise['uscc']);
    const extra = new Map<string, Record<string, unknown>[]>();
    const errors: GraphQLErrorLike[] = [...first.errors];
    for (const ind of INDICATORS) {
      let page = enterprise[ind.field];
      // a long section is read to its end: the report never stops at a page without saying so
      while (this.shapes.get(ind.field)?.paged && Array.isArray(page) && page.length === PAGE) {
        const after = String((page[page.length - 1] as { id: unknown }).id);
        const next = await this.execute(context, pageQuery(ind, this.shapes, after), { u: uscc });
        page = (next.data?.['enterprise'] as Record<string, unknown> | undefined)?.[ind.field];
        if (Array.isArray(page)) extra.set(ind.field, [...(extra.get(ind.field) ?? []), ...(page as Record<string, unknown>[])]);
        errors.push(...next.errors);
      }
    }
    // a report states absences ("无记录"): it is issued only when every part it includes was read
    const unread = unreadParts(enterprise, errors);
    if (unread.length > 0) throw unreadError(unread);
    return { uscc, name: asText(enterprise['name']), sections: readSections(enterprise, errors, extra) };
  }

  private async execute(context: C, query: string, variables: Record<string, unknown>): Promise<OperationResult> {
    return this.options.run(context, query, variables);
  }

  /** Who queried the enterprise in the 12 months before this report's own query, by agency and purpose, from the audit trail. */
  private async queryRecord(uscc: string, now: Date): Promise<QueryRecordRow[]> {
    // the record printed is read whole or the report is not issued
    const events = await this.options.audit.log
      .flush()
      .then(() => this.options.audit.store.find({ enterprise: uscc, from: new Date(now.getTime() - YEAR_MS), to: new Date(now.getTime() - 1), limit: QUERY_RECORD_LIMIT, memberQueries: true }))
      .catch(() => {
        throw graphqlError('SERVICE_UNAVAILABLE', 'no report was issued: the query record of the last 12 months could not be read; try again shortly');
      });
    // a record cut at the limit would read as complete: refuse rather than print part of it
    if (events.length >= QUERY_RECORD_LIMIT)
      throw graphqlError('SERVICE_UNAVAILABLE', `no report was issued: the enterprise was queried more than ${QUERY_RECORD_LIMIT} times in 12 months, more than a report prints`);
    const rows = new Map<string, { agency: string | null; purpose: string | null; count: number; last: Date }>();
    for (const e of events) {
      if (!countsAsMemberQuery(e)) continue;
      const key = `${e.agency ?? ''}|${e.purpose ?? ''}`;
      const row = rows.get(key) ?? { agency: e.agency, purpose: e.purpose, count: 0, last: e.time };
      row.count++;
      if (e.time > row.last) row.last = e.time;
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => b.last.getTime() - a.last.getTime());
  }

  /**
   * A report's PDF again, for its signed-in requester only (undefined otherwise; an anonymous
   * caller's report is not kept). The download is recorded before it is sent.
   */
  async download(context: C, number: string): Promise<Buffer | undefined> {
    const issued = await this.options.registry.find(number);
    const caller = context.caller;
    if (!issued || caller.anonymous || !caller.subject || issued.subject !== caller.subject) return undefined;
    const pdf = await this.options.registry.pdf(number);
    if (!pdf) return undefined;
    const event = routeEvent({
      caller,
      ...(context.clientAddress ? { clientAddress: context.clientAddress } : {}),
      operationName: 'report.download',
      enterprises: [issued.uscc],
      report: { number, action: 'DOWNLOADED', version: issued.version },
    });
    await this.options.audit.log.record(event).catch(() => {
      throw graphqlError('SERVICE_UNAVAILABLE', 'the report was not sent: its download could not be recorded; try again shortly');
    });
    return pdf;
  }

  /** The register's public facts of a report, for the QR code's link. */
  async lookup(number: string): Promise<{ issued: boolean; issuedAt?: string; version?: ReportVersion }> {
    checkNumber(number);
    const issued = await this.options.registry.find(number);
    if (!issued) return { issued: false };
    return { issued: true, issuedAt: issued.issuedAt.toISOString(), version: issued.version };
  }

  async verify(context: C, number: string, presented: { pdf?: Buffer; sha256?: string; attestation?: Attestation }): Promise<Verdict & { newerRecords?: boolean | null }> {
    checkNumber(number);
    const pdfSha256 = presented.pdf ? sha256(presented.pdf) : (presented.sha256 ?? '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(pdfSha256)) throw graphqlError('BAD_USER_INPUT', 'give the report as a PDF (content-type application/pdf) or its SHA-256 as 64 hexadecimal digits');
    const [issued, withHash] = await Promise.all([this.options.registry.find(number), this.options.registry.findByHash(pdfSha256)]);
    const verdict = verify({ number, pdfSha256, ...(presented.attestation ? { attestation: presented.attestation } : {}) }, issued, withHash, this.keys());
    this.note(context, { number, action: 'VERIFIED', genuine: verdict.genuine, ...(verdict.reason ? { reason: verdict.reason } : {}) }, issued && verdict.genuine && issued.uscc ? [issued.uscc] : []);
    if (!verdict.genuine || !verdict.report) return verdict;
    // a printed check is of many enterprises, as they stood then: there is no one record to compare
    if (verdict.report.version === 'CHECK') return { ...verdict, newerRecords: null };
    return { ...verdict, newerRecords: await this.newerPublicRecords(verdict.report.uscc, new Date(verdict.report.issuedAt)) };
  }

  /** The key reports are signed with now, then those that signed earlier ones. */
  keys(): PublishedKey[] {
    return [publishedKey(this.options.signer.publicKey), ...this.options.retiredKeys];
  }

  /** Whether public records about the enterprise arrived after the report, read as the public reads them; null when that could not be read now. */
  private async newerPublicRecords(uscc: string, since: Date): Promise<boolean | null> {
    const fields = INDICATORS.filter((i) => i.disclosure === 'PUBLIC').map((i) => `${i.field} { receivedAt }`);
    const result = await this.execute(this.options.publicRequest(), `query ReportFreshness($u: ID!) { enterprise(uscc: $u) { ${fields.join(' ')} } }`, { u: uscc });
    const enterprise = (result.data?.['enterprise'] ?? {}) as Record<string, unknown>;
    // "no newer records" is said only of an answer read whole
    if (result.errors.length > 0 || !result.data?.['enterprise']) return null;
    return Object.values(enterprise).some((value) =>
      (Array.isArray(value) ? value : [value]).some((r) => typeof (r as { receivedAt?: unknown } | null)?.receivedAt === 'string' && new Date((r as { receivedAt: string }).receivedAt) > since),
    );
  }

  /** An issue is written before the report leaves; the caller gets 503 and no report if it cannot be. */
  private async record(context: C, report: NonNullable<AuditEvent['report']>, enterprises: string[]): Promise<void> {
    await this.options.audit.log.record(this.event(context, report, enterprises)).catch(() => {
      throw graphqlError('SERVICE_UNAVAILABLE', 'no report was issued: its query record could not be written; try again shortly');
    });
  }

  /** A verification discloses nothing beyond the report's public facts: buffered, refused when the buffer is full. */
  private note(context: C, report: NonNullable<AuditEvent['report']>, enterprises: string[]): void {
    if (!this.options.audit.log.append(this.event(context, report, enterprises)))
      throw graphqlError('SERVICE_UNAVAILABLE', 'verification is unavailable just now: its record could not be kept; try again shortly');
  }

  private event(context: C, report: NonNullable<AuditEvent['report']>, enterprises: string[]): AuditEvent {
    return routeEvent({
      caller: context.caller,
      ...(context.clientAddress ? { clientAddress: context.clientAddress } : {}),
      ...(context.purpose ? { purpose: context.purpose } : {}),
      operationName: report.action === 'ISSUED' ? 'report.issue' : 'report.verify',
      enterprises,
      outcome: report.action === 'VERIFIED' && !report.genuine ? 'ERROR' : 'OK',
      report,
    });
  }
}

/**
 * What the printed query record counts (查询记录): a query of the enterprise by a member agency or
 * the credit administration, for a stated purpose, that was answered (in whole or part).
 * Verifications, refusals, reports themselves, anonymous and non-member callers, and mutations are
 * not queries of the enterprise's credit record and are left out, so they cannot crowd it.
 */
/** SERVICE_UNAVAILABLE naming what could not be read: no report is issued from part of a record. */
function unreadError(unread: readonly UnreadPart[]): GraphQLError {
  const parts = unread.map((p) => (p.category ? `${p.category.toLowerCase()} (${CATEGORY_LABELS[p.category]}${p.indicators.length ? `: ${p.indicators.join(', ')}` : ''})` : 'part of the record'));
  return graphqlError('SERVICE_UNAVAILABLE', `no report was issued: ${parts.join('; ')} could not be read just now (${unread[0]?.reason ?? 'unavailable'}); try again shortly`, {
    extensions: { categories: unread.map((p) => p.category ?? 'UNKNOWN') },
  });
}

function checkNumber(number: string): void {
  if (!REPORT_NUMBER.test(number)) throw graphqlError('BAD_USER_INPUT', `report number: '${number.slice(0, 40)}' is not a report number (like R20261126163501-500103-K7Q2)`);
}

export { publicFacts };
