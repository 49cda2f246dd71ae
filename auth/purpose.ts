// Query purpose (查询事由): a request that reads MEMBER or RESTRICTED data states why, in the
// x-query-purpose header, from this list. It is checked by the gateway and by every subgraph,
// forwarded between them, and recorded in the audit trail.
import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../platform/errors';
import { QUERY_PURPOSES } from '../schema/catalogue/purposes';

export const PURPOSE_HEADER = 'x-query-purpose';

export { QUERY_PURPOSES };

export type QueryPurpose = keyof typeof QUERY_PURPOSES;

export function isQueryPurpose(value: string): value is QueryPurpose {
  return Object.prototype.hasOwnProperty.call(QUERY_PURPOSES, value);
}

declare module 'express-serve-static-core' {
  interface Request {
    purpose?: QueryPurpose;
  }
}

/** Reads the header; an unknown purpose is a 400 that lists the accepted ones. */
export function readPurpose(req: Request, res: Response, next: NextFunction): void {
  const raw = req.headers[PURPOSE_HEADER];
  if (raw === undefined || raw === '') {
    next();
    return;
  }
  const value = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  if (!isQueryPurpose(value)) {
    sendError(res, 'BAD_REQUEST', `${PURPOSE_HEADER} must be one of ${Object.keys(QUERY_PURPOSES).join(', ')}`);
    return;
  }
  req.purpose = value;
  next();
}
