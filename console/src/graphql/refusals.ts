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

/** The reason in the interface language: sign in, not your role, or the purpose is missing. */
export function reasonOf(refusal: Refusal, t: Messages): string {
  if (refusal.code === 'UNAUTHENTICATED') return t.refusedSignIn;
  if (refusal.code === 'FORBIDDEN') return /x-query-purpose/.test(refusal.message) ? t.refusedPurpose : t.refusedRole;
  return t.refusedOther;
}

/** Errors that are not a refusal of a field: the request as a whole failed. */
export function failureOf(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError) return error.networkError.message;
  const whole = error.graphQLErrors.find((e) => !e.path || e.path.length <= 1);
  return whole?.message;
}
