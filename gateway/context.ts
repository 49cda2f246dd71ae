// Per-request state of the gateway.
import type { Caller } from '../auth/caller';
import type { QueryPurpose } from '../auth/purpose';
import type { ObservedOperation } from '../platform/request-log';
import type { OperationRecord } from '../cache/operation-cache';

export interface GatewayContext {
  readonly caller: Caller;
  /** The verified Authorization header, forwarded to subgraphs. */
  readonly authorization?: string;
  readonly purpose?: QueryPurpose;
  /** The client's address as Express sees it (set `trust proxy` behind a reverse proxy). */
  readonly clientAddress?: string;
  /** Enterprises the subgraphs reported in their answers, for the audit trail. */
  readonly returnedEnterprises?: Set<string>;
  /** Set when a REST route already holds the caller's expensive-operation slot for the whole request. */
  readonly holdsExpensiveSlot?: boolean;
  /** Notes that the request's operation was audited, so it is not audited again as a refusal. */
  readonly markAudited?: () => void;
  /** The request's id, forwarded to the subgraphs and put on logged errors. */
  readonly requestId?: string;
  /** What the operation was and how it ended, for the request's log line. */
  readonly observed?: ObservedOperation;
  /** Set when a subgraph refused the caller's token (it expired during the request). */
  tokenRefusedDownstream?: boolean;
  /** The versions the operation's subgraph answers were read at, while an answer that may be kept whole is made (cache/operation-cache.ts). */
  operationRecord?: OperationRecord;
}
