// Who may submit what, and who may change a stored record, as the policy decides (auth/policy.ts),
// turned into the pipeline's terms: the pipeline receives the resulting Submitter, never the
// GraphQL context.
import type { Caller } from '../auth/caller';
import { enforce } from '../auth/access';
import { changeRecord, changeRecords, submitRecords } from '../auth/policy';
import { indicatorByCode, type Category, type IndicatorSpec } from '../schema/catalogue';
import type { StoredRecord } from '../storage/port';
import { badUserInput } from '../platform/errors';

/** The unit submitting: its agency and region come from the verified token, never the payload. */
export interface Submitter {
  readonly agency: string;
  readonly region: string;
  readonly subject: string | null;
  /** The caller's verified Authorization header, for look-ups made on its behalf. */
  readonly authorization?: string;
  /** The verified caller, for the policy's decisions about single records. */
  readonly caller: Caller;
}

export const MAX_RECORDS_PER_SUBMISSION = 1000;

// '#' separates a bulk file's batch id from its chunk number (see gateway/bulk-submissions.ts).
const BATCH_ID = /^[A-Za-z0-9._:#-]{1,100}$/;

const submitterOf = (caller: Caller, authorization?: string): Submitter => ({
  agency: caller.agency ?? '',
  region: caller.region ?? '',
  subject: caller.subject ?? null,
  caller,
  ...(authorization ? { authorization } : {}),
});

/** Checks a submission's caller and shape; answers the submitter and the indicator. */
export function authorizeSubmission(
  caller: Caller,
  authorization: string | undefined,
  category: Category,
  args: { batchId: string; indicator: string; records: readonly unknown[] },
): { submitter: Submitter; indicator: IndicatorSpec } {
  enforce(changeRecords(caller, 'submitting records'));
  if (!BATCH_ID.test(args.batchId)) throw badUserInput('batchId', 'must be 1 to 100 letters, digits, dots, colons, underscores or hyphens');
  const ind = indicatorByCode(args.indicator);
  if (!ind || ind.category !== category) throw badUserInput('indicator', `'${args.indicator.slice(0, 10)}' is not a ${category.toLowerCase()} indicator code`);
  enforce(submitRecords(caller, ind));
  if (args.records.length === 0 || args.records.length > MAX_RECORDS_PER_SUBMISSION) {
    throw badUserInput('records', `send 1 to ${MAX_RECORDS_PER_SUBMISSION} records per call; for larger files use POST /submissions/{indicator}`);
  }
  return { submitter: submitterOf(caller, authorization), indicator: ind };
}

/** Checks a caller may withdraw or repair records at all, and says why it does. */
export function authorizeChange(caller: Caller, reason: string): Submitter {
  enforce(changeRecords(caller));
  if (reason.trim().length < 4 || reason.length > 500) throw badUserInput('reason', 'say why, in 4 to 500 characters');
  return submitterOf(caller);
}

/** A stored record belongs to the unit that submitted it (agency and region): only that unit may change it. */
export function requireOwnRecord(submitter: Submitter, record: StoredRecord): void {
  enforce(changeRecord(submitter.caller, record));
}
