/** Today's calendar date in China Standard Time (UTC+8), where the records' dates are local dates. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
