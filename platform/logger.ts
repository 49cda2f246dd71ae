// Structured logs: one JSON line per event on standard output (pino), at LOG_LEVEL (default
// info); LOG_FORMAT=pretty prints them for people instead (pino-pretty, pino's own printer), which
// `npm start` asks for when its output is a terminal. Credentials never reach a log:
// authorization headers, tokens, passwords and secrets are redacted wherever they appear.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

const REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-credit-hop-signature"]',
  '*.headers["x-credit-hop-signature"]',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
];

export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  // an error is logged with its cause chain (a database failure behind "unavailable")
  const options = { level: env['LOG_LEVEL'] ?? 'info', base: { service }, redact: { paths: REDACT, censor: '[redacted]' }, serializers: { err: pino.stdSerializers.errWithCause } };
  if (destination) return pino(options, destination);
  const format = env['LOG_FORMAT'] ?? 'json';
  if (format !== 'json' && format !== 'pretty') throw new Error(`LOG_FORMAT must be json or pretty; got '${format}'`);
  // redaction happens before the printer sees a line, so pretty output hides the same fields
  return format === 'pretty' ? pino(options, pretty({ sync: true, colorize: env['NO_COLOR'] === undefined, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' })) : pino(options);
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Identifies the request in logs, in the response (x-request-id) and on the hops it makes. */
    requestId?: string;
  }
}

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id, answered in x-request-id: the caller's own when `trusted` (a
 * subgraph behind the gateway, or a gateway behind a proxy that sets it), a new one otherwise.
 */
export function requestIds(trusted: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.headers[REQUEST_ID_HEADER];
    req.requestId = trusted && typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, req.requestId);
    next();
  };
}
