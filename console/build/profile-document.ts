// The console's profile operations, written from the catalogue and the API schema by
// `npm run compose`: one query for every indicator of an enterprise in catalogue order, and one
// query per paged (adverse) list for the records after the first page. Every leaf field of a
// record type is asked for, so a new attribute in the catalogue reaches the profile page by itself.
import { buildSchema, isLeafType, getNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { INDICATORS } from '../../schema/catalogue';

/** Records asked for per paged list and page. */
export const PROFILE_PAGE_SIZE = 20;

function leafFields(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName) as GraphQLObjectType | undefined;
  if (!type) throw new Error(`the API schema has no type ${typeName}`);
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
    .map((f) => f.name);
}

function isPaged(schema: GraphQLSchema, field: string): boolean {
  const enterprise = schema.getType('Enterprise') as GraphQLObjectType;
  return enterprise.getFields()[field]?.args.some((a) => a.name === 'after') ?? false;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The operations as a .graphql document (typed by code generation) and the module that names them. */
export function profileOperations(apiSchema: string): { document: string; module: string } {
  const schema = buildSchema(apiSchema);
  const selections = INDICATORS.map((ind) => {
    const args = isPaged(schema, ind.field) ? `(first: ${PROFILE_PAGE_SIZE})` : '';
    return `    ${ind.field}${args} { ${leafFields(schema, ind.typeName).join(' ')} }`;
  });
  // record counts per indicator, so a paged list knows its length before its pages are read
  const counts = ['identity', 'adverse', 'reputation', 'economic'].map((c) => `${c} { indicator count }`).join(' ');
  const profile = `query EnterpriseProfile($uscc: ID!) {\n  enterprise(uscc: $uscc) {\n    uscc\n    name\n    region\n    creditSummary { ${counts} }\n${selections.join('\n')}\n  }\n}`;
  const paged = INDICATORS.filter((ind) => isPaged(schema, ind.field));
  const pages = paged.map(
    (ind) =>
      `query More${pascal(ind.field)}($uscc: ID!, $after: ID!) {\n  enterprise(uscc: $uscc) {\n    uscc\n    ${ind.field}(first: ${PROFILE_PAGE_SIZE}, after: $after) { ${leafFields(schema, ind.typeName).join(' ')} }\n  }\n}`,
  );
  const header = '# Written by `npm run compose` from the catalogue and the API schema (console/build/profile-document.ts); do not edit.';
  const document = [header, profile, ...pages].join('\n\n') + '\n';
  const names = paged.map((ind) => `More${pascal(ind.field)}Document`);
  const module = [
    '// Written by `npm run compose` from the catalogue and the API schema (console/build/profile-document.ts); do not edit.',
    `import { EnterpriseProfileDocument, ${names.join(', ')} } from '../gql/graphql';`,
    '',
    'export { EnterpriseProfileDocument };',
    `export const PROFILE_PAGE_SIZE = ${PROFILE_PAGE_SIZE};`,
    '',
    '/** The next page of a paged list, by Enterprise field. */',
    'export const MORE_RECORDS = {',
    ...paged.map((ind) => `  ${ind.field}: More${pascal(ind.field)}Document,`),
    '} as const;',
    '',
  ].join('\n');
  return { document, module };
}
