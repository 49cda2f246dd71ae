// Objections (异议) to the records of one category: filed by the enterprise the record is about
// or by a member agency, marked on the record wherever it appears, decided by the unit that
// submitted it within the period (20 calendar days by default, OBJECTION_DAYS; 《征信业管理条例》
// art. 25). Every step is an event in the outbox, written in the step's own transaction, and the
// gateway's audit trail records the operation that took it.
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { enforce, type Reader } from '../auth/access';
import type { Caller } from '../auth/caller';
import { decideObjection, fileObjection, listObjections, readQualityReport } from '../auth/policy';
import { indicatorByCode, type Category } from '../schema/catalogue';
import { addDuration } from '../schema/display-windows';
import { endOfDay, lastDayBefore, todayIso } from '../schema/today';
import { badUserInput } from '../platform/errors';
import { objectionsOverdue } from '../platform/metrics';
import type { ChangeEvent, ChangeKind, Objection, ObjectionStatus, OverdueCount, StoredRecord, SubgraphStorage } from '../storage/port';
import { readEvidence, summaryOf, type EvidenceInput } from './evidence';
import { recordChangeEvent, type EventSource } from '../storage/change-event';

export const DEFAULT_OBJECTION_DAYS = 20;
const MAX_TEXT = 2000;
const MAX_QUEUE = 500;

export type Decision = Exclude<ObjectionStatus, 'OPEN'>;

function text(argument: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT) throw badUserInput(argument, `1 to ${MAX_TEXT} characters`);
  return trimmed;
}

/** The event of one step, about the record. */
function eventOf(change: ChangeKind, objection: Objection, record: EventSource & Pick<StoredRecord, 'repairedOn'>, at: Date): ChangeEvent[] {
  return recordChangeEvent(`objection|${objection.id}`, objection.recordId, record, change, record.repairedOn ?? null, at);
}

export class ObjectionService {
  /** `days`: the period in calendar days (OBJECTION_DAYS, read with the system's settings). */
  constructor(
    private readonly storage: SubgraphStorage,
    readonly category: Category,
    readonly days: number = DEFAULT_OBJECTION_DAYS,
  ) {}

  /** The newest objection of each record, for one request (batched: one statement per tick). */
  loader(): DataLoader<string, Objection | null> {
    return new DataLoader(
      async (ids) => {
        const found = new Map((await this.storage.objections.latestFor(ids)).map((o) => [o.recordId, o]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: 1000 },
    );
  }

  /** The record, read on the leader, if it is this category's. */
  private async record(id: string): Promise<StoredRecord> {
    const [record] = await this.storage.transaction((tx) => tx.records.findByIds([id]));
    if (!record || indicatorByCode(record.ind)?.category !== this.category) throw badUserInput('recordId', 'no such record');
    return record;
  }

  async file(reader: Reader, recordId: string, grounds: string, evidence: readonly EvidenceInput[] | null | undefined, now = new Date()): Promise<Objection> {
    const caller = reader.caller;
    const [found] = await this.storage.transaction((tx) => tx.records.findByIds([recordId]));
    const ind = found ? indicatorByCode(found.ind) : undefined;
    // a record the caller may not object to reads as absent: the answer never tells that it exists
    if (!found || ind?.category !== this.category || !fileObjection(reader, found, ind).allowed) throw badUserInput('recordId', 'no such record');
    const record = found;
    const files = readEvidence(evidence);
    const objection: Objection = {
      id: `obj_${randomUUID()}`,
      recordId,
      uscc: record.uscc,
      ind: record.ind,
      owner: { agency: record.agency, region: record.agencyRegion },
      filedBy: { subject: caller.subject ?? '', agency: caller.enterprise !== undefined && caller.enterprise === record.uscc ? null : (caller.agency ?? null) },
      grounds: text('grounds', grounds),
      evidence: files.map(summaryOf),
      filedAt: now,
      // the last day of the period, to its end (China Standard Time)
      dueAt: endOfDay(addDuration(todayIso(now), `P${this.days}D`)),
      status: 'OPEN',
      overdue: false,
      decision: null,
    };
    const filed = await this.storage.transaction(async (tx) => {
      const stored = await tx.objections.file(objection, files);
      if (stored) await tx.outbox.append(eventOf('OBJECTION_FILED', stored, record, now));
      return stored;
    });
    if (!filed) {
      const [open] = await this.storage.objections.latestFor([recordId]);
      throw badUserInput('recordId', `this record already has an open objection, filed ${open ? todayIso(open.filedAt) : 'earlier'} and due ${open ? lastDayBefore(open.dueAt) : 'soon'}`);
    }
    return filed;
  }

  async decide(caller: Caller, objectionId: string, status: Decision, reasons: string, now = new Date()): Promise<Objection> {
    const objection = await this.storage.objections.findById(objectionId);
    if (!objection || indicatorByCode(objection.ind)?.category !== this.category) throw badUserInput('objectionId', 'no such objection');
    enforce(decideObjection(caller, objection.owner));
    const why = text('reasons', reasons);
    if (objection.status !== 'OPEN') throw badUserInput('objectionId', `this objection was already decided (${objection.status})`);
    const record = await this.record(objection.recordId);
    // CORRECTED goes through the correction path: the record submitted again, with its history
    if (status === 'CORRECTED' && record.receivedAt.getTime() <= objection.filedAt.getTime()) {
      throw badUserInput('decision', 'CORRECTED: submit the corrected record first (the same natural key), then decide');
    }
    const decided = await this.storage.transaction(async (tx) => {
      const done = await tx.objections.decide(objectionId, status, { reasons: why, by: caller.subject ?? '', at: now });
      if (done) await tx.outbox.append(eventOf('OBJECTION_DECIDED', done, record, now));
      return done;
    });
    if (!decided) throw badUserInput('objectionId', 'this objection was decided meanwhile');
    return decided;
  }

  /** A unit's queue (the credit administration: every unit's, or the overdue ones). */
  async queue(caller: Caller, status: ObjectionStatus | null, first: number): Promise<Objection[]> {
    enforce(listObjections(caller));
    if (!Number.isInteger(first) || first < 1 || first > MAX_QUEUE) throw badUserInput('first', `must be between 1 and ${MAX_QUEUE}`);
    const owner = caller.roles.has('credit-admin') ? null : { agency: caller.agency ?? '', region: caller.region ?? '' };
    return this.storage.objections.queue(owner, status, first);
  }

  /** Objections the sweep handed to the credit administration (open past their due date), per owning unit: the data-quality report's line. */
  async overdueByUnit(caller: Caller, agency: string | null): Promise<OverdueCount[]> {
    enforce(readQualityReport(caller));
    const all = await this.storage.objections.overdueByUnit();
    return agency === null ? all : all.filter((c) => c.agency === agency);
  }

  /**
   * Marks the OPEN objections whose period has ended as overdue, for the credit administration,
   * with an OBJECTION_OVERDUE event each; answers how many. Run by the hourly sweep; `now` lets a
   * test stand on day 21.
   */
  async sweepOverdue(now = new Date()): Promise<number> {
    let marked = 0;
    for (;;) {
      const due = await this.storage.objections.dueBy(now, 500);
      if (due.length === 0) return marked;
      const records = new Map((await this.storage.transaction((tx) => tx.records.findByIds(due.map((o) => o.recordId)))).map((r) => [r.id, r]));
      await this.storage.transaction(async (tx) => {
        await tx.objections.markOverdue(due.map((o) => o.id));
        await tx.outbox.append(
          due.flatMap((o) => {
            const record = records.get(o.recordId);
            return record ? eventOf('OBJECTION_OVERDUE', o, record, now) : [];
          }),
        );
      });
      objectionsOverdue.inc({ category: this.category }, due.length);
      marked += due.length;
    }
  }
}
