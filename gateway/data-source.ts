// How the gateway calls a subgraph: forwards the caller's bearer token and query purpose (and
// nothing else from the client request), so each subgraph validates the token itself; and turns a subgraph's
// refusal into a client error that names the problem without the subgraph's URL or body.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import nodeFetch from 'node-fetch';
import { PURPOSE_HEADER } from '../auth/purpose';
import type { GatewayContext } from './context';
import { graphqlError, type ErrorCode } from '../platform/errors';
import { REQUEST_ID_HEADER } from '../platform/logger';
import type { ApolloServerPlugin } from '@apollo/server';
import { subgraphFetchDuration, subgraphFetchErrors } from '../platform/metrics';
import { injectTraceContext } from '../platform/tracing';
import { HOP_SIGNATURE_HEADER, signHop } from '../platform/hop-signature';
import type { EntityCache } from '../cache/entity-cache';
import { audienceOf } from '../cache/audience';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]['response'];

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 503: 'SERVICE_UNAVAILABLE' };

/** Mutations store records and may take longer than reads; both have a deadline. */
function isMutation(body: string | Buffer | undefined): boolean {
  return typeof body === 'string' && /"query"\s*:\s*"\s*mutation\b/.test(body);
}

/** A response that says the request never reached a live instance, or lost it on the way (HAProxy's 502). */
const LOST_ON_THE_WAY = new Set([502]);

/**
 * node-fetch (the fetcher Apollo Gateway uses by default) with a deadline: a slow or dead subgraph
 * costs at most the timeout. Not Node's global fetch: its web-stream plumbing cost about a fifth
 * of the gateway's CPU under load. The timer is cleared as soon as the answer is read. Every
 * fetch is measured under the subgraph's name. A query (never a mutation: it may have been acted
 * on) whose connection failed or was cut is sent once more, within the same deadline: reads
 * change nothing, so an instance killed mid-answer costs the caller a moment, not an error.
 */
export function fetcherWithTimeout(subgraph: string, queryTimeoutMs: number, mutationTimeoutMs: number, hopKey: string): Fetcher {
  return async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) => {
    const mutation = isMutation(init?.body);
    const timeoutMs = mutation ? mutationTimeoutMs : queryTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const measured = subgraphFetchDuration.startTimer({ subgraph });
    try {
      for (let attempt = 1; ; attempt++) {
        const retry = !mutation && attempt === 1;
        // signed over the body as sent and the caller's token: the subgraph answers the gateway only
        const headers = { ...init?.headers, [HOP_SIGNATURE_HEADER]: signHop(hopKey, { body: init?.body ?? '', authorization: init?.headers?.['authorization'] }) };
        let response: Awaited<ReturnType<typeof nodeFetch>>;
        let text: string;
        try {
          response = await nodeFetch(url, { method: init?.method, headers, body: init?.body, signal: controller.signal });
          // read the body under the same deadline, then hand Apollo a response that is already complete
          text = await response.text();
        } catch (err) {
          if (retry && !controller.signal.aborted) {
            subgraphFetchErrors.inc({ subgraph, reason: 'retried' });
            continue;
          }
          throw err;
        }
        if (retry && LOST_ON_THE_WAY.has(response.status)) {
          subgraphFetchErrors.inc({ subgraph, reason: 'retried' });
          continue;
        }
        measured({ outcome: response.ok ? 'ok' : 'error' });
        if (!response.ok) subgraphFetchErrors.inc({ subgraph, reason: `http_${response.status}` });
        return new nodeFetch.Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
      }
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'AbortError';
      measured({ outcome: 'error' });
      subgraphFetchErrors.inc({ subgraph, reason: timedOut ? 'timeout' : 'unreachable' });
      throw graphqlError('SERVICE_UNAVAILABLE', timedOut ? `a credit subgraph did not answer within ${timeoutMs} ms` : 'a credit subgraph is unreachable');
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A fetch for a client's operation (the gateway's enum of kinds is not exported; its value is). */
const isIncomingOperation = (options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean => (options.kind as string) === 'incoming operation';

export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The subgraph's name, carried by every error of a failed fetch (`extensions.serviceName`), so a client knows which part was not read. */
  private readonly serviceName: string;
  private readonly cache: EntityCache | undefined;

  constructor(config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] & { serviceName: string; cache?: EntityCache }) {
    super(config);
    this.serviceName = config.serviceName;
    this.cache = config.cache;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { authorization, purpose } = context as Partial<GatewayContext>;
    if (authorization && request.http) request.http.headers.set('authorization', authorization);
    if (purpose && request.http) request.http.headers.set(PURPOSE_HEADER, purpose);
    const { requestId } = context as Partial<GatewayContext>;
    if (requestId && request.http) request.http.headers.set(REQUEST_ID_HEADER, requestId);
    // the subgraph continues the gateway's fetch span (traceparent), when tracing is on
    const headers = request.http?.headers;
    if (headers) injectTraceContext((name, value) => headers.set(name, value));
  }

  /** A query about enterprises is answered from the entity cache where it holds a current answer for the caller's audience. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const { cache } = this;
    const context = options.context as Partial<GatewayContext>;
    const { query } = options.request;
    if (!cache || !isIncomingOperation(options) || !context.caller || !query) {
      context.operationRecord?.uncacheable();
      return this.processUncached(options);
    }
    return cache.fetch(
      { subgraph: this.serviceName, query, variables: options.request.variables, audience: audienceOf(context.caller, context.purpose) },
      (variables) => this.processUncached({ ...options, request: { ...options.request, variables } }),
      (usccs) => usccs.forEach((u) => context.returnedEnterprises?.add(u)),
      context.operationRecord,
    );
  }

  /** A subgraph that refuses the token (it expired on the way) fails the whole request: see downstreamTokenRefusal. */
  private async processUncached(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    try {
      return await super.process(options);
    } catch (err) {
      if (err instanceof GraphQLError && err.extensions['tokenRefused'] === true) (options.context as GatewayContext).tokenRefusedDownstream = true;
      // a failed fetch has no path in the answer: its subgraph's name says which fields were not read
      if (err instanceof GraphQLError && err.extensions['serviceName'] === undefined) throw new GraphQLError(err.message, { extensions: { ...err.extensions, serviceName: this.serviceName } });
      throw err;
    }
  }

  /** Keeps the enterprises a subgraph reports it returned, for the audit event; the client never sees the extension. */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): ReceivedResponse {
    const reported: unknown = response.extensions?.['enterprisesReturned'];
    const into = (context as Partial<GatewayContext>).returnedEnterprises;
    if (into && Array.isArray(reported)) for (const u of reported) if (typeof u === 'string') into.add(u);
    return response;
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    const subgraphCode = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    // A 400 with validation errors means an argument failed a scalar's check in the subgraph.
    if (response.status === 400 && typeof first?.message === 'string' && subgraphCode?.startsWith('GRAPHQL_VALIDATION')) {
      return graphqlError('BAD_USER_INPUT', first.message);
    }
    const code = CODE_BY_STATUS[response.status];
    if (code && typeof first?.message === 'string') return graphqlError(code, first.message, response.status === 401 ? { extensions: { tokenRefused: true } } : {});
    return graphqlError('SUBGRAPH_ERROR', `a credit subgraph answered HTTP ${response.status}`);
  }
}

/**
 * A token valid at the gateway can expire before a subgraph checks it. Rather than a 200 with
 * token errors at some fields, the whole request fails cleanly with 401, so the client refreshes
 * its token and retries.
 */
export function downstreamTokenRefusal(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.tokenRefusedDownstream || response.body.kind !== 'single') return;
          response.http.status = 401;
          response.http.headers.set('www-authenticate', 'Bearer realm="credit", error="invalid_token"');
          response.body.singleResult = {
            errors: [{ message: 'invalid token: it expired while the request was served; refresh it and send the request again', extensions: { code: 'UNAUTHENTICATED' } }],
          };
        },
      };
    },
  };
}
