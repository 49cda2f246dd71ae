// One audit event per operation, written before the response leaves: a signed-in caller's
// answer (which may carry member, restricted or full data, a bidder check's verdicts, a feed of
// change events) waits until its event is in the database, written together with the others of
// the moment (group commit); an anonymous caller's answer, public data only, waits for nothing but
// a place in the bounded buffer. If the event cannot be kept, the answer is withheld: 503, no data.
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';
import { buildAuditEvent } from './audit-event';
import type { AuditLog } from './audit-log';

export const AUDIT_UNAVAILABLE_MESSAGE = 'the query record could not be written, so nothing was disclosed; try again shortly';

/** Replaces an answer whose audit event could not be kept: the caller learns nothing of the data. */
function withhold(response: GraphQLResponse): void {
  response.http.status = 503;
  response.http.headers.set('retry-after', '5');
  if (response.body.kind === 'single') response.body.singleResult = { errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
}

/** What the plugin reads of a request's context: who asked, from where, why, and what the subgraphs returned. */
export interface AuditedRequest {
  readonly caller: Caller;
  readonly clientAddress?: string;
  readonly purpose?: QueryPurpose;
  /** Enterprises the subgraphs reported in their answers. */
  readonly returnedEnterprises?: Set<string>;
  /** Notes that the request's operation was audited, so it is not audited again as a refusal. */
  readonly markAudited?: () => void;
}

export function auditPlugin<TContext extends AuditedRequest>(log: AuditLog): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const startedAt = Date.now();
      return {
        async willSendResponse({ contextValue, request, queryHash, document, operation, response }) {
          contextValue.markAudited?.();
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const event = buildAuditEvent({
            caller: contextValue.caller,
            clientAddress: contextValue.clientAddress,
            purpose: contextValue.purpose,
            operationName: request.operationName ?? operation?.name?.value ?? null,
            operationType: operation?.operation ?? null,
            query: request.query,
            ...(queryHash ? { queryHash } : {}),
            document,
            variables: request.variables,
            data: body?.data,
            errors: body?.errors,
            startedAt,
            returned: [...(contextValue.returnedEnterprises ?? [])],
          });
          if (contextValue.caller.anonymous) {
            if (!log.append(event)) withhold(response);
            return;
          }
          await log.record(event).catch(() => withhold(response));
        },
      };
    },
  };
}
