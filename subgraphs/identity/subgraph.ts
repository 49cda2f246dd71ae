// The identity subgraph's definition: schema, resolvers, context and its submission hooks.
import type { SubgraphStorage } from '../../storage/port';
import type { SubgraphDeps } from '../kit/category-subgraph';
import { localRegistry } from '../../submissions/enterprise-registry';
import { SubmissionService } from '../../submissions/submission-service';
import { subgraphServices } from '../kit/context';
import { scenarioClient } from './scenario-client';
import { defineSubgraph, type SubgraphDefinition } from '../kit/subgraph-server';
import { createIdentityContext } from './context';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';
import { indicatorByCode } from '../../schema/catalogue';

export function identitySubgraph(storage: SubgraphStorage, deps: SubgraphDeps): SubgraphDefinition {
  const submissions = new SubmissionService(storage, 'IDENTITY', localRegistry(storage), deps.personHashKey, {
    // A registration (ID01) creates or updates the enterprise in the directory, in the batch's transaction.
    afterStore: (records, tx) =>
      tx.directory.upsertMany(
        records
          .filter((r) => indicatorByCode(r.ind)?.registration === true && r.uscc !== null)
          .map((r) => ({
            uscc: r.uscc ?? '',
            name: String(r.data['name']),
            region: String(r.data['region']),
            ...(typeof r.data['registrationNo'] === 'string' ? { registrationNo: r.data['registrationNo'] } : {}),
          })),
      ),
  });
  const services = subgraphServices(storage, 'IDENTITY', submissions, deps.objectionDays);
  const scenarios = scenarioClient((part) => deps.subgraphUrl(part), deps.hopKey);
  return defineSubgraph({
    name: 'identity',
    typeDefs,
    resolvers,
    context: (request) => createIdentityContext(request, storage.directory, storage.records, services, deps.gatewayUrl(), { checks: storage.creditChecks, scenarios }, deps.monitoring),
  });
}
