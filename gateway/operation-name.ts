// An operation name the document does not hold is the caller's mistake: 400 naming it. Apollo
// Gateway would otherwise throw while planning, which Apollo Server answers with a 500.
import type { ApolloServerPlugin } from '@apollo/server';
import { badUserInput } from '../platform/errors';
import type { GatewayContext } from './context';

export function knownOperationName(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const name = typeof request.operationName === 'string' ? request.operationName.slice(0, 100) : '';
          throw badUserInput('operationName', name ? `the document has no operation named ${JSON.stringify(name)}` : 'the document holds several operations: name the one to run', 400);
        },
      };
    },
  };
}
