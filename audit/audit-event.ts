// One audit event per operation through the gateway: who asked, why, about which enterprises,
// for which indicators, what came of it and how long it took.
import { randomUUID } from 'node:crypto';
import { Kind, visit, type DocumentNode } from 'graphql';
import type { Caller } from '../auth/caller';
import { INDICATORS } from '../schema/catalogue';
import { isValidUscc } from '../schema/identifiers';
import { asText } from '../schema/text';
import type { AuditEvent } from '../storage/port';
import { documentHash } from '../platform/document-hash';

// the event's shape is the audit trail's record, defined with its store
export type { AuditEvent } from '../storage/port';

const INDICATOR_BY_FIELD = new Map(INDICATORS.map((i) => [i.field, i.code]));
/** Arguments that name enterprises. */
const ENTERPRISE_ARGS = new Set(['uscc', 'usccs']);

export function hashDocument(query: string | undefined): string | null {
  return query ? documentHash(query) : null;
}

/** What the audit needs of a document, worked out once per document (the server reuses parsed documents). */
interface DocumentFacts {
  /** Indicator codes whose fields the document selects. */
  readonly indicators: string[];
  /** Codes written into the document's enterprise arguments. */
  readonly literalCodes: string[];
  /** Variables passed to enterprise arguments. */
  readonly codeVariables: string[];
}

const factsCache = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(document: DocumentNode): DocumentFacts {
  const cached = factsCache.get(document);
  if (cached) return cached;
  const indicators = new Set<string>();
  const literalCodes = new Set<string>();
  const codeVariables = new Set<string>();
  visit(document, {
    Field(node) {
      const code = INDICATOR_BY_FIELD.get(node.name.value);
      if (code) indicators.add(code);
    },
    Argument(node) {
      if (!ENTERPRISE_ARGS.has(node.name.value)) return;
      if (node.value.kind === Kind.STRING) collectCodes(node.value.value, literalCodes);
      if (node.value.kind === Kind.LIST) for (const v of node.value.values) if (v.kind === Kind.STRING) collectCodes(v.value, literalCodes);
      if (node.value.kind === Kind.VARIABLE) codeVariables.add(node.value.name.value);
    },
  });
  const facts = { indicators: [...indicators].sort(), literalCodes: [...literalCodes], codeVariables: [...codeVariables] };
  factsCache.set(document, facts);
  return facts;
}

/** Indicator codes whose fields the document selects. */
export function indicatorsSelected(document: DocumentNode | undefined): string[] {
  return document ? factsOf(document).indicators : [];
}

/** A code, or a list of codes, given as an argument value. */
function collectCodes(value: unknown, out: Set<string>): void {
  if (typeof value === 'string' && isValidUscc(value)) out.add(value);
  else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string' && isValidUscc(v)) out.add(v);
}

/** Enterprises the operation named in its arguments (those it received are reported by the subgraphs). */
export function enterprisesNamed(document: DocumentNode | undefined, variables: Record<string, unknown> | undefined): string[] {
  if (!document) return [];
  const facts = factsOf(document);
  const out = new Set(facts.literalCodes);
  for (const name of facts.codeVariables) collectCodes(variables?.[name], out);
  return [...out];
}

export interface AuditInput {
  readonly caller: Caller;
  readonly clientAddress?: string;
  readonly purpose?: string;
  readonly operationName?: string | null;
  readonly operationType?: string | null;
  readonly query?: string;
  /** The query's SHA-256 when the server has it already (Apollo Server's queryHash: the same hash of the same text). */
  readonly queryHash?: string;
  readonly document?: DocumentNode;
  readonly variables?: Record<string, unknown>;
  readonly data?: unknown;
  readonly errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  readonly startedAt: number;
  /** Enterprises the subgraphs reported they returned. */
  readonly returned?: readonly string[];
}

const REFUSAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/** Who asked, as every audit event records it; nothing when the caller is not known. */
export function callerFields(caller: Caller | undefined): Pick<AuditEvent, 'subject' | 'client' | 'username' | 'agency' | 'region' | 'roles'> {
  return {
    subject: caller?.subject ?? null,
    client: caller?.clientId ?? null,
    username: caller?.username ?? null,
    agency: caller?.agency ?? null,
    region: caller?.region ?? null,
    roles: caller ? [...caller.roles].sort() : [],
  };
}

/** An event for what a REST route does outside GraphQL (a report issued, verified or downloaded, the trail read). */
export function routeEvent(input: {
  readonly caller: Caller;
  readonly clientAddress?: string;
  readonly purpose?: string;
  readonly operationName: string;
  readonly enterprises: readonly string[];
  readonly indicators?: readonly string[];
  readonly outcome?: AuditEvent['outcome'];
  readonly report?: AuditEvent['report'];
  readonly delivery?: AuditEvent['delivery'];
}): AuditEvent {
  return {
    id: randomUUID(),
    time: new Date(),
    ...callerFields(input.caller),
    clientAddress: input.clientAddress ?? null,
    operationName: input.operationName,
    operationType: null,
    documentHash: null,
    enterprises: [...input.enterprises],
    indicators: [...(input.indicators ?? [])],
    purpose: input.purpose ?? null,
    outcome: input.outcome ?? 'OK',
    refused: [],
    errorCodes: [],
    durationMs: 0,
    ...(input.report ? { report: input.report } : {}),
    ...(input.delivery ? { delivery: input.delivery } : {}),
  };
}

export function buildAuditEvent(input: AuditInput): AuditEvent {
  const errors = input.errors ?? [];
  const codes = errors.map((e) => asText(e.extensions?.['code']) || 'UNKNOWN');
  const refused = errors.filter((e) => REFUSAL_CODES.has(String(e.extensions?.['code'])) && e.path).map((e) => ({ path: (e.path ?? []).join('.'), code: String(e.extensions?.['code']) }));
  const hasData = input.data !== undefined && input.data !== null;
  return {
    id: randomUUID(),
    time: new Date(input.startedAt),
    ...callerFields(input.caller),
    clientAddress: input.clientAddress ?? null,
    operationName: input.operationName ?? null,
    operationType: input.operationType ?? null,
    documentHash: input.query ? (input.queryHash ?? hashDocument(input.query)) : null,
    enterprises: [...new Set([...enterprisesNamed(input.document, input.variables), ...(input.returned ?? [])])].sort(),
    indicators: indicatorsSelected(input.document),
    purpose: input.purpose ?? null,
    outcome: errors.length === 0 ? 'OK' : hasData ? 'PARTIAL' : 'ERROR',
    refused,
    errorCodes: [...new Set(codes)].sort(),
    durationMs: Math.round((Date.now() - input.startedAt) * 10) / 10,
    ...bidderCheckDetails(input.data),
  };
}

interface BidderCheckData {
  bidderCheck?: { tenderRef?: string | null; bidDate?: string | null; results?: { uscc?: string; verdict?: string }[] } | null;
}

function bidderCheckDetails(data: unknown): Pick<AuditEvent, 'bidderCheck'> {
  const report = (data as BidderCheckData | null | undefined)?.bidderCheck;
  if (!report) return {};
  return {
    bidderCheck: {
      tenderRef: report.tenderRef ?? null,
      bidDate: report.bidDate ?? null,
      verdicts: (report.results ?? []).map((r) => ({ uscc: String(r.uscc ?? ''), verdict: r.verdict ?? null })),
    },
  };
}
