// Express middleware: verify the bearer token on every request, or answer 401/503 with a clear message.
import type { NextFunction, Request, Response } from 'express';
import type { Caller } from './caller';
import { IdentityProviderUnavailableError, InvalidTokenError, type TokenValidator } from './token-validator';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

export function authenticate(validator: TokenValidator) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      req.caller = await validator.validate(req.headers.authorization);
      next();
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        res.status(401).set('WWW-Authenticate', `Bearer realm="credit", error="invalid_token"`);
        res.json({ errors: [{ message: err.message, extensions: { code: 'UNAUTHENTICATED' } }] });
      } else if (err instanceof IdentityProviderUnavailableError) {
        res.status(503).json({ errors: [{ message: err.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      } else {
        next(err);
      }
    }
  };
}
