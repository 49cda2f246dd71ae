// Requests refused before any GraphQL operation runs (an invalid token, a bad purpose, a rate
// limit, CSRF, a body too large, an unsupported content type) are security events: each leaves an
// audit event too. One address fills the trail at most `perMinute` events a minute; what is
// dropped beyond that is counted on the next event written for that address.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { callerFields, type AuditEvent } from './audit-event';
import type { AuditLog } from './audit-log';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

declare module 'express-serve-static-core' {
  interface Request {
    /** Set once an operation of this request has been audited by the GraphQL audit plugin. */
    audited?: boolean;
  }
}

interface Budget {
  windowStart: number;
  written: number;
  suppressed: number;
}

export function refusalAudit(log: AuditLog, perMinute = 60): RequestHandler {
  const budgets = new Map<string, Budget>();
  const admit = (address: string, now: number): number | undefined => {
    let budget = budgets.get(address);
    if (!budget || now - budget.windowStart >= 60_000) {
      // forget quiet addresses, so the map stays small
      if (budgets.size > 10_000) for (const [a, b] of budgets) if (now - b.windowStart >= 60_000 && b.suppressed === 0) budgets.delete(a);
      budget = { windowStart: now, written: 0, suppressed: budget?.suppressed ?? 0 };
      budgets.set(address, budget);
    }
    if (budget.written >= perMinute) {
      budget.suppressed++;
      return undefined;
    }
    budget.written++;
    const suppressed = budget.suppressed;
    budget.suppressed = 0;
    return suppressed;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const startedAt = Date.now();
    res.once('finish', () => {
      const code = CODE_BY_STATUS[res.statusCode];
      if (!code || req.audited) return;
      const address = req.ip ?? 'unknown';
      const suppressed = admit(address, Date.now());
      if (suppressed === undefined) return;
      const event: AuditEvent = {
        id: randomUUID(),
        time: new Date(startedAt),
        ...callerFields(req.caller),
        clientAddress: address,
        operationName: null,
        operationType: null,
        documentHash: null,
        enterprises: [],
        indicators: [],
        purpose: req.purpose ?? null,
        outcome: 'ERROR',
        refused: [],
        errorCodes: [code],
        durationMs: Date.now() - startedAt,
        refusal: { status: res.statusCode, path: req.originalUrl.split('?')[0] ?? '', method: req.method, ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}) },
      };
      log.append(event);
    });
    next();
  };
}
