// Calls of the gateway's HTTP routes (reports, bidder-check CSV, submissions, audit) with the
// session's token and purpose; a refusal becomes an Error carrying the gateway's own message.
import type { Session } from './auth/session';
import { requestHeaders } from './graphql/client';

export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function errorOf(response: Response): Promise<RequestError> {
  try {
    const body = (await response.json()) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = body.errors?.[0];
    return new RequestError(response.status, first?.message ?? `HTTP ${response.status}`, first?.extensions?.code);
  } catch {
    return new RequestError(response.status, `HTTP ${response.status}`);
  }
}

export async function call(session: Session, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(await requestHeaders(session))) headers.set(name, value);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** Posts `body` as JSON to a route that answers a file (a check's CSV), and offers the file to the user. */
export async function downloadPosted(session: Session, path: string, body: unknown, fileName: string): Promise<void> {
  const response = await call(session, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  saveBlob(await response.blob(), fileName);
}

/** Offers a blob to the user as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
