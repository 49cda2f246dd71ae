// Limits for signed-in callers: requests per minute per token subject, by role, and how many
// expensive operations (bulk files, bidder checks, large `enterprises` queries) one subject may
// run at once. Anonymous callers have their own per-address budget (anonymous.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { rateLimitRefusals } from '../platform/metrics';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { OperationTypeNode, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Caller } from '../auth/caller';
import { isAdmin, isMember } from '../auth/policy';
import { executedRootFieldNodes } from '../platform/root-fields';
import type { CallerClass, GatewayLimits } from './config';
import type { GatewayContext } from './context';
import { badUserInput, graphqlError, sendError } from '../platform/errors';
import type { ExpensiveSlots, Release } from './expensive-slots';
import { LimitStoreUnavailableError, STORE_DOWN } from './shared-limits';

/** Which budget a caller draws on. */
export function callerClass(caller: Caller): CallerClass {
  if (isAdmin(caller)) return 'admin';
  if (isMember(caller)) return 'member';
  if (caller.roles.has('credit-bidding')) return 'bidding';
  return 'other';
}

const tooMany = (res: Response, message: string) => sendError(res, 'RATE_LIMITED', message);

/** Runs after authentication: anonymous requests pass (their budget is per address). One per gateway, shared by its routes. */
export function callerRateLimit(limits: GatewayLimits, store: Store | undefined): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 60_000,
    limit: (req: Request) => (req.caller && !req.caller.anonymous ? limits.callerPerMinute[callerClass(req.caller)] : 0),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !req.caller || req.caller.anonymous,
    keyGenerator: (req) => `sub:${req.caller?.subject ?? ''}`,
    handler: (_req, res) => {
      rateLimitRefusals.inc({ limit: 'caller' });
      tooMany(res, 'too many requests from this caller; try again in a minute');
    },
  });
}

const BUSY = 'you are already running as many large operations (bulk files, bidder checks, reports, verifications, large queries) as allowed; wait for one to finish';

/** For a REST route that is expensive as a whole (a bulk file, a bidder check as CSV). */
export function expensiveRoute(slots: ExpensiveSlots): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    let release: Release | undefined;
    try {
      release = await slots.acquire(req.caller ?? { anonymous: true, roles: new Set() }, req.ip);
    } catch (err) {
      if (err instanceof LimitStoreUnavailableError) {
        sendError(res, 'SERVICE_UNAVAILABLE', STORE_DOWN);
        return;
      }
      throw err;
    }
    if (!release) {
      tooMany(res, BUSY);
      return;
    }
    res.once('close', release);
    next();
  };
}

/** Codes in one `enterprises` query from which it counts as expensive. */
const LARGE_ENTERPRISES = 100;

/** Codes the executed `enterprises` selections list together, however spelled: literals, variables, aliases, fragments. */
export function listedCodes(fields: readonly FieldNode[], variables: Record<string, unknown> | undefined): number {
  let codes = 0;
  for (const field of fields) {
    if (field.name.value !== 'enterprises') continue;
    const argument = field.arguments?.find((a) => a.name.value === 'usccs');
    const value: unknown = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
    codes += Array.isArray(value) ? value.length : 1;
  }
  return codes;
}

/** The variables as execution sees them: a variable not sent takes its declared default (`$c: [ID!] = [...]`). */
export function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const effective: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (effective[name] === undefined && definition.defaultValue) effective[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return effective;
}

/** GraphQL operations: bidderCheck, creditCheck, mutations and large `enterprises` lists take a slot while they run. */
export function expensiveOperations(slots: ExpensiveSlots): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let release: Release | undefined;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          // judged from what will execute, not from the variables alone
          const nodes = executedRootFieldNodes(document, operation, request.variables);
          const fields = nodes.map((f) => f.name.value);
          // one check per operation: aliases would run many under one slot
          const checks = fields.filter((f) => f === 'bidderCheck' || f === 'creditCheck').length;
          if (checks > 1) throw badUserInput('query', `one bidderCheck or creditCheck per operation, got ${checks}: send them one after another`);
          // issueCreditReport calls the report route, which takes the slot itself
          const mutation = operation.operation === OperationTypeNode.MUTATION && fields.some((f) => f !== 'issueCreditReport');
          const expensive = mutation || fields.includes('bidderCheck') || fields.includes('creditCheck') || listedCodes(nodes, withDefaults(operation, request.variables)) > LARGE_ENTERPRISES;
          // a REST route that runs operations holds its own slot for the whole file
          if (!expensive || contextValue.holdsExpensiveSlot) return;
          try {
            release = await slots.acquire(contextValue.caller, contextValue.clientAddress);
          } catch (err) {
            if (err instanceof LimitStoreUnavailableError) throw graphqlError('SERVICE_UNAVAILABLE', STORE_DOWN, { httpStatus: 503 });
            throw err;
          }
          if (!release) throw graphqlError('RATE_LIMITED', BUSY, { httpStatus: 429 });
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
