// The shape shared by the adverse, reputation and economic subgraphs: they contribute their
// category's indicator fields to Enterprise (owned by identity) and read one records collection.
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { Category } from '../../schema/catalogue';
import { categoryTypeDefs, COMMON_SCALARS } from '../../schema/sdl';
import type { SubgraphContext } from './context';
import { FEDERATION_LINK } from './federation';
import { categoryResolvers, type EnterpriseRef } from './indicator-resolvers';
import type { Database } from './mongo';
import { createRecordLoader } from './record-loader';
import { RecordStore } from './record-store';
import { scalarResolvers } from './scalars';
import { defineSubgraph, type SubgraphDefinition } from './subgraph-server';
import { todayIso } from './today';

export function categoryTypeDefsFor(category: Category, description: string): string {
  const { types, enterpriseFields } = categoryTypeDefs(category);
  return `${FEDERATION_LINK}
${COMMON_SCALARS}
"${description}"
type Enterprise @key(fields: "uscc") {
  uscc: ID!
${enterpriseFields}
}

${types}
`;
}

export function categoryResolverMap(category: Category): GraphQLResolverMap<SubgraphContext> {
  const { enterpriseFields, recordTypes } = categoryResolvers(category);
  return {
    ...scalarResolvers,
    Enterprise: {
      // Existence is identity's to decide; this subgraph only adds fields to a known key.
      __resolveReference: (ref: EnterpriseRef) => ({ uscc: ref.uscc }),
      ...enterpriseFields,
    },
    ...recordTypes,
  };
}

export function categorySubgraph(
  name: string,
  database: Database,
  typeDefs: string,
  resolvers: GraphQLResolverMap<SubgraphContext>,
): SubgraphDefinition {
  const store = new RecordStore(database.db);
  return defineSubgraph<SubgraphContext>({
    name,
    typeDefs,
    resolvers,
    context: (caller) => ({ caller, today: todayIso(), records: createRecordLoader(store) }),
    prepare: () => store.ensureIndexes(),
  });
}
