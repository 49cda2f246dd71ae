// What a process logs about its requests: one line per HTTP request when it ends (status,
// duration, the operation and who asked), and every error a client sees only masked, with its
// cause and stack, under the request id the client got back (x-request-id, extensions.requestId).
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { unwrapResolverError } from '@apollo/server/errors';
import { isMasked } from './format-error';
import type { Logger } from './logger';
import { httpRequestDuration, operationDuration, operationLabel } from './metrics';

const ROUTES = new Set(['/graphql', '/health', '/submissions', '/bidder-check.csv', '/credit-check.csv', '/audit']);

/** The route a path belongs to, from a fixed set: paths are chosen by callers, metric labels must not be. */
function routeOf(path: string): string {
  const first = `/${path.split('/')[1] ?? ''}`;
  return ROUTES.has(first) ? first : 'other';
}

/** Filled in by the GraphQL layer, read when the HTTP request ends. */
export interface ObservedOperation {
  name?: string | null;
  type?: string | null;
  outcome?: 'OK' | 'PARTIAL' | 'ERROR';
}

declare module 'express-serve-static-core' {
  interface Request {
    observed?: ObservedOperation;
  }
}

export interface LoggedContext {
  readonly requestId?: string;
  readonly observed?: ObservedOperation;
}

/** Logs and measures every request of the process `service`. */
export function requestLog(logger: Logger, service: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    req.observed = {};
    res.once('finish', () => {
      const caller = req.caller;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = req.originalUrl.split('?')[0] ?? '';
      httpRequestDuration.observe({ service, route: routeOf(path), method: req.method, status: String(res.statusCode) }, seconds);
      // probes (load balancers, the launcher's readiness checks) ask every few seconds: debug, not info
      const level = path.startsWith('/health') && res.statusCode < 500 ? 'debug' : 'info';
      logger[level](
        {
          requestId: req.requestId,
          traceId: req.traceId,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1e5) / 100,
          operationName: req.observed?.name ?? null,
          operationType: req.observed?.type ?? null,
          outcome: req.observed?.outcome ?? null,
          subject: caller?.subject ?? null,
          client: caller?.clientId ?? null,
          agency: caller?.agency ?? null,
          purpose: req.purpose ?? null,
        },
        'request',
      );
    });
    next();
  };
}

export function operationLog<TContext extends LoggedContext>(logger: Logger, service: string): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            // the client sees "internal error" or "unavailable": the cause belongs in the log
            if (!isMasked(error, error)) continue;
            logger.error({ requestId: contextValue.requestId, operationName, path: error.path, err: error.originalError ?? unwrapResolverError(error) }, 'masked error');
          }
        },
        async willSendResponse({ contextValue, operation, response }) {
          const observed = contextValue.observed;
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const name = operation?.name?.value ?? null;
          const type = operation?.operation ?? null;
          const outcome = !result.errors?.length ? 'OK' : result.data ? 'PARTIAL' : 'ERROR';
          if (observed) Object.assign(observed, { name, type, outcome });
          operationDuration.observe({ service, operation: operationLabel(name), type: type ?? '(none)', outcome }, Number(process.hrtime.bigint() - started) / 1e9);
          // a support desk finds the log lines of a failed request by the id on its errors
          if (result.errors && contextValue.requestId) result.errors = result.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } }));
        },
      };
    },
  };
}
