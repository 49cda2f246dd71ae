// Records entering or leaving public display: as their windows start or end, when they are
// repaired, and when the display rules change. Computed once a day (China Standard Time) by the
// adverse subgraph: every adverse record whose public visibility today differs from the display
// state last stated for it gets an ENTERED_DISPLAY or LEFT_DISPLAY event in the outbox, and its
// new state, in one transaction. Comparing with the stored state rather than with yesterday means
// a day the job did not run is caught up, and a rule change (the 2026 repair rules shortened the
// windows) announces every record it takes out of display. A record stored before the state was
// kept is compared with what the superseded windows showed yesterday. Event ids are derived from
// the record, the day and the change, so a second run of the same day adds nothing.
import { createHash } from 'node:crypto';
import { indicatorsOf } from '../schema/catalogue';
import { isVisible, SUPERSEDED_PUBLIC_WINDOWS } from '../schema/display-windows';
import type { ChangeEvent, StoredRecord, SubgraphStorage } from '../storage/port';
import type { Logger } from '../platform/logger';
import { dayBefore, startOfDay, todayIso } from '../schema/today';

const PAGE = 2000;

/** Whether the public sees the record today, and whether it was shown as last stated. */
function displayStates(record: StoredRecord, today: string): { before: boolean; now: boolean } | null {
  const ind = indicatorsOf('ADVERSE').find((i) => i.code === record.ind);
  if (!ind || record.uscc === null) return null;
  const facts = { data: record.data, ...(record.repairedOn ? { repairedOn: record.repairedOn } : {}) };
  const now = isVisible('PUBLIC', ind, facts, today);
  const before = record.displayed ?? isVisible('PUBLIC', ind, facts, dayBefore(today), SUPERSEDED_PUBLIC_WINDOWS);
  return { before, now };
}

/** The event of a record entering (`shown`) or leaving public display today. */
function displayEvent(record: StoredRecord & { uscc: string }, today: string, shown: boolean): ChangeEvent {
  const change = shown ? 'ENTERED_DISPLAY' : 'LEFT_DISPLAY';
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

/** Walks every adverse record, writes the day's display changes with the records' new states; answers how many changes. */
export async function emitDisplayChanges(storage: SubgraphStorage, today: string): Promise<number> {
  let written = 0;
  for (const ind of indicatorsOf('ADVERSE')) {
    let after: string | null = null;
    for (;;) {
      // read on the leader: the states written below follow from what was read
      const page: StoredRecord[] = await storage.transaction((tx) => tx.records.scan(ind.code, after, PAGE));
      if (page.length === 0) break;
      const events: ChangeEvent[] = [];
      const shown: string[] = [];
      const hidden: string[] = [];
      for (const record of page) {
        const states = displayStates(record, today);
        if (!states || record.uscc === null) continue;
        if (states.before !== states.now) events.push(displayEvent({ ...record, uscc: record.uscc }, today, states.now));
        // only what differs from the stored state is written
        if (record.displayed !== states.now) (states.now ? shown : hidden).push(record.id);
      }
      if (events.length || shown.length || hidden.length) {
        await storage.transaction(async (tx) => {
          await tx.outbox.append(events);
          await tx.records.setDisplayed(shown, true);
          await tx.records.setDisplayed(hidden, false);
        });
      }
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
