// What the console's GraphQL client does with an operation: send it by id only (the SHA-256 code
// generation wrote into the document), never its text, then fetch. The gateway holds
// the texts: the build's persisted query manifest. No document cache: every page reads afresh,
// since a purpose or a sign-in changes what may be seen.
import { fetchExchange, type Exchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import type { DocumentNode } from 'graphql';

/** The id code generation wrote into a document. */
export function documentId(document: DocumentNode): string {
  const hash = (document as DocumentNode & { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('an operation without its persisted-document id: run npm run console:build');
  return hash;
}

export function consoleExchanges(): Exchange[] {
  return [
    persistedExchange({ enforcePersistedQueries: true, enableForMutation: true, preferGetForPersistedQueries: false, generateHash: async (_query, document) => documentId(document) }),
    fetchExchange,
  ];
}
