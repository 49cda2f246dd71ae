// The gateway: Apollo Gateway serving the composed supergraph from a file (never introspection),
// behind bearer-token validation, on the given port.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS } from '../auth/caller';
import { authenticate } from '../auth/http-auth';
import { PURPOSE_HEADER, readPurpose } from '../auth/purpose';
import type { TokenValidator } from '../auth/token-validator';
import { formatError } from '../platform/format-error';
import { graphqlError } from '../platform/errors';
import { healthRoutes } from './health';
import { jsonErrors, notFound } from '../platform/http-errors';
import type { GatewayContext } from './context';
import { queryLimitRules } from '../platform/query-limits';
import type { GatewayLimits } from './config';
import { AuthForwardingDataSource, downstreamTokenRefusal, fetcherWithTimeout } from './data-source';
import { introspectionPolicy } from './introspection';
import { anonymousRateLimit, anonymousRootFields } from './anonymous';
import { scalarArguments } from './scalar-arguments';
import { callerRateLimit, expensiveOperations, expensiveRoute } from './caller-limits';
import { LocalSlots, SharedSlots, type ExpensiveSlots } from './expensive-slots';
import { budgetStore, persistedQueryCache, type SharedState } from './shared-limits';
import cors from 'cors';
import { bidderCheckCsvRoute } from './bidder-check-csv';
import { creditCheckCsvRoute } from './credit-check-csv';
import { bulkSubmissionRoute } from '../submissions/bulk-route';
import type { Request } from 'express';
import type { AuditLog } from '../audit/audit-log';
import { auditPlugin } from '../audit/audit-plugin';
import { knownOperationName } from './operation-name';
import { auditRoutes } from '../audit/audit-routes';
import { subjectRoutes } from '../subject/routes';
import { refusalAudit } from '../audit/refusal-audit';
import type { AuditStore, ReportRegistry } from '../storage/port';
import type { ReportSettings } from '../reports/report-config';
import { ReportService } from '../reports/report-service';
import { reportRoutes } from '../reports/report-routes';
import { trustedDocuments, type TrustedDocuments } from './trusted-documents';
import { consoleRoutes, type ConsoleSettings } from './console';
import { Kind, parse } from 'graphql';
import { createLogger, requestIds, type Logger } from '../platform/logger';
import { operationLog, requestLog } from '../platform/request-log';
import { traceRequests } from '../platform/tracing';
import { watchAuditBuffer } from '../platform/metrics';
import type { EntityCache, EntityCacheStats } from '../cache/entity-cache';
import { operationCachePlugin } from '../cache/operation-cache-plugin';

export interface GatewayOptions {
  readonly supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  /** Every subgraph request is signed with it (platform/hop-signature.ts). */
  readonly hopKey: string;
  readonly validator: TokenValidator;
  readonly limits: GatewayLimits;
  /** Where the gateway logs its requests and the causes of masked errors (default: JSON on stdout). */
  readonly logger?: Logger;
  /** Every operation is appended to this log; auditors read the store it writes. */
  readonly audit: { readonly log: AuditLog; readonly store: AuditStore };
  /** Operations callers may be restricted to (the console's manifest); off unless configured. */
  readonly trustedDocuments?: TrustedDocuments;
  /** Printed credit reports: the register, the signing key, the font and the public URL. */
  readonly reports: ReportSettings & { readonly registry: ReportRegistry };
  /** The web console served at /; none unless given. */
  readonly console?: ConsoleSettings;
  /** Answers about enterprises kept while current (cache/entity-cache.ts); every fetch goes to its subgraph when absent. */
  readonly entityCache?: EntityCache;
  /** Where several gateways keep the limits they enforce as one (Redis); in the process when absent. */
  readonly shared?: SharedState;
  readonly port: number;
  readonly host?: string;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  /** Writes buffered audit events now (they are otherwise written within a second). */
  flushAudit(): Promise<void>;
  /** The entity cache's lookups so far and what it holds; undefined without a cache. */
  cacheStats(): (EntityCacheStats & { bytes: number; entries: number; operations: EntityCacheStats }) | undefined;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  // Apollo Gateway otherwise sends usage data about this deployment to Apollo's servers; a credit
  // system's gateway talks to its subgraphs and Keycloak only. Its one switch is this variable.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new AuthForwardingDataSource({
        serviceName: name,
        url: options.subgraphUrls?.[name] ?? url,
        fetcher: fetcherWithTimeout(name, options.limits.subgraphTimeoutMs, options.limits.mutationTimeoutMs, options.hopKey),
        ...(options.entityCache ? { cache: options.entityCache } : {}),
      }),
  });
  const { limits } = options;
  const app = express();
  app.disable('x-powered-by');
  // no ETag: hashing every answer costs CPU, and nothing revalidates a POSTed query's answer
  app.set('etag', false);
  const logger = options.logger ?? createLogger('gateway');
  // a trace is continued from the caller only where its request id would be trusted too
  app.use(requestIds(limits.trustRequestId));
  app.use(traceRequests('gateway', limits.trustRequestId));
  app.use(requestLog(logger, 'gateway'));
  app.use(refusalAudit(options.audit.log, limits.refusalAuditPerMinute));
  // browsers may call from the configured origins only (the registered web client's)
  app.use(cors({ origin: [...limits.corsOrigins], methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type', PURPOSE_HEADER, 'apollo-require-preflight'], maxAge: 600 }));
  const { shared } = options;
  const slots: ExpensiveSlots = shared ? new SharedSlots(shared, limits.callerConcurrentExpensive) : new LocalSlots(limits.callerConcurrentExpensive);
  const unwatchAudit = watchAuditBuffer(options.audit.log);
  const httpServer = http.createServer(app);
  const server = graphqlServer(gateway, httpServer, slots, options.audit.log, logger, limits, shared, options.entityCache);
  await server.start();

  const contextOf = (req: Request): GatewayContext => ({
    caller: req.caller ?? ANONYMOUS,
    authorization: req.caller?.anonymous === false ? req.headers.authorization : undefined,
    purpose: req.purpose,
    clientAddress: req.ip,
    requestId: req.requestId,
    observed: req.observed,
    returnedEnterprises: new Set<string>(),
    markAudited: () => {
      req.audited = true;
    },
  });

  app.use(healthRoutes(subgraphUrls(options)));
  // one budget per address for everything without a validated identity, across every route
  const publicBudget = anonymousRateLimit(limits.anonymousPerMinute, budgetStore(shared, 'anonymous', 'refuse'));
  // one budget per signed-in caller, across every route (and every gateway, with a shared store)
  const callerBudget = callerRateLimit(limits, budgetStore(shared, 'caller', 'count-locally'));
  // the token first (headers only), so the budget is decided by who the caller is, before any body is read
  const identify = [authenticate(options.validator, 'gateway', publicBudget), publicBudget];
  app.use(
    '/graphql',
    ...identify,
    express.json({ limit: limits.maxBody }),
    callerBudget,
    readPurpose,
    trustedDocuments(options.trustedDocuments ?? { mode: 'off', operations: new Map() }),
    expressMiddleware(server, { context: async ({ req }) => contextOf(req) }),
  );
  app.use(
    '/bidder-check.csv',
    ...identify,
    express.json({ limit: limits.maxBody }),
    callerBudget,
    expensiveRoute(slots),
    readPurpose,
    bidderCheckCsvRoute(server, (req) => ({ ...contextOf(req), holdsExpensiveSlot: true })),
  );
  app.use(
    '/credit-check.csv',
    ...identify,
    express.json({ limit: limits.maxBody }),
    callerBudget,
    expensiveRoute(slots),
    readPurpose,
    creditCheckCsvRoute(server, (req) => ({ ...contextOf(req), holdsExpensiveSlot: true })),
  );
  // NDJSON bodies are streamed line by line within their own limits; memory is one chunk.
  app.use(
    '/submissions',
    ...identify,
    callerBudget,
    expensiveRoute(slots),
    readPurpose,
    bulkSubmissionRoute(server, (req) => ({ ...contextOf(req), holdsExpensiveSlot: true }), { maxLineBytes: limits.maxBulkLineBytes, maxBodyBytes: limits.maxBulkBodyBytes }),
  );
  app.use('/audit', ...identify, callerBudget, auditRoutes(options.audit.store, options.audit.log));
  app.use('/subject', ...identify, callerBudget, subjectRoutes(options.audit.store, options.audit.log));
  // the settings pass whole: a setting added to ReportSettings reaches the service without a line here
  const reports = new ReportService<GatewayContext>({
    ...options.reports,
    audit: options.audit,
    supergraphSdl: options.supergraphSdl,
    run: async (contextValue, query, variables) => {
      const result = await server.executeOperation({ query, variables }, { contextValue });
      if (result.body.kind !== 'single') throw graphqlError('INTERNAL_SERVER_ERROR', 'unexpected incremental result');
      const { data, errors } = result.body.singleResult;
      return { data: data ?? null, errors: errors ?? [] };
    },
    publicRequest: () => ({ caller: ANONYMOUS, returnedEnterprises: new Set() }),
  });
  app.use(
    '/reports',
    reportRoutes({
      service: reports,
      registry: options.reports.registry,
      contextOf: (req) => ({ ...contextOf(req), holdsExpensiveSlot: true }),
      // a report is one large query: it takes the caller's expensive-operation slot while it is made
      signedIn: [...identify, callerBudget, expensiveRoute(slots), readPurpose],
      publicLimit: publicBudget,
      slot: expensiveRoute(slots),
    }),
  );
  if (options.console) app.use(consoleRoutes(options.console));
  app.use(notFound);
  app.use(jsonErrors);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    flushAudit: () => options.audit.log.flush(),
    cacheStats: () => {
      const cache = options.entityCache;
      return cache ? { ...cache.stats, bytes: cache.bytes, entries: cache.size, operations: { ...cache.operations.stats } } : undefined;
    },
    // Stop taking requests, let in-flight ones finish, then write every buffered audit event.
    stop: async () => {
      await server.stop();
      await options.audit.log.close();
      await options.reports.registry.close();
      unwatchAudit();
    },
  };
}

/** Each subgraph's URL: the override if given, else the routing URL the supergraph's join__Graph enum gives it. */
function subgraphUrls(options: GatewayOptions): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of parse(options.supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const argument = (name: string) => {
        const node = graph?.arguments?.find((a) => a.name.value === name)?.value;
        return node?.kind === Kind.STRING ? node.value : undefined;
      };
      const name = argument('name');
      const url = argument('url');
      if (name && url) urls[name] = options.subgraphUrls?.[name] ?? url;
    }
  }
  return urls;
}

/** The GraphQL server over the supergraph, with every rule an executed operation must pass, in order. */
function graphqlServer(
  gateway: ApolloGateway,
  httpServer: http.Server,
  slots: ExpensiveSlots,
  audit: AuditLog,
  logger: Logger,
  limits: GatewayLimits,
  shared: SharedState | undefined,
  cache: EntityCache | undefined,
): ApolloServer<GatewayContext> {
  const armor = queryLimitRules(limits);
  return new ApolloServer<GatewayContext>({
    gateway,
    // persisted queries registered through any gateway are known to all
    ...(shared ? { cache: persistedQueryCache(shared) } : {}),
    formatError,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    csrfPrevention: true,
    introspection: limits.introspection === 'admin',
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      introspectionPolicy(limits.introspection),
      knownOperationName(),
      anonymousRootFields(),
      scalarArguments(),
      expensiveOperations(slots),
      downstreamTokenRefusal(),
      // after every rule of the operation: a whole answer kept from before is given only to what passed them
      ...(cache ? [operationCachePlugin<GatewayContext>(cache.operations)] : []),
      auditPlugin(audit),
      operationLog<GatewayContext>(logger, 'gateway'),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      // no landing page: Apollo's loads script from its CDN, on the console's origin
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
}
