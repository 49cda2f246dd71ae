// The shape shared by the adverse, reputation and economic subgraphs: they contribute their
// category's indicator fields to Enterprise (owned by identity) and their counts to
// CreditSummary, and read their own records.
import type { GraphQLResolverMap } from './resolver-map';
import type { Category } from '../../schema/catalogue';
import { categoryTypeDefs, COMMON_SCALARS } from '../../schema/sdl';
import { createSubgraphContext, subgraphServices, type SubgraphContext } from './context';
import { countsResolver, summaryFieldOf, summarySdl, type SummaryRef } from './credit-summary';
import { FEDERATION_LINK, INDICATOR_COUNT_TYPE } from './federation';
import { categoryResolvers, type EnterpriseRef } from './indicator-resolvers';
import { mergeResolvers } from './merge-resolvers';
import type { MonitoringDeps } from '../../monitoring/monitoring-deps';
import type { SubgraphStorage } from '../../storage/port';
import { scalarResolvers } from '../../platform/scalars';
import { JSONScalar } from './json-scalar';
import { submissionResolvers, submissionSdl } from '../../submissions/graphql';
import { remoteRegistry } from '../../submissions/enterprise-registry';
import { SubmissionService, type SubmissionHooks } from '../../submissions/submission-service';
import { defineSubgraph, type SubgraphDefinition } from './subgraph-server';

export interface CategoryExtensions {
  /** Further SDL: types, or fields added to record types by type name. */
  readonly sdl?: string;
  readonly recordFields?: Readonly<Record<string, string>>;
  readonly summaryFields?: string;
  /** Further fields this subgraph adds to Enterprise. */
  readonly enterpriseFields?: string;
}

export function categoryTypeDefsFor(category: Category, description: string, ext: CategoryExtensions = {}): string {
  const { types, enterpriseFields } = categoryTypeDefs(category, ext.recordFields);
  return `${FEDERATION_LINK}
${COMMON_SCALARS}
"${description}"
type Enterprise @key(fields: "uscc") {
  uscc: ID!
${enterpriseFields}${ext.enterpriseFields ?? ''}
}
${summarySdl(category, ext.summaryFields)}
${INDICATOR_COUNT_TYPE}
${submissionSdl(category)}
${ext.sdl ?? ''}
${types}
`;
}

export function categoryResolverMap(category: Category, extra: GraphQLResolverMap<SubgraphContext> = {}): GraphQLResolverMap<SubgraphContext> {
  const { enterpriseFields, recordTypes } = categoryResolvers(category);
  return mergeResolvers<SubgraphContext>(
    scalarResolvers,
    {
      Enterprise: {
        // Existence is identity's to decide; this subgraph only adds fields to a known key.
        __resolveReference: (ref: EnterpriseRef) => ({ uscc: ref.uscc }),
        ...enterpriseFields,
      },
      CreditSummary: {
        __resolveReference: (ref: SummaryRef) => ({ uscc: ref.uscc }),
        [summaryFieldOf(category)]: countsResolver(category),
      },
    },
    recordTypes,
    { JSON: JSONScalar },
    submissionResolvers(category),
    extra,
  );
}

/** What a subgraph needs from its surroundings beyond its own database. */
export interface SubgraphDeps {
  /** URL of the identity subgraph, which knows which enterprises exist. */
  readonly identityUrl: () => string;
  /** URLs of the subgraphs the identity subgraph asks for their part of a credit check. */
  readonly subgraphUrl: (name: 'adverse' | 'reputation') => string;
  /** Base URL of the gateway (the identity subgraph issues credit reports through it). */
  readonly gatewayUrl: () => string;
  readonly personHashKey: string;
  /** Signs the requests to the identity subgraph, as the gateway signs its own (null: the peer benchmark's unsigned subgraphs). */
  readonly hopKey: string | null;
  /** Days within which the submitting unit decides an objection (default 20). */
  readonly objectionDays?: number;
  /** The monitoring store and endpoint policy (the identity subgraph manages watches). */
  readonly monitoring?: MonitoringDeps;
}

export function categorySubgraph(
  name: string,
  category: Category,
  storage: SubgraphStorage,
  deps: SubgraphDeps,
  typeDefs: string,
  resolvers: GraphQLResolverMap<SubgraphContext>,
  hooks: SubmissionHooks = {},
): SubgraphDefinition {
  const submissions = new SubmissionService(storage, category, remoteRegistry(deps.identityUrl, deps.hopKey), deps.personHashKey, hooks);
  const services = subgraphServices(storage, category, submissions, deps.objectionDays);
  return defineSubgraph<SubgraphContext>({
    name,
    typeDefs,
    resolvers,
    context: (request) => createSubgraphContext(request, storage.records, services),
  });
}
