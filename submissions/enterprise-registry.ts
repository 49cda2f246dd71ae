// Where a submission learns whether its enterprises exist and in which region they are
// registered: the identity subgraph, which owns the enterprise directory. The identity subgraph
// reads its own directory; the others ask it over HTTP with the submitter's own token.
import type { SubgraphStorage } from '../storage/port';
import { serviceUnavailable } from '../platform/errors';
import { HOP_SIGNATURE_HEADER, signHop } from '../platform/hop-signature';

export interface EnterpriseRegistry {
  /** Region of each registered enterprise among `usccs`; unknown codes are absent. */
  regionsOf(usccs: readonly string[], authorization: string | undefined): Promise<Map<string, string>>;
}

/** Read on the leader (in a transaction): a submission is checked against the directory as it stands, never a standby's copy. */
export function localRegistry(storage: Pick<SubgraphStorage, 'transaction'>): EnterpriseRegistry {
  return {
    async regionsOf(usccs) {
      const docs = await storage.transaction((tx) => tx.directory.findByUsccs(usccs));
      return new Map(docs.map((d) => [d.uscc, d.region]));
    },
  };
}

const QUERY = 'query SubmissionRegions($c: [ID!]!) { enterprises(usccs: $c) { uscc region } }';
const CHUNK = 1000;

/** `hopKey` signs each request, as the gateway's are: the identity subgraph answers signed requests only. */
export function remoteRegistry(identityUrl: () => string, hopKey: string | null, timeoutMs = 10_000): EnterpriseRegistry {
  return {
    async regionsOf(usccs, authorization) {
      const out = new Map<string, string>();
      for (let i = 0; i < usccs.length; i += CHUNK) {
        const chunk = usccs.slice(i, i + CHUNK);
        let answer: { data?: { enterprises?: ({ uscc: string; region: string } | null)[] }; errors?: unknown[] };
        try {
          const body = JSON.stringify({ query: QUERY, variables: { c: chunk } });
          const res = await fetch(identityUrl(), {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(authorization ? { authorization } : {}),
              ...(hopKey !== null ? { [HOP_SIGNATURE_HEADER]: signHop(hopKey, { body, authorization }) } : {}),
            },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          answer = (await res.json()) as typeof answer;
        } catch {
          throw serviceUnavailable('the enterprise directory');
        }
        if (!answer.data?.enterprises) throw serviceUnavailable('the enterprise directory');
        for (const e of answer.data.enterprises) if (e) out.set(e.uscc, e.region);
      }
      return out;
    },
  };
}
