// A submitting unit's batch history: the identity subgraph owns the entity and each category
// subgraph lists the unit's recent batches from its own database. The unit is always the verified
// caller's (agency and region); the entity's key carries only how many batches to list.
import { enforce } from '../auth/access';
import { readBatchHistory } from '../auth/policy';
import type { Category } from '../schema/catalogue';
import { badUserInput } from '../platform/errors';
import type { SubmissionRequest } from './submission-request';

export const MAX_HISTORY = 100;

export function historySdl(category: Category): string {
  return `
"The calling unit's recent submission batches; each category subgraph lists its own."
type SubmissionHistory @key(fields: "historyKey") {
  historyKey: ID! @inaccessible
  "Batches of ${category} indicators, newest first (a file's chunks are batches of their own, '<batch id>#<n>')."
  ${category.toLowerCase()}: [SubmissionBatch!]!
}

type SubmissionBatch @shareable {
  batchId: ID!
  indicator: String!
  receivedAt: DateTime!
  received: Int!
  accepted: Int!
  rejected: Int!
}`;
}

/** The root field's answer: the count asked for, checked. */
export function historyKey(ctx: SubmissionRequest, first: number): { historyKey: string } {
  enforce(readBatchHistory(ctx.caller));
  if (!Number.isInteger(first) || first < 1 || first > MAX_HISTORY) throw badUserInput('first', `must be between 1 and ${MAX_HISTORY}`);
  return { historyKey: String(first) };
}

export function historyResolver() {
  return async (parent: { historyKey: string }, _args: unknown, ctx: SubmissionRequest) => {
    // checked again here: a subgraph reached directly decides for itself
    const { historyKey: key } = historyKey(ctx, Number(parent.historyKey));
    const caller = ctx.caller as { agency: string; region: string };
    return ctx.submissions.recentBatches(caller.agency, caller.region, Number(key));
  };
}
