// One place maps internal failures to client errors: errors with a code of the vocabulary
// (platform/errors.ts) pass through,
// database failures become SERVICE_UNAVAILABLE, anything else a bare INTERNAL_SERVER_ERROR.
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { isClientCode } from './errors';
import { limitRefusal, QUERY_TOO_COMPLEX } from './query-limits';
import { StoreUnavailableError } from './store-unavailable';

const CLIENT_EXTENSIONS = new Set(['code', 'argument', 'serviceName']);

/** Whether formatError hides this error's message from the client (so its cause must be logged). */
export function isMasked(formatted: { extensions?: Record<string, unknown> }, error: unknown): boolean {
  const code = formatted.extensions?.['code'];
  return !isClientCode(code) || unwrapResolverError(error) instanceof StoreUnavailableError;
}

/** graphql-js suggests names ("Did you mean the enum value …?") in more places than armor's rule reaches: none is sent. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.message.includes('Did you mean')) formatted = { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
  const code = formatted.extensions?.['code'];
  // a limit says which one was exceeded, never its value
  const limit = code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' ? limitRefusal(formatted.message) : undefined;
  if (limit) return { message: limit, extensions: { code: QUERY_TOO_COMPLEX } };
  if (isClientCode(code)) {
    // Only these extensions reach a client: never a stack, a subgraph URL or a response body.
    const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => CLIENT_EXTENSIONS.has(key)));
    return { ...formatted, extensions };
  }
  const original = unwrapResolverError(error);
  if (original instanceof StoreUnavailableError) {
    return { message: 'credit database is unavailable, try again shortly', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
