// The supergraph served by Apollo Gateway against the four subgraph schemas and resolvers in this
// process, over a store kept in memory: query planning, entity joins, batching and access rules
// answer in milliseconds, with no database, Keycloak or HTTP. The integration tests run the same
// paths against the real services.
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { Caller } from '../../auth/caller';
import type { QueryPurpose } from '../../auth/purpose';
import { DEFAULT_SEED, generateEnterprise } from '../../scripts/demo-data/generate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../platform/paths';
import type { EnterpriseEntry, NewRecord } from '../../storage/port';
import { DEV_PERSON_HASH_KEY } from '../../schema/person-hash';
import type { SubgraphDefinition } from '../../subgraphs/kit/subgraph-server';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/index';
import { memoryStorage } from './support/memory-storage';

interface Context {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
}

const demo = { seed: DEFAULT_SEED, size: 20, personHashKey: DEV_PERSON_HASH_KEY };
const enterprises = Array.from({ length: demo.size }, (_, i) => generateEnterprise(demo, i));
const member: Caller = { anonymous: false, subject: 'member', roles: new Set(['credit-member']), agency: 'tax', region: '500000' };
const anonymous: Caller = { anonymous: true, roles: new Set() };

/** Runs a subgraph's own schema and context for each fetch the gateway plans; counts the fetches. */
class InProcessSubgraph implements GraphQLDataSource<Context> {
  fetches = 0;
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly def: SubgraphDefinition,
  ) {}

  async process({ request, context }: Parameters<GraphQLDataSource<Context>['process']>[0]) {
    this.fetches++;
    const ctx = context as Partial<Context>;
    const result = await execute({
      schema: this.schema,
      document: parse(request.query ?? ''),
      variableValues: request.variables,
      contextValue: this.def.context({ caller: ctx.caller ?? anonymous, purpose: ctx.purpose }),
    });
    return { data: result.data as Record<string, unknown> | null, errors: result.errors?.map((e) => e.toJSON()) };
  }
}

const sources = {} as Record<SubgraphName, InProcessSubgraph>;
const storages = {} as Record<SubgraphName, ReturnType<typeof memoryStorage>>;
for (const entry of SUBGRAPHS) {
  const records: NewRecord[] = enterprises.flatMap((e) => e.records[entry.name]);
  const directory: EnterpriseEntry[] = entry.name === 'identity' ? enterprises.map((e) => e.directory) : [];
  storages[entry.name] = memoryStorage(records, directory);
  const def = entry.create(storages[entry.name], {
    identityUrl: () => 'http://127.0.0.1:1/graphql',
    subgraphUrl: () => 'http://127.0.0.1:1/graphql',
    gatewayUrl: () => 'http://127.0.0.1:1',
    personHashKey: DEV_PERSON_HASH_KEY,
    hopKey: null,
  });
  sources[entry.name] = new InProcessSubgraph(buildSubgraphSchema({ typeDefs: parse(def.typeDefs), resolvers: def.resolvers }), def);
}

const server = new ApolloServer<Context>({
  gateway: new ApolloGateway({ supergraphSdl: readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'), buildService: ({ name }) => sources[name as SubgraphName] }),
});

beforeAll(() => server.start());
afterAll(() => server.stop());

async function run(query: string, variables: Record<string, unknown>, caller: Caller = member) {
  const res = await server.executeOperation({ query, variables }, { contextValue: { caller, purpose: 'SUPERVISION' } });
  if (res.body.kind !== 'single') throw new Error('expected one result');
  return res.body.singleResult as { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

function resetCounts(): void {
  for (const name of Object.keys(sources) as SubgraphName[]) {
    sources[name].fetches = 0;
    storages[name].statements.reset();
  }
}

it('joins one enterprise across the four subgraphs', async () => {
  const e = enterprises[3];
  const res = await run('query($u: ID!) { enterprise(uscc: $u) { name legalRepresentative { name } taxArrears { id } qualificationGrades { id } totalAssets { year amount } } }', {
    u: e?.directory.uscc,
  });
  expect(res.errors).toBeUndefined();
  const got = res.data?.['enterprise'] as { name: string; legalRepresentative: { name: string }; totalAssets: { year: number; amount: string }[] };
  expect(got.name).toBe(e?.directory.name);
  expect(got.legalRepresentative.name).toBe(e?.records.identity.find((r) => r.ind === 'ID02')?.data['name']);
  expect(got.totalAssets.map((t) => t.amount).sort()).toEqual((e?.records.economic.filter((r) => r.ind === 'EC01').map((r) => r.data['amount']) ?? []).sort());
});

it('batches many enterprises into one fetch and one statement per table of each subgraph, keeping the order', async () => {
  resetCounts();
  const codes = enterprises
    .slice(0, 10)
    .map((e) => e.directory.uscc)
    .reverse();
  const res = await run('query($c: [ID!]!) { enterprises(usccs: $c) { uscc administrativePenalties { id } qualificationGrades { id } totalAssets { year } } }', { c: codes });
  expect(res.errors).toBeUndefined();
  expect((res.data?.['enterprises'] as { uscc: string }[]).map((e) => e.uscc)).toEqual(codes);
  expect(Object.fromEntries((Object.keys(sources) as SubgraphName[]).map((n) => [n, sources[n].fetches]))).toEqual({ identity: 1, adverse: 1, reputation: 1, economic: 1 });
  expect(Object.fromEntries((Object.keys(storages) as SubgraphName[]).map((n) => [n, storages[n].statements.count]))).toEqual({ identity: 1, adverse: 1, reputation: 1, economic: 1 });
});

it('refuses MEMBER data to an anonymous caller at the field, serving the rest', async () => {
  const res = await run('query($u: ID!) { enterprise(uscc: $u) { name totalAssets { amount } } }', { u: enterprises[0]?.directory.uscc }, anonymous);
  expect((res.data?.['enterprise'] as { name: string; totalAssets: unknown }).name).toBe(enterprises[0]?.directory.name);
  expect(res.errors?.find((e) => e.path?.join('.') === 'enterprise.totalAssets')?.extensions?.['code']).toBe('UNAUTHENTICATED');
});
