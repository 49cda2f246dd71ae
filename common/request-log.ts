// What a process logs about its requests: one line per HTTP request when it ends (status,
// duration, the operation and who asked), and every error a client sees only masked, with its
// cause and stack, under the request id the client got back (x-request-id, extensions.requestId).
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { unwrapResolverError } from '@apollo/server/errors';
import { isMasked } from './format-error';
import type { Logger } from './logger';

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

export function requestLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    req.observed = {};
    res.once('finish', () => {
      const caller = req.caller;
      logger.info(
        {
          requestId: req.requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
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

export function operationLog<TContext extends LoggedContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
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
          if (observed) {
            observed.name = operation?.name?.value ?? null;
            observed.type = operation?.operation ?? null;
            observed.outcome = !result.errors?.length ? 'OK' : result.data ? 'PARTIAL' : 'ERROR';
          }
          // a support desk finds the log lines of a failed request by the id on its errors
          if (result.errors && contextValue.requestId) result.errors = result.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } }));
        },
      };
    },
  };
}
