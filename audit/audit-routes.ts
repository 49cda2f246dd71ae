// GET /audit/events: the audit trail for the credit-auditor role, read-only. There is no route
// that changes or deletes an event.
import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { parseInput } from '../platform/parse-input';
import type { AuditQuery, AuditStore } from '../storage/port';
import { isValidUscc } from '../schema/identifiers';
import { isIsoDate } from '../platform/scalars';
import { readAudit } from '../auth/policy';
import { ANONYMOUS } from '../auth/caller';
import { sendError } from '../platform/errors';
import { routeEvent } from './audit-event';
import { recordOrRefuse } from './record-or-refuse';
import type { AuditLog } from './audit-log';
import { endOfDay, startOfDay } from '../schema/today';

const MAX_EVENTS = 1000;

function badRequest(res: Response, message: string): void {
  sendError(res, 'BAD_REQUEST', message);
}

/** An empty parameter is as if absent. */
const param = z
  .string()
  .max(200, 'at most 200 characters')
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const AUDIT_QUERY = z.strictObject({ enterprise: param, agency: param, subject: param, from: param, to: param, limit: param });

/** A day (YYYY-MM-DD, China Standard Time) or a full ISO timestamp. */
function parseTime(value: string, toEndOfDay: boolean): Date | undefined {
  if (isIsoDate(value)) return toEndOfDay ? new Date(endOfDay(value).getTime() - 1) : startOfDay(value);
  const parsed = new Date(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
}

/** `log`: the trail itself records who read it, before the events are sent. */
export function auditRoutes(store: AuditStore, log: AuditLog): express.Router {
  const router = express.Router();
  router.get('/events', async (req: Request, res: Response) => {
    const decision = readAudit(req.caller ?? ANONYMOUS);
    if (!decision.allowed) {
      sendError(res, decision.code, decision.reason);
      return;
    }
    // every parameter is a single text or refused by name: a bracketed or repeated one
    // (agency[$ne]=…, agency=a&agency=b) is never silently dropped, which would widen the search
    const query = parseInput(AUDIT_QUERY, req.query, 'query');
    if (query instanceof GraphQLError) return badRequest(res, query.message);
    const filter: Omit<AuditQuery, 'limit'> = {};
    if (query.enterprise !== undefined) {
      if (!isValidUscc(query.enterprise)) return badRequest(res, 'enterprise must be a valid unified social credit code');
      filter.enterprise = query.enterprise;
    }
    if (query.agency !== undefined) filter.agency = query.agency;
    if (query.subject !== undefined) filter.subject = query.subject;
    if (query.from !== undefined) {
      const t = parseTime(query.from, false);
      if (!t) return badRequest(res, 'from must be a date YYYY-MM-DD or an ISO timestamp');
      filter.from = t;
    }
    if (query.to !== undefined) {
      const t = parseTime(query.to, true);
      if (!t) return badRequest(res, 'to must be a date YYYY-MM-DD or an ISO timestamp');
      filter.to = t;
    }
    const limit = Number(query.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS) return badRequest(res, `limit must be between 1 and ${MAX_EVENTS}`);
    const events = await store.find({ ...filter, limit });
    const read = routeEvent({ caller: req.caller ?? ANONYMOUS, ...(req.ip ? { clientAddress: req.ip } : {}), operationName: 'audit.read', enterprises: filter.enterprise ? [filter.enterprise] : [] });
    if (!(await recordOrRefuse(log, read, res, 'the audit trail'))) return;
    res.json({ events });
  });
  return router;
}
