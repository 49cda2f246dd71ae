/** A day in China Standard Time, `offsetDays` from today (display windows and bid dates are reckoned in it). */
export function cstDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
