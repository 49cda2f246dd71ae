// "Who queried me" (查询记录): what an enterprise sees of the reads of its record, from the audit
// trail. Agencies and purposes by day, never officers' names or other enterprises' entries; and
// the credit reports issued about it. The same rule decides what counts as a member's query here
// and in a printed report's query record (reports/report-service.ts).
import type { AuditEvent } from '../storage/port';
import { todayIso } from '../schema/today';

/** One line: on `date` (China Standard Time), `agency` read the record `count` times for `purpose`. */
export interface QueryRecordLine {
  readonly date: string;
  readonly agency: string | null;
  readonly purpose: string | null;
  readonly count: number;
}

/** A member agency's (or the credit administration's) read of member-level data: a query that stated a purpose and answered. */
export function countsAsMemberQuery(e: AuditEvent): boolean {
  if (e.refusal || e.report || e.outcome === 'ERROR' || e.operationType !== 'query' || !e.purpose) return false;
  return e.roles.includes('credit-member') || e.roles.includes('credit-admin');
}

/** A credit report issued about the enterprise, by whom (agency) and why. */
export function isReportIssued(e: AuditEvent): boolean {
  return e.report?.action === 'ISSUED' && e.outcome !== 'ERROR';
}

/** Events grouped by day, agency and purpose, newest day first. */
export function byDay(events: readonly AuditEvent[], counts: (e: AuditEvent) => boolean): QueryRecordLine[] {
  const lines = new Map<string, { date: string; agency: string | null; purpose: string | null; count: number }>();
  for (const e of events) {
    if (!counts(e)) continue;
    const date = todayIso(e.time);
    const key = `${date}|${e.agency ?? ''}|${e.purpose ?? ''}`;
    const line = lines.get(key) ?? { date, agency: e.agency, purpose: e.purpose, count: 0 };
    line.count++;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => b.date.localeCompare(a.date) || String(a.agency).localeCompare(String(b.agency)) || String(a.purpose).localeCompare(String(b.purpose)));
}
