// A field the caller may not see comes back as null with an error at its path. These find the
// error of a field, and say why in words a person understands.
import type { CombinedError } from 'urql';
import type { Messages } from '../i18n/messages';

export type Path = readonly (string | number)[];

export interface Refusal {
  readonly code: string;
  readonly message: string;
}

function startsWith(path: readonly (string | number)[] | undefined, prefix: Path): boolean {
  return path !== undefined && prefix.every((segment, i) => path[i] === segment);
}

/** The refusal of the field at `path`, or of one below it unless `exact`. */
export function refusalAt(error: CombinedError | undefined, path: Path, exact = false): Refusal | undefined {
  const found = error?.graphQLErrors.find((e) => startsWith(e.path, path) && (!exact || e.path?.length === path.length));
  if (!found) return undefined;
  const code = typeof found.extensions['code'] === 'string' ? found.extensions['code'] : 'INTERNAL_SERVER_ERROR';
  return { code, message: found.message };
}

/** Whether the error is an access rule's refusal; any other error means the part was not read. */
export const isDisclosureRefusal = (refusal: Refusal): boolean => refusal.code === 'UNAUTHENTICATED' || refusal.code === 'FORBIDDEN';

/** The reason in the interface language: sign in, not your role, the purpose is missing, or the part could not be read. */
export function reasonOf(refusal: Refusal, t: Messages): string {
  if (refusal.code === 'UNAUTHENTICATED') return t.refusedSignIn;
  if (refusal.code === 'FORBIDDEN') return /x-query-purpose/.test(refusal.message) ? t.refusedPurpose : t.refusedRole;
  return t.unavailable;
}

/** What a part of a profile shows: its records, an access rule's refusal, or that it was not read (never "no records" for a part not read). */
export type PartState = { readonly kind: 'records' } | { readonly kind: 'refused' | 'unavailable'; readonly refusal: Refusal };

/**
 * The state of the field at `path` whose value is `value`. A field missing from the answer, or
 * null with an error at or below it, was not read, unless the error is an access rule's refusal;
 * an error without a path (the request as a whole) leaves nothing known about any part.
 */
export function partState(error: CombinedError | undefined, path: Path, value: unknown, subgraph: string): PartState {
  if (value !== null && value !== undefined) return { kind: 'records' };
  const found = refusalAt(error, path, true) ?? refusalAt(error, path) ?? failedFetch(error, subgraph);
  if (found) return { kind: isDisclosureRefusal(found) ? 'refused' : 'unavailable', refusal: found };
  if (value === undefined) return { kind: 'unavailable', refusal: { code: 'SERVICE_UNAVAILABLE', message: 'not in the answer' } };
  return { kind: 'records' };
}

/** An error without a path: a subgraph's failed fetch (named by `serviceName`), or, unnamed, the whole request's. */
function failedFetch(error: CombinedError | undefined, subgraph: string): Refusal | undefined {
  if (error?.networkError) return { code: 'SERVICE_UNAVAILABLE', message: error.networkError.message };
  const whole = error?.graphQLErrors.find((e) => (!e.path || e.path.length === 0) && (e.extensions['serviceName'] === undefined || e.extensions['serviceName'] === subgraph));
  return whole ? { code: typeof whole.extensions['code'] === 'string' ? whole.extensions['code'] : 'INTERNAL_SERVER_ERROR', message: whole.message } : undefined;
}

/** Errors that are not a refusal of a field: the request as a whole failed. */
export function failureOf(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return error.networkError.message;
  const whole = error.graphQLErrors.find((e) => !e.path || e.path.length <= 1);
  return whole?.message;
}
