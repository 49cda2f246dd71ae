// Records entering or leaving public display as their windows start or end. Computed once a day
// (China Standard Time) by the adverse subgraph: every adverse record whose public visibility
// differs between yesterday and today gets an ENTERED_DISPLAY or LEFT_DISPLAY event in the outbox.
// Event ids are derived from the record and the day, so a second run of the same day adds nothing.
import { createHash } from 'node:crypto';
import { indicatorsOf } from '../schema/catalogue';
import { isVisible } from '../schema/display-windows';
import type { ChangeEvent, StoredRecord, SubgraphStorage } from '../storage/port';
import type { Logger } from '../platform/logger';
import { dayBefore, startOfDay, todayIso } from '../schema/today';

const PAGE = 2000;

/** The display change of one record between two days, as an event, or null. */
export function displayChange(record: StoredRecord, previous: string, today: string): ChangeEvent | null {
  const ind = indicatorsOf('ADVERSE').find((i) => i.code === record.ind);
  if (!ind || record.uscc === null) return null;
  const facts = { data: record.data, ...(record.repairedOn ? { repairedOn: record.repairedOn } : {}) };
  const before = isVisible('PUBLIC', ind, facts, previous);
  const now = isVisible('PUBLIC', ind, facts, today);
  if (before === now) return null;
  const change = now ? 'ENTERED_DISPLAY' : 'LEFT_DISPLAY';
  return {
    id: `ev_${createHash('sha256').update(`display|${record.id}|${today}|${change}`).digest('hex').slice(0, 32)}`,
    at: startOfDay(today),
    uscc: record.uscc,
    ind: record.ind,
    recordId: record.id,
    change,
    agency: record.agency,
    agencyRegion: record.agencyRegion,
    data: record.data,
    repairedOn: record.repairedOn ?? null,
  };
}

/** Walks every adverse record and writes the day's display changes; answers how many. */
export async function emitDisplayChanges(storage: SubgraphStorage, today: string): Promise<number> {
  const previous = dayBefore(today);
  let written = 0;
  for (const ind of indicatorsOf('ADVERSE')) {
    let after: string | null = null;
    for (;;) {
      const page: StoredRecord[] = await storage.records.scan(ind.code, after, PAGE);
      if (page.length === 0) break;
      const events = page.flatMap((r) => displayChange(r, previous, today) ?? []);
      await storage.outbox.append(events);
      written += events.length;
      after = page[page.length - 1]?.id ?? after;
    }
  }
  return written;
}

/** Runs the daily job when the process starts and then whenever the date (CST) has changed; stop() ends it. */
export function scheduleDisplayChanges(storage: SubgraphStorage, logger: Logger, everyMs = 3_600_000): { stop(): void } {
  let last = '';
  const tick = async () => {
    const today = todayIso();
    if (today === last) return;
    try {
      const written = await emitDisplayChanges(storage, today);
      last = today;
      logger.info({ today, events: written }, 'display changes written');
    } catch (err) {
      logger.error({ err }, 'display changes failed; retried within the hour');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
