// What anonymous callers may do: the public queries only, at a bounded rate per client address.
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from './context';

/** Root fields an anonymous caller may ask for (public disclosure: one enterprise, a search, the catalogue). */
export const ANONYMOUS_ROOT_FIELDS = new Set(['enterprise', 'searchEnterprises', 'indicatorCatalogue', '__typename']);

export function anonymousRootFields(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!contextValue.caller.anonymous || !operation) return;
          const refused = rootFieldNames(operation).filter((name) => !ANONYMOUS_ROOT_FIELDS.has(name) && !name.startsWith('__'));
          if (refused.length > 0) {
            throw new GraphQLError(`${refused.join(', ')}: sign in to use this query; anonymous callers may use ${[...ANONYMOUS_ROOT_FIELDS].filter((f) => !f.startsWith('__')).join(', ')}`, {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet.selections.flatMap((x) => (x.kind === Kind.FIELD ? [x.name.value] : [])) : ['(fragment)']));
}

/** Requests without credentials share a per-address budget; signed-in callers are not counted here. */
export function anonymousRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => typeof req.headers.authorization === 'string' && req.headers.authorization !== '',
    handler: (_req, res) => {
      res.status(429).json({ errors: [{ message: 'too many anonymous requests from this address; try again in a minute or sign in', extensions: { code: 'RATE_LIMITED' } }] });
    },
  });
}
