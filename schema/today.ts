// China Standard Time (UTC+8, no daylight saving), by which the records' dates, display windows,
// report numbers and audit searches are reckoned: the one place its arithmetic is written.
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's calendar date in China Standard Time, where the records' dates are local dates. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar day before an ISO date. */
export function dayBefore(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day `days` before (negative: after) an ISO date. */
export function daysBefore(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a China Standard Time day begins. */
export function startOfDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - CST_OFFSET_MS);
}

/** The instant the next China Standard Time day begins: the end of `isoDate`, exclusive. */
export function endOfDay(isoDate: string): Date {
  return new Date(startOfDay(isoDate).getTime() + DAY_MS);
}

/** The last day (China Standard Time) of a period that ends at `end`, an exclusive end such as endOfDay gives. */
export function lastDayBefore(end: Date): string {
  return todayIso(new Date(end.getTime() - 1));
}

/** An instant as China Standard Time wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
export function cstDateTime(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}

/** The working day (Monday to Friday) `days` working days after an ISO date. Public holidays are not known here. */
export function addWorkingDays(isoDate: string, days: number): string {
  let t = Date.parse(`${isoDate}T00:00:00Z`);
  for (let left = days; left > 0;) {
    t += DAY_MS;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t).toISOString().slice(0, 10);
}
