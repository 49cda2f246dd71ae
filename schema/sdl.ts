// Derives the GraphQL types of each category's indicators from the catalogue, so a subgraph's
// schema cannot drift from the spec. Subgraphs add their own roots and entity fields around it.
import { ACTIVE_RULES } from './active-rules';
import { indicatorsOf, type AttributeSpec, type Category, type IndicatorSpec } from './catalogue';

function scalarOf(attr: AttributeSpec): string {
  switch (attr.type) {
    case 'Enum':
      return attr.enumName ?? 'String';
    case 'Money':
      return 'Money';
    case 'Date':
      return 'Date';
    case 'Year':
    case 'Int':
      return 'Int';
    case 'USCC':
      return 'ID';
    default:
      return 'String';
  }
}

/** An attribute is nullable when optional or when it has its own, stricter disclosure. */
export function attributeFieldType(attr: AttributeSpec): string {
  const base = scalarOf(attr);
  const item = attr.list ? `[${base}!]` : base;
  return attr.required && !attr.disclosure ? `${item}!` : item;
}

function describe(text: string): string {
  return `"""${text.replace(/"""/g, "'''")}"""`;
}

function recordType(ind: IndicatorSpec, extra: string | undefined): string {
  const lines = [
    describe(`${ind.code} ${ind.nameZh} ${ind.nameEn}. Disclosure ${ind.disclosure}; sources: ${ind.sources.join(', ')}.`),
    `type ${ind.typeName} {`,
    '  "Record id: stable across corrections."',
    '  id: ID!',
    '  "Code of the member agency that submitted the record."',
    '  agency: String!',
    '  "Region code of the submitting unit (500000 = city level)."',
    '  agencyRegion: String!',
    '  receivedAt: DateTime!',
  ];
  for (const attr of ind.attributes) {
    if (attr.note) lines.push(`  ${describe(attr.note)}`);
    lines.push(`  ${attr.name}: ${attributeFieldType(attr)}`);
  }
  if (ACTIVE_RULES[ind.code]) {
    lines.push('  "Whether the entry is in force on `asOf` (default: today)."');
    lines.push('  active(asOf: Date): Boolean!');
  }
  lines.push('  "The newest objection (异议) to this record, if any: while OPEN the record is disputed."');
  lines.push('  objection: Objection');
  if (extra) lines.push(extra);
  lines.push('}');
  return lines.join('\n');
}

/** The field an indicator contributes to `Enterprise`, with its arguments. Always nullable: access may refuse it. */
export function enterpriseField(ind: IndicatorSpec): string {
  const doc = `  ${describe(`${ind.code} ${ind.nameZh}`)}\n`;
  switch (ind.cardinality) {
    case 'ONE':
      return `${doc}  ${ind.field}: ${ind.typeName}`;
    case 'PER_YEAR':
      return `${doc}  ${ind.field}(year: Int): [${ind.typeName}!]`;
    case 'MANY': {
      const window = ind.mainDate ? 'since: Date, until: Date, ' : '';
      return `${doc}  ${ind.field}(${window}first: Int = 100, after: ID): [${ind.typeName}!]`;
    }
  }
}

function enumTypes(indicators: readonly IndicatorSpec[]): string[] {
  const seen = new Map<string, string>();
  for (const ind of indicators) {
    for (const attr of ind.attributes) {
      if (attr.type !== 'Enum' || !attr.enumName || !attr.values) continue;
      const body = `enum ${attr.enumName} {\n${attr.values.map((v) => `  ${v}`).join('\n')}\n}`;
      const prior = seen.get(attr.enumName);
      if (prior !== undefined && prior !== body) throw new Error(`enum ${attr.enumName} has two value sets`);
      seen.set(attr.enumName, body);
    }
  }
  return [...seen.values()];
}

export const COMMON_SCALARS = `
"Amount in yuan as a decimal string with exactly two places, e.g. \\"1250.00\\". Never a float."
scalar Money
"ISO 8601 calendar date, YYYY-MM-DD."
scalar Date
"ISO 8601 date-time in UTC."
scalar DateTime
`;

/**
 * Record and enum types of one category, plus the Enterprise fields that serve them.
 * `extraFields` adds a subgraph's own fields (SDL lines) to record types, by type name.
 */
export function categoryTypeDefs(category: Category, extraFields: Readonly<Record<string, string>> = {}): { types: string; enterpriseFields: string } {
  const indicators = indicatorsOf(category);
  return {
    types: [...enumTypes(indicators), ...indicators.map((i) => recordType(i, extraFields[i.typeName]))].join('\n\n'),
    enterpriseFields: indicators.map(enterpriseField).join('\n'),
  };
}
