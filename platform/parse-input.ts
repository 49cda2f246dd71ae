// A request's body or query string checked against its declared shape (zod) before anything uses
// it; what does not fit is refused with the path of the first thing wrong, never dropped.
import type { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { badUserInput } from './errors';

/** The input, typed, or BAD_USER_INPUT (HTTP 400) naming the first thing wrong with it. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what = 'body'): T | GraphQLError {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keys = issue && 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : [];
  const where = issue?.path.length ? issue.path.join('.') : keys.length ? keys.join(', ') : what;
  return badUserInput(where, issue?.message ?? 'does not fit', 400);
}
