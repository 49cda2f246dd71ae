// The credit subject's own pages, for an enterprise signed in as itself (credit-subject):
//   GET /subject/queries: who read its member-level data in the last 24 months, and the reports
//   issued about it, by day, agency and purpose (subject/query-record.ts).
// The answer is read whole or refused: a query record cut short would read as complete.
import express, { type Request, type Response } from 'express';
import { ANONYMOUS } from '../auth/caller';
import { readOwnRecord } from '../auth/policy';
import { routeEvent } from '../audit/audit-event';
import type { AuditLog } from '../audit/audit-log';
import { recordOrRefuse } from '../audit/record-or-refuse';
import { sendError } from '../platform/errors';
import { todayIso } from '../schema/today';
import type { AuditStore } from '../storage/port';
import { byDay, countsAsMemberQuery, isReportIssued } from './query-record';

/** How far back the subject sees who queried it. */
export const QUERY_RECORD_MONTHS = 24;
const LIMIT = 50_000;

function monthsBefore(now: Date, months: number): Date {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - months);
  return from;
}

export function subjectRoutes(store: AuditStore, log: AuditLog): express.Router {
  const router = express.Router();
  router.get('/queries', async (req: Request, res: Response) => {
    const caller = req.caller ?? ANONYMOUS;
    const decision = readOwnRecord(caller);
    const enterprise = caller.enterprise;
    if (!decision.allowed || enterprise === undefined) {
      sendError(res, decision.allowed ? 'FORBIDDEN' : decision.code, decision.allowed ? 'no enterprise' : decision.reason);
      return;
    }
    const now = new Date();
    const from = monthsBefore(now, QUERY_RECORD_MONTHS);
    let queries, reports;
    try {
      // what is still in the buffer belongs in the record too
      await log.flush();
      [queries, reports] = await Promise.all([
        store.find({ enterprise, from, to: now, limit: LIMIT, memberQueries: true }),
        store.find({ enterprise, from, to: now, limit: LIMIT, reportsIssued: true }),
      ]);
    } catch {
      sendError(res, 'SERVICE_UNAVAILABLE', 'the query record could not be read just now; try again shortly');
      return;
    }
    if (queries.length >= LIMIT || reports.length >= LIMIT) {
      sendError(res, 'SERVICE_UNAVAILABLE', `the enterprise was queried more than ${LIMIT} times in ${QUERY_RECORD_MONTHS} months, more than one answer holds`);
      return;
    }
    // the subject's reading of its query record is itself recorded, before it is sent
    const read = routeEvent({ caller, ...(req.ip ? { clientAddress: req.ip } : {}), operationName: 'subject.queries', enterprises: [enterprise] });
    if (!(await recordOrRefuse(log, read, res, 'the query record'))) return;
    res.json({ enterprise, from: todayIso(from), to: todayIso(now), queries: byDay(queries, countsAsMemberQuery), reports: byDay(reports, isReportIssued) });
  });
  return router;
}
