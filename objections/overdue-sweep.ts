// The hourly look for objections whose period has ended undecided: each subgraph process runs it
// for its own database. Several instances running it at once mark and announce each objection
// once (the mark is conditional, the event id derived from the objection).
import type { Logger } from '../platform/logger';
import type { ObjectionService } from './objection-service';

export function scheduleObjectionSweep(service: ObjectionService, logger: Logger, everyMs = 3_600_000): { stop(): void } {
  const tick = async () => {
    try {
      const marked = await service.sweepOverdue();
      if (marked > 0) logger.warn({ category: service.category, overdue: marked }, 'objections past their period handed to the credit administration');
    } catch (err) {
      logger.error({ err }, 'the overdue objection sweep failed; tried again within the hour');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
