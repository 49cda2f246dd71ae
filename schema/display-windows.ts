// How long an adverse record is shown, and to whom (spec: "Public display windows").
// PUBLIC and bidding callers see a record within its publicWindow and while not repaired;
// list entries while in force. Member agencies see adverse records for 5 years (retention),
// repaired or not. Records of indicators without a window in the spec follow retention for all.
import { ACTIVE_RULES, isActive } from './active-rules';
import type { IndicatorSpec } from './catalogue';
import { asText } from './text';

export type Audience = 'PUBLIC' | 'MEMBER';

export const MEMBER_RETENTION = 'P5Y';

/**
 * The windows this system applied before the 2026 repair rules, by indicator: what a record stored
 * before its display state was kept had been shown under (see monitoring/display-events.ts).
 */
export const SUPERSEDED_PUBLIC_WINDOWS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  AD01: { MINOR: 'P3M', GENERAL: 'P3Y', SERIOUS: 'P3Y' },
};

/** Public windows by indicator code: the ones in force, or another set (the superseded ones). */
export type WindowSet = Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;

/** Adds an ISO 8601 duration of years, months and days (e.g. P3M, P1Y, P0D) to an ISO date. */
export function addDuration(isoDate: string, duration: string): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!match || duration === 'P') throw new RangeError(`unsupported duration ${duration}`);
  const d = new Date(`${isoDate}T00:00:00Z`);
  const [years, months, days] = [match[1], match[2], match[3]].map((v) => Number(v ?? 0));
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCFullYear(d.getUTCFullYear() + (years ?? 0), d.getUTCMonth() + (months ?? 0));
  // Keep the day of month, clamped to the target month's length (31 Jan + P1M = 28/29 Feb).
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay) + (days ?? 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The first day credit repair may be applied for: the class's shortest display period after the
 * deciding document (mainDate); null for an indicator that ends by removal or clearing.
 */
export function repairableFrom(ind: IndicatorSpec, data: Readonly<Record<string, unknown>>): { earliest: string; wait: string; start: string } | null {
  if (!ind.publicWindow || !ind.mainDate) return null;
  const start = asText(data[ind.mainDate]);
  const wait = ind.repairableAfter?.[String(data['severity'])] ?? ind.repairableAfter?.['ALL'] ?? 'P0D';
  return { earliest: addDuration(start, wait), wait, start };
}

/** The attributes visibility reads, so a projection can include them. */
export function windowFields(ind: IndicatorSpec): string[] {
  const fields = new Set<string>();
  if (ind.mainDate) fields.add(ind.mainDate);
  if (ind.publicWindow && !('ALL' in ind.publicWindow)) fields.add('severity');
  const rule = ACTIVE_RULES[ind.code];
  if (rule) for (const f of [rule.from, rule.endedBy, rule.lastDay]) if (f) fields.add(f);
  return [...fields];
}

/** The publicWindow that applies to one record, if its indicator has one. */
function publicWindowOf(ind: IndicatorSpec, data: Readonly<Record<string, unknown>>, windows?: WindowSet): string | undefined {
  const byClass = windows?.[ind.code] ?? ind.publicWindow;
  if (!byClass) return undefined;
  return byClass['ALL'] ?? byClass[String(data['severity'])];
}

/** The last date the record concerns: its end (removal, clearing, ban end) or its main date. */
function referenceDate(ind: IndicatorSpec, data: Readonly<Record<string, unknown>>): string | undefined {
  const rule = ACTIVE_RULES[ind.code];
  const dates = [ind.mainDate, rule?.endedBy, rule?.lastDay].map((f) => (f ? data[f] : undefined)).filter((v): v is string => typeof v === 'string');
  return dates.sort().pop();
}

export interface RecordFacts {
  readonly data: Readonly<Record<string, unknown>>;
  /** Date credit repair took effect, if any. */
  readonly repairedOn?: string;
}

/** Whether `audience` sees the record today; `windows` replaces the catalogue's public windows (the superseded rules). */
export function isVisible(audience: Audience, ind: IndicatorSpec, record: RecordFacts, today: string, windows?: WindowSet): boolean {
  if (ind.category !== 'ADVERSE') return true;
  const rule = ACTIVE_RULES[ind.code];
  const reference = referenceDate(ind, record.data);
  const retained = rule !== undefined && isActive(rule, record.data, today) ? true : reference !== undefined && addDuration(reference, MEMBER_RETENTION) > today;
  if (audience === 'MEMBER') return retained;
  if (record.repairedOn !== undefined && record.repairedOn <= today) return false;
  const window = publicWindowOf(ind, record.data, windows);
  const start = ind.mainDate ? record.data[ind.mainDate] : undefined;
  if (window !== undefined && typeof start === 'string') return start <= today && today < addDuration(start, window);
  // List entries are public while in force.
  if (rule && ind.publicWhileInForce) return isActive(rule, record.data, today);
  return retained;
}

/**
 * The public display state a record is stored with (adverse records only; undefined otherwise):
 * what the daily display job compares each day's visibility with.
 */
export function displayStateOf(ind: IndicatorSpec | undefined, record: RecordFacts, today: string): boolean | undefined {
  return ind?.category === 'ADVERSE' ? isVisible('PUBLIC', ind, record, today) : undefined;
}
