// The identity subgraph's definition: schema, resolvers, context and start-up preparation.
import type { Database } from '../common/mongo';
import { RecordStore } from '../common/record-store';
import { defineSubgraph, type SubgraphDefinition } from '../common/subgraph-server';
import { createIdentityContext } from './context';
import { EnterpriseDirectory } from './enterprise-directory';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export function identitySubgraph(database: Database): SubgraphDefinition {
  const directory = new EnterpriseDirectory(database.db);
  const store = new RecordStore(database.db);
  return defineSubgraph({
    name: 'identity',
    typeDefs,
    resolvers,
    context: (caller, purpose) => createIdentityContext(caller, purpose, directory, store),
    prepare: async () => {
      await directory.ensureIndexes();
      await store.ensureIndexes();
    },
  });
}
