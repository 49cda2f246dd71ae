// Last Express handler of the gateway and the subgraphs: a request the body parser refuses (bad
// JSON, too large, wrong encoding) gets a JSON error with its HTTP status, never Express's HTML
// page with a stack trace.
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './errors';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
}

const MESSAGES: Readonly<Record<string, string>> = {
  'entity.too.large': 'request body is too large',
  'entity.parse.failed': 'request body is not valid JSON',
  'encoding.unsupported': 'request body encoding is not supported',
  'charset.unsupported': 'request body charset is not supported',
};

export function jsonErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpError;
  const status = e.status ?? e.statusCode ?? 500;
  const known = e.type ? MESSAGES[e.type] : undefined;
  const message = status >= 500 ? 'internal error' : (known ?? 'bad request');
  // express's own status (400, 413, 415) is kept; the code says what kind of failure it is
  res.status(status).json({ errors: [{ message, extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
}

/** Any route not served: a JSON 404 rather than Express's HTML page. */
export function notFound(req: Request, res: Response): void {
  sendError(res, 'NOT_FOUND', `no route ${req.method} ${req.path}`);
}
