// Repair applications (信用修复申请): the enterprise applies, once the record's shortest display
// period has passed, with proof that its obligations were fulfilled and a public credit
// commitment; the unit that decided the record approves (the record is repaired at once: it leaves
// public display and stops counting in bidder checks) or refuses with reasons, within the
// indicator's period of working days (信用修复管理办法, 国办发〔2025〕22号). A refused application
// may be followed by a new one with new evidence.
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { enforce } from '../auth/access';
import type { Caller } from '../auth/caller';
import { actAsSubject, decideRepair, listObjections } from '../auth/policy';
import { indicatorByCode, type IndicatorSpec } from '../schema/catalogue';
import { isVisible, repairableFrom } from '../schema/display-windows';
import { addWorkingDays, endOfDay, lastDayBefore, todayIso } from '../schema/today';
import { badUserInput } from '../platform/errors';
import { recordChangeEvent } from '../storage/change-event';
import type { Commitment, RepairApplication, RepairStatus, StoredRecord, SubgraphStorage } from '../storage/port';
import { readEvidence, summaryOf, type EvidenceInput } from '../objections/evidence';
import { writeRepair } from '../submissions/submission-service';

const MAX_TEXT = 2000;
const MAX_QUEUE = 500;

export type RepairDecision = Exclude<RepairStatus, 'PENDING'>;

function text(argument: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT) throw badUserInput(argument, `1 to ${MAX_TEXT} characters`);
  return trimmed;
}

function eventOf(change: 'REPAIR_APPLIED' | 'REPAIR_REFUSED', application: RepairApplication, record: StoredRecord, at: Date) {
  return recordChangeEvent(`repair-application|${application.id}`, record.id, record, change, record.repairedOn ?? null, at);
}

/** The last day on which the deciding unit answers an application filed on `today`. */
export function repairDueOn(ind: IndicatorSpec, today: string): string {
  return addWorkingDays(today, ind.repairDecision?.workingDays ?? 10);
}

export class RepairService {
  constructor(private readonly storage: SubgraphStorage) {}

  /** The newest application of each record, for one request (batched: one statement per tick). */
  loader(): DataLoader<string, RepairApplication | null> {
    return new DataLoader(
      async (ids) => {
        const found = new Map((await this.storage.repairs.latestFor(ids)).map((a) => [a.recordId, a]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: 1000 },
    );
  }

  /** Read on the leader, as the write that follows is. */
  private async leaderRecord(id: string): Promise<StoredRecord | undefined> {
    const [record] = await this.storage.transaction((tx) => tx.records.findByIds([id]));
    return record;
  }

  async apply(caller: Caller, recordId: string, measures: string, evidence: readonly EvidenceInput[] | null | undefined, commitment: string, now = new Date()): Promise<RepairApplication> {
    const today = todayIso(now);
    const record = await this.leaderRecord(recordId);
    const ind = record ? indicatorByCode(record.ind) : undefined;
    // a record the caller may not act on reads as absent: the answer never tells that it exists
    if (!record || !ind || ind.category !== 'ADVERSE' || !actAsSubject(caller, record.uscc, 'a repair application').allowed) {
      throw badUserInput('recordId', 'no such adverse record of your enterprise');
    }
    const from = repairableFrom(ind, record.data);
    if (!from) throw badUserInput('recordId', `${ind.code} records end by removal or clearing, not by credit repair`);
    if (record.repairedOn) throw badUserInput('recordId', `this record was repaired on ${record.repairedOn}`);
    if (!isVisible('MEMBER', ind, record, today)) throw badUserInput('recordId', 'this record is past its retention period');
    if (today < from.earliest) {
      throw badUserInput('recordId', `repair can be applied for from ${from.earliest}: the shortest display period (${from.wait}) after the decision of ${from.start} has not passed`);
    }
    const files = readEvidence(evidence);
    // 申请材料包括法定责任义务履行完毕的证明材料和信用承诺书
    if (files.length === 0) throw badUserInput('evidence', 'attach proof that the obligations the decision imposed were fulfilled (a PDF, JPEG or PNG)');
    const uscc = record.uscc ?? '';
    const promise: Commitment = {
      id: `com_${randomUUID()}`,
      uscc,
      type: 'REPAIR',
      text: text('commitment', commitment),
      madeAt: now,
      recipient: { agency: record.agency, region: record.agencyRegion },
      recordId,
      by: caller.subject ?? '',
      breach: null,
    };
    const application: RepairApplication = {
      id: `rep_${randomUUID()}`,
      recordId,
      uscc,
      ind: record.ind,
      owner: { agency: record.agency, region: record.agencyRegion },
      applicant: caller.subject ?? '',
      measures: text('measures', measures),
      evidence: files.map(summaryOf),
      commitmentId: promise.id,
      filedAt: now,
      dueAt: endOfDay(repairDueOn(ind, today)),
      status: 'PENDING',
      decision: null,
    };
    const stored = await this.storage.transaction(async (tx) => {
      const filed = await tx.repairs.apply(application, files);
      if (filed) {
        await tx.commitments.make(promise);
        await tx.outbox.append(eventOf('REPAIR_APPLIED', filed, record, now));
      }
      return filed;
    });
    if (!stored) {
      const [pending] = await this.storage.repairs.latestFor([recordId]);
      throw badUserInput('recordId', `this record already has a pending repair application${pending ? `, filed ${todayIso(pending.filedAt)} and due ${lastDayBefore(pending.dueAt)}` : ''}`);
    }
    return stored;
  }

  async decide(caller: Caller, applicationId: string, decision: RepairDecision, reasons: string, now = new Date()): Promise<RepairApplication> {
    const application = await this.storage.repairs.findById(applicationId);
    if (!application) throw badUserInput('applicationId', 'no such repair application');
    enforce(decideRepair(caller, application.owner));
    const why = text('reasons', reasons);
    if (application.status !== 'PENDING') throw badUserInput('applicationId', `this application was already decided (${application.status})`);
    const ind = indicatorByCode(application.ind);
    const decided = await this.storage.transaction(async (tx) => {
      // the record as it stands when the decision is written, not as it stood when the page was read
      const [record] = await tx.records.findByIds([application.recordId]);
      if (decision === 'APPROVED') {
        if (!record) throw badUserInput('applicationId', 'the record was withdrawn: nothing is left to repair; refuse the application, giving that reason');
        if (record.receivedAt.getTime() > application.filedAt.getTime()) {
          throw badUserInput('applicationId', 'the record was submitted again (corrected) after this application: refuse it, and the enterprise applies for the record as it stands');
        }
        const from = ind ? repairableFrom(ind, record.data) : null;
        if (!from || todayIso(now) < from.earliest) throw badUserInput('applicationId', `the record cannot be repaired before ${from?.earliest ?? 'its shortest display period ends'}`);
      }
      // the repair is written before the decision: where writes are not one transaction (MongoDB),
      // an approval is never stored without its repair (a record the unit repaired itself is not repaired twice)
      if (decision === 'APPROVED' && record && !record.repairedOn) {
        await writeRepair(tx, record, todayIso(now), { agency: application.owner.agency, subject: caller.subject ?? null }, `repair application ${applicationId}: ${why}`, now);
      }
      const done = await tx.repairs.decide(applicationId, decision, { reasons: why, by: caller.subject ?? '', at: now });
      // decided meanwhile by someone else: throwing rolls the repair back (PostgreSQL)
      if (!done) throw badUserInput('applicationId', 'this application was decided meanwhile');
      if (decision === 'REFUSED' && record) await tx.outbox.append(eventOf('REPAIR_REFUSED', done, record, now));
      return done;
    });
    return decided;
  }

  /** A unit's queue (the credit administration: every unit's). */
  async queue(caller: Caller, status: RepairStatus | null, first: number): Promise<RepairApplication[]> {
    enforce(listObjections(caller));
    if (!Number.isInteger(first) || first < 1 || first > MAX_QUEUE) throw badUserInput('first', `must be between 1 and ${MAX_QUEUE}`);
    const owner = caller.roles.has('credit-admin') ? null : { agency: caller.agency ?? '', region: caller.region ?? '' };
    return this.storage.repairs.queue(owner, status, first);
  }
}
