// Express middleware: verify the bearer token on every request, or answer 401/503 with a clear message.
import type { NextFunction, Request, Response } from 'express';
import type { Caller } from './caller';
import { IdentityProviderUnavailableError, InvalidTokenError, type TokenValidator } from './token-validator';
import { sendError } from '../platform/errors';
import { tokenRefusals } from '../platform/metrics';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * `service` names the process in the token-refusal metric. `unidentifiedBudget`, when given, is
 * the per-address budget of requests without a validated identity: a request whose token is
 * refused is counted there before its 401, so junk tokens buy no more than no token does.
 */
export function authenticate(validator: TokenValidator, service: string, unidentifiedBudget?: Middleware) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      req.caller = await validator.validate(req.headers.authorization);
      next();
    } catch (err) {
      const refuse = () => {
        if (err instanceof InvalidTokenError) {
          tokenRefusals.inc({ service, reason: err.reason });
          res.set('WWW-Authenticate', `Bearer realm="credit", error="invalid_token"`);
          sendError(res, 'UNAUTHENTICATED', err.message);
        } else if (err instanceof IdentityProviderUnavailableError) {
          tokenRefusals.inc({ service, reason: 'provider_unavailable' });
          sendError(res, 'SERVICE_UNAVAILABLE', err.message);
        } else {
          next(err);
        }
      };
      // a refused token counts as no identity; an identity provider outage is not the caller's doing
      if (unidentifiedBudget && err instanceof InvalidTokenError) unidentifiedBudget(req, res, refuse);
      else refuse();
    }
  };
}
