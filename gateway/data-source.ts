// How the gateway calls a subgraph: forwards the caller's bearer token (and nothing else from
// the client request), so each subgraph validates the token itself; and turns a subgraph's
// refusal into a client error that names the problem without the subgraph's URL or body.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

const CODE_BY_STATUS: Readonly<Record<number, string>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 503: 'SERVICE_UNAVAILABLE' };

export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const authorization = (context as Partial<GatewayContext>).authorization;
    if (authorization && request.http) request.http.headers.set('authorization', authorization);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0];
    const subgraphCode = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    // A 400 with validation errors means an argument failed a scalar's check in the subgraph.
    if (response.status === 400 && typeof first?.message === 'string' && subgraphCode?.startsWith('GRAPHQL_VALIDATION')) {
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const code = CODE_BY_STATUS[response.status];
    if (code && typeof first?.message === 'string') return new GraphQLError(first.message, { extensions: { code } });
    return new GraphQLError(`a credit subgraph answered HTTP ${response.status}`, { extensions: { code: 'SUBGRAPH_ERROR' } });
  }
}
