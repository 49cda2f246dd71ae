// Client-facing errors. Driver and internal messages never reach a client: anything not built
// here is masked by the server's formatError.
import { GraphQLError } from 'graphql';

export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function serviceUnavailable(what: string): GraphQLError {
  return new GraphQLError(`${what} is unavailable, try again shortly`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}
