// A REST route's disclosure: recorded in the audit trail before it is sent, or not sent at all.
import type { Response } from 'express';
import { sendError } from '../platform/errors';
import type { AuditEvent } from './audit-event';
import type { AuditLog } from './audit-log';

/** True once `event` is kept; otherwise answers 503 saying `what` was not sent, and answers false. */
export async function recordOrRefuse(log: AuditLog, event: AuditEvent, res: Response, what: string): Promise<boolean> {
  const kept = await log.record(event).then(
    () => true,
    () => false,
  );
  if (!kept) sendError(res, 'SERVICE_UNAVAILABLE', `${what} was not sent: reading it could not be recorded; try again shortly`);
  return kept;
}
