// What a credit report shows: one query through the gateway as the caller (so it holds exactly
// what that caller may see), read into sections in the catalogue's order. A section or attribute
// the caller may not see is kept as refused, with the reason the API gave, never dropped.
import { Kind, parse, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { INDICATORS, SUBGRAPH_OF, type IndicatorSpec } from '../schema/catalogue';
import type { Category } from '../schema/catalogue/types';

/**
 * Records per page: the schema's default page. Asking for more (`first`) would multiply the
 * query's estimated cost past the limit every query has; a longer section is read page by page.
 */
export const PAGE = 100;

export interface RefusedPart {
  readonly code: string;
  readonly message: string;
}

export interface ReportSection {
  readonly indicator: IndicatorSpec;
  /** Null when the whole indicator is refused. */
  readonly records: Record<string, unknown>[] | null;
  readonly refused?: RefusedPart;
  /** Attributes refused in at least one record, with the reason. */
  readonly refusedAttributes: ReadonlyMap<string, RefusedPart>;
}

export interface ReportContent {
  readonly uscc: string;
  readonly name: string;
  readonly sections: readonly ReportSection[];
}

interface FieldShape {
  readonly paged: boolean;
  readonly attributes: readonly string[];
  /** Whether the record type carries its objection (异议), printed as a mark. */
  readonly objection: boolean;
  /** Whether the record type carries the enterprise's statement (本人声明), printed with the record. */
  readonly statement: boolean;
}

/** How each indicator field is asked for, read from the supergraph: paging arguments and the record type's fields. */
export function fieldShapes(supergraphSdl: string): ReadonlyMap<string, FieldShape> {
  const types = new Map<string, ObjectTypeDefinitionNode>();
  for (const d of parse(supergraphSdl).definitions) if (d.kind === Kind.OBJECT_TYPE_DEFINITION) types.set(d.name.value, d);
  const enterprise = types.get('Enterprise');
  const shapes = new Map<string, FieldShape>();
  for (const ind of INDICATORS) {
    const field = enterprise?.fields?.find((f) => f.name.value === ind.field);
    const own = new Set(types.get(ind.typeName)?.fields?.map((f) => f.name.value));
    const attributes = [...ind.attributes.map((a) => a.name), ...(own.has('repairedOn') ? ['repairedOn'] : [])].filter((a) => own.has(a));
    shapes.set(ind.field, { paged: field?.arguments?.some((a) => a.name.value === 'first') ?? false, attributes, objection: own.has('objection'), statement: own.has('statement') });
  }
  return shapes;
}

function selection(ind: IndicatorSpec, shape: FieldShape | undefined, after?: string): string {
  const args = shape?.paged && after ? `(after: ${JSON.stringify(after)})` : '';
  return `${ind.field}${args} { id agency ${(shape?.attributes ?? []).join(' ')}${shape?.objection ? ' objection { status filedAt dueAt }' : ''}${shape?.statement ? ' statement { text at }' : ''} }`;
}

/** The whole report in one operation: every indicator, every attribute. */
export function reportQuery(shapes: ReadonlyMap<string, FieldShape>): string {
  return `query CreditReport($u: ID, $r: String) { enterprise(uscc: $u, registrationNo: $r) { uscc name ${INDICATORS.map((i) => selection(i, shapes.get(i.field))).join(' ')} } }`;
}

/** The next page of one indicator, after the record `after`. */
export function pageQuery(ind: IndicatorSpec, shapes: ReadonlyMap<string, FieldShape>, after: string): string {
  return `query CreditReportPage($u: ID) { enterprise(uscc: $u) { ${selection(ind, shapes.get(ind.field), after)} } }`;
}

export interface GraphQLErrorLike {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

const asRecords = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : value && typeof value === 'object' ? [value as Record<string, unknown>] : [];

/** Sections from the answer to `reportQuery` (and pages appended to `extra`, by field). */
export function readSections(enterprise: Record<string, unknown>, errors: readonly GraphQLErrorLike[], extra: ReadonlyMap<string, Record<string, unknown>[]> = new Map()): ReportSection[] {
  const refusedField = new Map<string, RefusedPart>();
  const refusedAttribute = new Map<string, Map<string, RefusedPart>>();
  for (const e of errors) {
    const [root, field, ...rest] = e.path ?? [];
    if (root !== 'enterprise' || typeof field !== 'string') continue;
    const part = { code: typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : 'ERROR', message: e.message };
    const attribute = rest.find((p): p is string => typeof p === 'string');
    if (attribute) {
      const byAttribute = refusedAttribute.get(field) ?? new Map<string, RefusedPart>();
      if (!byAttribute.has(attribute)) byAttribute.set(attribute, part);
      refusedAttribute.set(field, byAttribute);
    } else if (!refusedField.has(field)) refusedField.set(field, part);
  }
  return INDICATORS.map((indicator) => {
    const refused = refusedField.get(indicator.field);
    const value = enterprise[indicator.field];
    const records = refused && (value === null || value === undefined) ? null : [...asRecords(value), ...(extra.get(indicator.field) ?? [])];
    return { indicator, records, ...(refused && records === null ? { refused } : {}), refusedAttributes: refusedAttribute.get(indicator.field) ?? new Map() };
  });
}

/** The codes by which the access rules refuse a field; any other error means a part was not read. */
const DISCLOSURE_REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const INDICATOR_OF_FIELD = new Map(INDICATORS.map((i) => [i.field, i]));

const CATEGORY_OF_SUBGRAPH = new Map(Object.entries(SUBGRAPH_OF).map(([category, subgraph]) => [subgraph as string, category as Category]));
const categoryOfService = (name: unknown): Category | undefined => (typeof name === 'string' ? CATEGORY_OF_SUBGRAPH.get(name) : undefined);

export interface UnreadPart {
  /** The category that could not be read; null when the error names no indicator (the whole record is in doubt). */
  readonly category: Category | null;
  readonly indicators: readonly string[];
  /** The first reason given, as the API gave it. */
  readonly reason: string;
}

/**
 * The parts of an answer that were not read: an error other than a disclosure refusal (a subgraph
 * down or late, a database failure, a limit), or an indicator missing from the answer without
 * a refusal. A report, a verdict or a count built from such an answer would state an absence it
 * never read, so its builder refuses instead.
 */
export function unreadParts(enterprise: Record<string, unknown> | null, errors: readonly GraphQLErrorLike[]): UnreadPart[] {
  const byCategory = new Map<Category | null, { indicators: Set<string>; reason: string }>();
  const add = (category: Category | null, indicator: string | undefined, reason: string) => {
    const part = byCategory.get(category) ?? { indicators: new Set<string>(), reason };
    if (indicator) part.indicators.add(indicator);
    byCategory.set(category, part);
  };
  const refusedFields = new Set<string>();
  for (const e of errors) {
    const [root, field] = e.path ?? [];
    const indicator = root === 'enterprise' && typeof field === 'string' ? INDICATOR_OF_FIELD.get(field) : undefined;
    const code = e.extensions?.['code'];
    if (indicator && typeof code === 'string' && DISCLOSURE_REFUSALS.has(code)) {
      refusedFields.add(indicator.field);
      continue;
    }
    // a failed fetch names its subgraph; the enterprise itself is the identity subgraph's
    const category = indicator?.category ?? categoryOfService(e.extensions?.['serviceName']) ?? (root === 'enterprise' && field === undefined ? 'IDENTITY' : null);
    add(category, indicator?.code, e.message);
  }
  if (enterprise) for (const ind of INDICATORS) if (enterprise[ind.field] === undefined && !refusedFields.has(ind.field)) add(ind.category, ind.code, 'not in the answer');
  return [...byCategory].map(([category, part]) => ({ category, indicators: [...part.indicators].sort(), reason: part.reason }));
}

export type { DocumentNode };
