// The committed supergraph and subgraph schemas are what composition produces now, and every one
// of the 39 indicators stands in the composed supergraph exactly as the catalogue says.
import { readFileSync } from 'node:fs';
import { buildASTSchema, getNamedType, isEnumType, isListType, isNonNullType, isObjectType, parse, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { INDICATORS, SUBGRAPH_OF } from '../../schema/catalogue';
import { attributeFieldType } from '../../schema/sdl';
import { composeSupergraph, routingUrls, subgraphSchemaPath, SUPERGRAPH_PATH } from '../../scripts/compose';
import { SUBGRAPHS, subgraphPort } from '../../subgraphs/index';

const composed = composeSupergraph();

/** Fields a record type has beyond the spec's attributes: links to other entities. */
const LINKS: Readonly<Record<string, string[]>> = { ID02: ['person'] };

describe('composition', () => {
  it('matches the committed supergraph (run npm run compose when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed.supergraph);
  });

  it('matches the committed subgraph schemas that rover.yaml names', () => {
    for (const [name, sdl] of composed.subgraphs) expect(readFileSync(subgraphSchemaPath(name), 'utf8')).toBe(sdl);
  });

  it("routes each subgraph, in rover.yaml, to the port of the subgraphs' table", () => {
    const urls = routingUrls();
    for (const s of SUBGRAPHS) expect([s.name, urls.get(s.name)]).toEqual([s.name, `http://127.0.0.1:${subgraphPort(s, {})}/graphql`]);
  });
});

describe('the 39 indicators in the composed supergraph', () => {
  const api: GraphQLSchema = buildASTSchema(parse(composed.apiSchema));
  const enterprise = api.getType('Enterprise') as GraphQLObjectType;
  const joinFields = new Map<string, string>();
  for (const match of composed.supergraph.matchAll(/^\s+(\w+)(?:\([^)]*\))?: [^\n]*@join__field\(graph: (\w+)\)/gm)) {
    if (match[1] && match[2]) joinFields.set(match[1], match[2].toLowerCase());
  }

  it('has all 39 catalogue entries', () => {
    expect(INDICATORS).toHaveLength(39);
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(39);
  });

  it.each(INDICATORS.map((i) => [i.code, i] as const))('%s is a field of Enterprise, served by its category subgraph, with the spec attributes', (_code, ind) => {
    const field = enterprise.getFields()[ind.field];
    expect(field).toBeDefined();
    expect(joinFields.get(ind.field)).toBe(SUBGRAPH_OF[ind.category]);
    // nullable, so that a refused indicator never nulls the enterprise
    expect(isNonNullType(field?.type)).toBe(false);
    expect(isListType(field?.type)).toBe(ind.cardinality !== 'ONE');
    if (ind.cardinality === 'PER_YEAR') expect(field?.args.map((a) => a.name)).toContain('year');
    if (ind.cardinality === 'MANY') expect(field?.args.map((a) => a.name)).toEqual(expect.arrayContaining(['first', 'after']));

    const recordType = getNamedType(field?.type) as GraphQLObjectType;
    expect(recordType.name).toBe(ind.typeName);
    const recordFields = recordType.getFields();
    for (const meta of ['id', 'agency', 'agencyRegion', 'receivedAt']) expect(recordFields[meta]).toBeDefined();
    for (const attr of ind.attributes) {
      const f: GraphQLField<unknown, unknown> | undefined = recordFields[attr.name];
      expect([attr.name, f?.type.toString()]).toEqual([attr.name, attributeFieldType(attr)]);
      if (attr.type === 'Enum') {
        const enumType = getNamedType(f?.type);
        expect(isEnumType(enumType) && enumType.getValues().map((v) => v.name)).toEqual(attr.values);
      }
    }
    // every record carries its newest objection (异议), whatever the category
    expect(String(recordFields['objection']?.type)).toBe('Objection');
    const extra = Object.keys(recordFields).filter(
      (n) => !['id', 'agency', 'agencyRegion', 'receivedAt', 'active', 'objection', 'statement', 'repairApplication'].includes(n) && !ind.attributes.some((a) => a.name === n),
    );
    expect(extra).toEqual([...(LINKS[ind.code] ?? []), ...(ind.category === 'ADVERSE' ? ['repairedOn'] : [])]);
  });

  it('types Money as a decimal-string scalar and never as a float', () => {
    for (const type of Object.values(api.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const f of Object.values(type.getFields())) expect(getNamedType(f.type).name).not.toBe('Float');
    }
    expect(api.getType('Money')?.toString()).toBe('Money');
  });
});
