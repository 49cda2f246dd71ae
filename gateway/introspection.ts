// Introspection is for credit administrators only (or nobody): the schema of a credit system is
// a map an attacker should not get for free.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import { refusalOf } from '../auth/access';
import { introspect } from '../auth/policy';
import type { GatewayContext } from './context';
import { graphqlError } from '../platform/errors';

export function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.kind === Kind.FIELD && (node.name.value === '__schema' || node.name.value === '__type')) found = true;
    },
  });
  return found;
}

export function introspectionPolicy(mode: 'admin' | 'off'): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue, source }) {
          // the full walk only for a document that names an introspection field at all
          if (!/__(schema|type)\b/.test(source) || !selectsIntrospection(document)) return;
          const refused = refusalOf(introspect(contextValue.caller, mode));
          if (refused) throw graphqlError('FORBIDDEN', refused.message, { httpStatus: 403 });
        },
      };
    },
  };
}
