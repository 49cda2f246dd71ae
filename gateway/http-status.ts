// HTTP status for a GraphQL error code, for the gateway's REST routes that run an operation.
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  SERVICE_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

/** Anything else is the subgraphs' failure, not the caller's: 502. */
export function httpStatusOf(code: string): number {
  return STATUS_BY_CODE[code] ?? 502;
}
