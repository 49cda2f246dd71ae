// Answers a repeated query whole from the operation cache. Apollo Server asks for a ready answer
// (responseForOperation) only after the operation is parsed, validated and every plugin's
// didResolveOperation rule has run (limits, introspection, anonymous fields, argument checks,
// expensive-operation slots), and sends every answer, cached or not, through willSendResponse,
// where the audit record is written before it leaves.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';
import { audienceOf } from './audience';
import { variablesKey } from './fetch-shape';
import { OperationRecord, type OperationCache, type OperationKey } from './operation-cache';

/** What the plugin reads and writes of a request's context. */
export interface OperationCacheContext {
  readonly caller: Caller;
  readonly purpose?: QueryPurpose;
  readonly returnedEnterprises?: Set<string>;
  /** The versions the operation's fetches were read at; set while an answer that may be kept is made. */
  operationRecord?: OperationRecord;
}

export function operationCachePlugin<TContext extends OperationCacheContext>(cache: OperationCache): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let key: OperationKey | null = null;
      /** This request's record; the context carries it to the subgraph fetches while the operation runs. */
      let record: OperationRecord | undefined;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue }) {
          if (operation?.operation !== OperationTypeNode.QUERY || !queryHash) return null;
          // another operation runs on the same context (a report's queries share one): their fetches
          // cannot be told apart, so neither answer is kept whole
          if (contextValue.operationRecord) {
            contextValue.operationRecord.uncacheable();
            return null;
          }
          key = cache.keyOf(audienceOf(contextValue.caller, contextValue.purpose), queryHash, request.operationName ?? null, variablesKey(request.variables));
          if (!key) return null;
          const hit = await cache.lookup(key);
          if (!hit) {
            contextValue.operationRecord = record = new OperationRecord();
            return null;
          }
          for (const uscc of hit.returned) contextValue.returnedEnterprises?.add(uscc);
          key = null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: hit.data } } };
        },
        async willSendResponse({ response, contextValue }) {
          if (!record) return;
          if (contextValue.operationRecord === record) delete contextValue.operationRecord;
          if (!key || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || !data) return;
          cache.store(key, record, data, [...(contextValue.returnedEnterprises ?? [])]);
        },
      };
    },
  };
}
