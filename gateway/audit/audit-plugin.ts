// Appends one audit event per operation, after the response is built; never awaits the database.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { buildAuditEvent } from './audit-event';
import type { AuditLog } from './audit-log';

export function auditPlugin(log: AuditLog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const startedAt = Date.now();
      return {
        async willSendResponse({ contextValue, request, document, operation, response }) {
          contextValue.markAudited?.();
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          log.append(
            buildAuditEvent({
              caller: contextValue.caller,
              clientAddress: contextValue.clientAddress,
              purpose: contextValue.purpose,
              operationName: request.operationName ?? operation?.name?.value ?? null,
              operationType: operation?.operation ?? null,
              query: request.query,
              document,
              variables: request.variables,
              data: body?.data,
              errors: body?.errors,
              startedAt,
              returned: [...(contextValue.returnedEnterprises ?? [])],
            }),
          );
        },
      };
    },
  };
}
