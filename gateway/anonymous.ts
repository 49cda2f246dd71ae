// What anonymous callers may do: the public queries only (auth/policy.ts), at a bounded rate per client address.
import type { ApolloServerPlugin } from '@apollo/server';
import { rateLimitRefusals } from '../platform/metrics';
import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { LimitStoreUnavailableError, STORE_DOWN } from './shared-limits';
import { useRootField } from '../auth/policy';
import { executedRootFields } from '../platform/root-fields';
import type { GatewayContext } from './context';
import { graphqlError, sendError } from '../platform/errors';

/** Refuses, with 401, an operation whose executed root fields the caller may not use (however the document spells them). */
export function anonymousRootFields(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!contextValue.caller.anonymous || !operation) return;
          for (const field of executedRootFields(document, operation, request.variables)) {
            const decision = useRootField(contextValue.caller, field);
            if (!decision.allowed) throw graphqlError(decision.code, decision.reason, { httpStatus: 401 });
          }
        },
      };
    },
  };
}

/**
 * One per-address budget, shared by every route, for every request without a validated identity:
 * anonymous ones, those whose token was refused (authenticate counts them here before the 401),
 * and those to routes that never look at a token. Only a caller whose token validated is skipped;
 * what a request merely carries in its Authorization header decides nothing.
 */
export function anonymousRateLimit(perMinute: number, store: Store | undefined): RequestHandler {
  const limiter = rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.caller !== undefined && !req.caller.anonymous,
    handler: (_req, res) => {
      rateLimitRefusals.inc({ limit: 'anonymous' });
      sendError(res, 'RATE_LIMITED', 'too many anonymous requests from this address; try again in a minute or sign in');
    },
  });
  // a budget that cannot be read refuses: the shared store's outage is no way around the limit
  return (req, res, next) => {
    void limiter(req, res, (err?: unknown) => {
      if (err instanceof LimitStoreUnavailableError) sendError(res, 'SERVICE_UNAVAILABLE', STORE_DOWN);
      else next(err);
    });
  };
}
