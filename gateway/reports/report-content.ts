// What a credit report shows: one query through the gateway as the caller (so it holds exactly
// what that caller may see), read into sections in the catalogue's order. A section or attribute
// the caller may not see is kept as refused, with the reason the API gave, never dropped.
import { Kind, parse, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { INDICATORS, type IndicatorSpec } from '../../schema/catalogue';

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
    shapes.set(ind.field, { paged: field?.arguments?.some((a) => a.name.value === 'first') ?? false, attributes });
  }
  return shapes;
}

function selection(ind: IndicatorSpec, shape: FieldShape | undefined, after?: string): string {
  const args = shape?.paged && after ? `(after: ${JSON.stringify(after)})` : '';
  return `${ind.field}${args} { id agency ${(shape?.attributes ?? []).join(' ')} }`;
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

export type { DocumentNode };
