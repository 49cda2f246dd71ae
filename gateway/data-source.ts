// How the gateway calls a subgraph: forwards the caller's bearer token (and nothing else from
// the client request), so each subgraph validates the token itself.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context';

export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const authorization = (context as Partial<GatewayContext>).authorization;
    if (authorization && request.http) request.http.headers.set('authorization', authorization);
  }
}
