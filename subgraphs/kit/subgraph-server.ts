// Builds one subgraph's HTTP server: Express with bearer-token validation on every request,
// Apollo Server with the federated schema, health endpoints; listens on the given port.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from './resolver-map';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { HOP_SIGNATURE_HEADER, hopRefusal } from '../../platform/hop-signature';
import { hopRefusals } from '../../platform/metrics';
import { parse } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { badUserInput, graphqlError, httpStatusOf, sendError } from '../../platform/errors';
import { ANONYMOUS, type Caller } from '../../auth/caller';
import { introspect, useRootField } from '../../auth/policy';
import { queryLimitRules, type QueryLimits } from '../../platform/query-limits';
import { executedRootFields } from '../../platform/root-fields';
import { readPurpose, type QueryPurpose } from '../../auth/purpose';
import type { TokenValidator } from '../../auth/token-validator';
import { formatError } from '../../platform/format-error';
import { jsonErrors, notFound } from '../../platform/http-errors';
import { authenticate } from '../../auth/http-auth';
import type { SubgraphStorage } from '../../storage/port';
import { createLogger, requestIds, type Logger } from '../../platform/logger';
import { operationLog, requestLog, type LoggedContext } from '../../platform/request-log';
import { traceRequests } from '../../platform/tracing';

/** What a request says about its caller, verified. */
export interface RequestIdentity {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  /** The verified Authorization header, for calls this subgraph makes on the caller's behalf. */
  readonly authorization?: string;
}

interface TypedSubgraphDefinition<TContext> {
  readonly name: string;
  readonly typeDefs: string;
  readonly resolvers: GraphQLResolverMap<TContext>;
  /** Per-request context: loaders are created here, never shared between requests. */
  readonly context: (request: RequestIdentity) => TContext;
}

export type SubgraphDefinition = TypedSubgraphDefinition<unknown>;

/** Resolvers and context come from one definition, so they agree on the context type it erases. */
export function defineSubgraph<TContext>(def: TypedSubgraphDefinition<TContext>): SubgraphDefinition {
  return { ...def, resolvers: def.resolvers as GraphQLResolverMap<unknown> };
}

export interface RunningSubgraph {
  readonly name: string;
  /** GraphQL requests served since start (or the last reset): how many fetches the gateway made. */
  readonly requests: { count: number };
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const MAX_BODY = '2mb';
/** Entities one `_entities` request may ask for. */
const MAX_REPRESENTATIONS = 2_000;

type RequestWithRaw = Request & { rawBody?: Buffer };

/** Only requests signed with the services' shared key pass: a caller on the network cannot reach a subgraph around the gateway. */
function requireHopSignature(key: string | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (key === null) return next();
    const header = req.headers[HOP_SIGNATURE_HEADER];
    const refused = hopRefusal(key, typeof header === 'string' ? header : undefined, { body: (req as RequestWithRaw).rawBody ?? '', authorization: req.headers.authorization });
    if (!refused) return next();
    hopRefusals.inc();
    sendError(res, 'UNAUTHENTICATED', refused);
  };
}

/** The enterprises a response carried (identity notes them), for the gateway's audit trail. */
const reportReturnedEnterprises: ApolloServerPlugin<object> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const returned = (contextValue as { returnedEnterprises?: Set<string> }).returnedEnterprises;
        if (!returned?.size || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, enterprisesReturned: [...returned] };
      },
    };
  },
};

/** Root fields a subgraph serves as the policy decides: `_entities` is how the gateway reaches it (each entity type checks its own rules), `_service` for nobody. */
const subgraphRootPolicy: ApolloServerPlugin<object> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, contextValue }) {
        if (!operation) return;
        const caller = (contextValue as { caller: Caller }).caller;
        for (const field of executedRootFields(document, operation, request.variables)) {
          if (field === '_entities') {
            // the gateway asks for at most 1,000 enterprises (or bidders) a query: more is not its request
            const representations: unknown = request.variables?.['representations'];
            if (Array.isArray(representations) && representations.length > MAX_REPRESENTATIONS)
              throw badUserInput('representations', `at most ${MAX_REPRESENTATIONS} entities a request; got ${representations.length}`, 400);
            continue;
          }
          const decision = field === '_service' ? introspect(caller, 'off') : useRootField(caller, field);
          // refused before execution: the whole answer carries the refusal's status (401 or 403), never a 500
          if (!decision.allowed) throw graphqlError(decision.code, decision.reason, { httpStatus: httpStatusOf(decision.code) });
        }
      },
    };
  },
};

export async function startSubgraph(
  def: SubgraphDefinition,
  deps: {
    storage: SubgraphStorage;
    validator: TokenValidator;
    /** The key requests must be signed with (platform/hop-signature.ts); null only where stock gateways of the peer benchmark call. */
    hopKey: string | null;
    port: number;
    host?: string;
    /** What one request may cost: checked here again, whoever calls. */
    limits: QueryLimits;
    logger?: Logger;
  },
): Promise<RunningSubgraph> {
  const { limits } = deps;
  const app = express();
  app.disable('x-powered-by');
  const logger = deps.logger ?? createLogger(def.name);
  // behind the gateway: its request id is the one to log under
  app.use(requestIds(true));
  app.use(traceRequests(def.name, true));
  app.use(requestLog(logger, def.name));
  const httpServer = http.createServer(app);
  const server = subgraphGraphqlServer(def, httpServer, limits, logger);
  await server.start();

  app.use(subgraphHealthRoutes(deps.storage));
  const requests = { count: 0 };
  app.use(
    '/graphql',
    (_req, _res, next) => {
      requests.count++;
      next();
    },
    // the body as sent, for the signature check: the signature covers its bytes
    express.json({ limit: MAX_BODY, verify: (req, _res, buf) => void ((req as RequestWithRaw).rawBody = buf) }),
    requireHopSignature(deps.hopKey),
    authenticate(deps.validator, def.name),
    readPurpose,
    expressMiddleware(server, {
      context: async ({ req }) => ({
        ...(def.context({ caller: req.caller ?? ANONYMOUS, purpose: req.purpose, authorization: req.caller?.anonymous === false ? req.headers.authorization : undefined }) as object),
        requestId: req.requestId,
        observed: req.observed,
      }),
    }),
  );

  app.use(notFound);
  app.use(jsonErrors);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(deps.port, deps.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    name: def.name,
    requests,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => server.stop(),
  };
}

/** The subgraph's GraphQL server: its schema, and the rules every operation passes here too. */
function subgraphGraphqlServer(def: SubgraphDefinition, httpServer: http.Server, limits: QueryLimits, logger: Logger): ApolloServer<object> {
  const armor = queryLimitRules(limits);
  return new ApolloServer<object>({
    schema: buildSubgraphSchema({ typeDefs: parse(def.typeDefs), resolvers: def.resolvers }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // The gateway serves a composed supergraph from a file and never introspects a subgraph.
    introspection: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // Inline traces would tell every caller how long each resolver took, and cost time; cache hints
    // (a hook on every field) serve no cache here.
    plugins: [
      ...armor.plugins,
      subgraphRootPolicy,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // no landing page: Apollo's loads script from its CDN, on the console's origin
      ApolloServerPluginLandingPageDisabled(),
      reportReturnedEnterprises,
      operationLog<LoggedContext>(logger, def.name),
    ],
  });
}

/** Live while the process answers; ready while its database answers. */
function subgraphHealthRoutes(storage: SubgraphStorage): express.Router {
  const router = express.Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'UP' });
  });
  router.get('/health/ready', async (_req, res) => {
    try {
      await storage.ping();
      res.json({ status: 'UP', checks: { database: 'UP' } });
    } catch {
      res.status(503).json({ status: 'DOWN', checks: { database: 'DOWN' } });
    }
  });
  return router;
}
