// The error vocabulary every client sees: the codes, how a GraphQL error carrying one is built,
// and the HTTP status and JSON body a REST route answers with. Driver and internal messages never
// reach a client: anything not built here is masked by formatError.
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'PERSISTED_QUERY_NOT_ALLOWED'
  | 'SERVICE_UNAVAILABLE'
  | 'SUBGRAPH_ERROR'
  | 'INTERNAL_SERVER_ERROR';

const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  PERSISTED_QUERY_NOT_ALLOWED: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  // the subgraphs' failure, not the caller's
  SUBGRAPH_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
};

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(STATUS_BY_CODE, code);
}

/** Codes graphql-js and Apollo Server give their own refusals of a request: written for the client too. */
const PROTOCOL_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Whether an error with this code carries a message written for the client: every code here but INTERNAL_SERVER_ERROR. */
export function isClientCode(code: unknown): boolean {
  return (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') || (typeof code === 'string' && PROTOCOL_CODES.has(code));
}

/** HTTP status of a code; a code from elsewhere (a subgraph's, say) is a failure of the subgraphs: 502. */
export function httpStatusOf(code: string): number {
  return isErrorCode(code) ? STATUS_BY_CODE[code] : 502;
}

/** A GraphQL error with its code; `httpStatus` when the whole response should carry it (refusals before execution). */
export function graphqlError(code: ErrorCode, message: string, options: { argument?: string; httpStatus?: number; extensions?: Record<string, unknown> } = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...(options.argument ? { argument: options.argument } : {}), ...(options.httpStatus ? { http: { status: options.httpStatus } } : {}), ...options.extensions },
  });
}

export function badUserInput(argument: string, message: string, httpStatus?: number): GraphQLError {
  return graphqlError('BAD_USER_INPUT', `${argument}: ${message}`, { argument, ...(httpStatus ? { httpStatus } : {}) });
}

export function serviceUnavailable(what: string): GraphQLError {
  return graphqlError('SERVICE_UNAVAILABLE', `${what} is unavailable, try again shortly`);
}

/** A REST route's error answer: the status of its code and a GraphQL-shaped body. */
export function sendError(res: Response, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  res.status(httpStatusOf(code)).json({ errors: [{ message, extensions: { code } }], ...extra });
}
