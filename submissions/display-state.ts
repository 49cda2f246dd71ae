// The public display state a record is stored with: what the daily display job
// (monitoring/display-events.ts) compares each day's visibility with.
import { indicatorByCode } from '../schema/catalogue';
import { displayStateOf } from '../schema/display-windows';
import type { NewRecord } from '../storage/port';

/** An adverse record with its display state as of `today`; other records as they are. */
export function withDisplayState(r: NewRecord, today: string): NewRecord {
  const displayed = displayStateOf(indicatorByCode(r.ind), { data: r.data, ...(r.repairedOn !== undefined ? { repairedOn: r.repairedOn } : {}) }, today);
  return displayed === undefined ? r : { ...r, displayed };
}
