// The identity subgraph's definition: schema, resolvers, context and start-up preparation.
import type { SubgraphDeps } from '../common/category-subgraph';
import type { Database } from '../common/mongo';
import { localRegistry } from '../common/submissions/enterprise-registry';
import { SubmissionService } from '../common/submissions/submission-service';
import { RecordStore } from '../common/record-store';
import { defineSubgraph, type SubgraphDefinition } from '../common/subgraph-server';
import { createIdentityContext } from './context';
import { EnterpriseDirectory } from './enterprise-directory';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

export function identitySubgraph(database: Database, deps: SubgraphDeps): SubgraphDefinition {
  const directory = new EnterpriseDirectory(database.db);
  const store = new RecordStore(database.db);
  const submissions = new SubmissionService(database.db, store, 'IDENTITY', localRegistry(directory), deps.personHashKey, {
    // A registration (ID01) creates or updates the enterprise in the directory before its record is stored.
    beforeStore: (records) =>
      directory.upsertMany(
        records
          .filter((r) => r.ind === 'ID01' && r.uscc !== null)
          .map((r) => ({
            _id: r.uscc ?? '',
            uscc: r.uscc ?? '',
            name: String(r.data['name']),
            region: String(r.data['region']),
            ...(typeof r.data['registrationNo'] === 'string' ? { registrationNo: r.data['registrationNo'] } : {}),
          })),
      ),
  });
  return defineSubgraph({
    name: 'identity',
    typeDefs,
    resolvers,
    context: (request) => createIdentityContext(request, directory, store, submissions),
    prepare: async () => {
      await directory.ensureIndexes();
      await store.ensureIndexes();
      await submissions.ensureIndexes();
    },
  });
}
