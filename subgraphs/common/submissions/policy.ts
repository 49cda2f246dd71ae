// Who may submit what, and who may change a stored record: decided from the verified caller
// alone. The pipeline receives the resulting Submitter, never the GraphQL context.
import { GraphQLError } from 'graphql';
import type { Caller } from '../../../auth/caller';
import { indicatorByCode, type Category, type IndicatorSpec } from '../../../schema/catalogue';
import type { StoredRecord } from '../../../storage/port';
import { badUserInput } from '../errors';

/** The unit submitting: its agency and region come from the verified token, never the payload. */
export interface Submitter {
  readonly agency: string;
  readonly region: string;
  readonly subject: string | null;
  /** The caller's verified Authorization header, for look-ups made on its behalf. */
  readonly authorization?: string;
}

export const MAX_RECORDS_PER_SUBMISSION = 1000;

// '#' separates a bulk file's batch id from its chunk number (see gateway/bulk-submissions.ts).
const BATCH_ID = /^[A-Za-z0-9._:#-]{1,100}$/;

function requireSubmitterRole(caller: Caller, what: string): void {
  if (caller.anonymous) throw new GraphQLError(`${what} needs a member agency token`, { extensions: { code: 'UNAUTHENTICATED' } });
  if (!caller.roles.has('credit-submitter')) throw new GraphQLError(`${what} needs the credit-submitter role`, { extensions: { code: 'FORBIDDEN' } });
}

/** Checks a submission's caller and shape; answers the submitter and the indicator. */
export function authorizeSubmission(
  caller: Caller,
  authorization: string | undefined,
  category: Category,
  args: { batchId: string; indicator: string; records: readonly unknown[] },
): { submitter: Submitter; indicator: IndicatorSpec } {
  requireSubmitterRole(caller, 'submitting records');
  if (!BATCH_ID.test(args.batchId)) throw badUserInput('batchId', 'must be 1 to 100 letters, digits, dots, colons, underscores or hyphens');
  const ind = indicatorByCode(args.indicator);
  if (!ind || ind.category !== category) throw badUserInput('indicator', `'${args.indicator.slice(0, 10)}' is not a ${category.toLowerCase()} indicator code`);
  if (!caller.agency || !ind.sources.includes(caller.agency)) {
    throw new GraphQLError(`agency ${caller.agency ?? '(none)'} is not a source of ${ind.code}; its sources are ${ind.sources.join(', ')}`, { extensions: { code: 'FORBIDDEN' } });
  }
  if (!caller.region) throw new GraphQLError('the token names no region: ask the credit administrator to set one', { extensions: { code: 'FORBIDDEN' } });
  if (args.records.length === 0 || args.records.length > MAX_RECORDS_PER_SUBMISSION) {
    throw badUserInput('records', `send 1 to ${MAX_RECORDS_PER_SUBMISSION} records per call; for larger files use POST /submissions/{indicator}`);
  }
  return { submitter: { agency: caller.agency, region: caller.region, subject: caller.subject ?? null, ...(authorization ? { authorization } : {}) }, indicator: ind };
}

/** Checks a caller may withdraw or repair records at all, and says why it does. */
export function authorizeChange(caller: Caller, reason: string): Submitter {
  requireSubmitterRole(caller, 'changing records');
  if (reason.trim().length < 4 || reason.length > 500) throw badUserInput('reason', 'say why, in 4 to 500 characters');
  return { agency: caller.agency ?? '', region: caller.region ?? '', subject: caller.subject ?? null };
}

/** A stored record belongs to the unit that submitted it (agency and region): only that unit may change it. */
export function requireOwnRecord(submitter: Submitter, record: StoredRecord): void {
  if (record.agency !== submitter.agency || record.agencyRegion !== submitter.region) {
    throw new GraphQLError(`only the submitting unit (${record.agency}, region ${record.agencyRegion}) may change this record`, { extensions: { code: 'FORBIDDEN' } });
  }
}
