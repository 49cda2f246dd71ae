/** Today's calendar date in China Standard Time (UTC+8), where the records' dates are local dates. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The calendar day before an ISO date. */
export function dayBefore(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
