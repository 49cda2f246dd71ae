// The GraphQL client: urql (small, with document caching) sending each operation by its SHA-256
// first (persisted queries; the gateway may accept only the console's manifest from anonymous
// callers) and its text only when the gateway asks for it. Every request carries the current
// token and query purpose.
import { Client } from 'urql';
import { consoleExchanges } from './exchanges';
import type { Session } from '../auth/session';
import { currentPurpose } from '../auth/purpose';

export async function requestHeaders(session: Session): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  const token = await session.token();
  if (token) headers['authorization'] = `Bearer ${token}`;
  const purpose = currentPurpose();
  if (purpose && token) headers['x-query-purpose'] = purpose;
  return headers;
}

export function createClient(session: Session): Client {
  return new Client({
    url: '/graphql',
    // a profile is read afresh when the purpose or the signed-in user changes: no stale member data
    requestPolicy: 'network-only',
    exchanges: consoleExchanges(),
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(await requestHeaders(session))) headers.set(name, value);
      return fetch(input, { ...init, headers });
    },
  });
}
