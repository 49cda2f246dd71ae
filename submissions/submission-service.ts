// How member agencies' records get in. Every received record ends either stored (by its natural
// key, the previous version kept in history) or quarantined with its reasons; a batch id, once
// reported, returns its stored report and changes nothing. A batch's writes are one transaction
// (PostgreSQL), and every write is keyed, so a batch interrupted half-way is simply sent again.
import { submittedRecords } from '../platform/metrics';
import { createHash } from 'node:crypto';
import { enforce } from '../auth/access';
import { submitAboutPersons, submitInRegion, type Decision } from '../auth/policy';
import { indicatorByCode, type Category, type IndicatorSpec } from '../schema/catalogue';
import { repairableFrom } from '../schema/display-windows';
import { withDisplayState } from './display-state';
import type { BatchEntry, BatchSummary, BatchTotals, ChangeEvent, ChangeKind, HistoryEntry, NewRecord, StoredRecord, SubgraphStorage, SubgraphStores, SubmissionReport } from '../storage/port';
import { recordId } from '../storage/record-id';
import { recordChangeEvent, type EventSource } from '../storage/change-event';
import { badUserInput, graphqlError } from '../platform/errors';
import { isIsoDate } from '../platform/scalars';
import type { EnterpriseRegistry } from './enterprise-registry';
import { requireOwnRecord, type Submitter } from './policy';
import { prepareRecords, reasonsByIndex, type Candidate, type Rejection } from './prepare';
import type { RuleFailure } from './validation';
import { asText } from '../schema/text';

export type { SubmissionReport } from '../storage/port';

export interface RecordChange {
  readonly recordId: string;
  readonly change: 'WITHDRAWN' | 'REPAIRED';
  readonly at: Date;
  readonly repairedOn: string | null;
}

export interface SubmissionHooks {
  /** Called inside the batch's transaction with the records it stored (identity keeps its directory in step). */
  readonly afterStore?: (records: readonly NewRecord[], stores: SubgraphStores) => Promise<void>;
  /** Warnings for the records about to be stored, in their order (economic checks R05). */
  readonly warningsFor?: (records: readonly NewRecord[], stores: SubgraphStores) => Promise<(RuleFailure[] | undefined)[]>;
}

/** A batch's key: batch ids belong to the unit (agency and region) that gave them. */
function unitBatchKey(agency: string, region: string, batchId: string): string {
  return `${agency}:${region}:${batchId}`;
}

export class SubmissionService {
  constructor(
    private readonly storage: SubgraphStorage,
    private readonly category: Category,
    private readonly registry: EnterpriseRegistry,
    private readonly personHashKey: string,
    private readonly hooks: SubmissionHooks = {},
  ) {}

  async submit(submitter: Submitter, ind: IndicatorSpec, batchId: string, records: readonly unknown[], today: string): Promise<SubmissionReport> {
    // batch ids belong to the submitting unit: two units never share one
    const batchKey = unitBatchKey(submitter.agency, submitter.region, batchId);
    const contentHash = createHash('sha256')
      .update(JSON.stringify([ind.code, records]))
      .digest('hex');
    const prior = await this.storage.submissions.findBatch(batchKey);
    if (prior) return replay(prior, ind, batchId, contentHash);

    const receivedAt = new Date();
    const { candidates, rejections } = prepareRecords(ind, records, submitter, today, this.personHashKey);
    const checked = await this.checkEnterprises(submitter, ind, candidates, rejections);
    const warnings: Rejection[] = [];
    const found =
      (await this.hooks.warningsFor?.(
        checked.map((c) => c.record),
        this.storage,
      )) ?? [];
    checked.forEach((c, k) => {
      const failures = found[k];
      if (!failures?.length) return;
      c.record.warnings = failures;
      for (const f of failures) warnings.push({ index: c.index, ...f });
    });

    const report = await this.storage.transaction(async (tx) => {
      const foreign = await storeWithHistory(
        tx,
        checked.map((c) => c.record),
        receivedAt,
        batchKey,
        today,
      );
      const refused = [...rejections];
      for (const c of checked) {
        const owner = foreign.get(recordId(c.record));
        if (owner)
          refused.push({
            index: c.index,
            rule: 'A02',
            field: null,
            message: `this record (same ${ind.naturalKey.join(', ') || 'key'}) was submitted by another unit (${owner.agency}, region ${owner.agencyRegion}); only that unit may correct it`,
          });
      }
      const stored = checked.filter((c) => !foreign.has(recordId(c.record)));
      await this.hooks.afterStore?.(
        stored.map((c) => c.record),
        tx,
      );
      const report: SubmissionReport = {
        batchId,
        indicator: ind.code,
        received: records.length,
        accepted: stored.length,
        rejected: new Set(refused.map((r) => r.index)).size,
        rejections: refused.sort((a, b) => a.index - b.index),
        warnings: warnings.filter((w) => stored.some((c) => c.index === w.index)),
        acceptedIds: stored.map((c) => recordId(c.record)),
        receivedAt,
      };
      await tx.submissions.quarantine(
        [...reasonsByIndex(refused)].map(([index, reasons]) => ({
          batchKey,
          indicator: ind.code,
          agency: submitter.agency,
          index,
          record: JSON.stringify(records[index]) ?? 'null',
          reasons,
          receivedAt,
        })),
      );
      await tx.submissions.saveBatch({ key: batchKey, agency: submitter.agency, agencyRegion: submitter.region, subject: submitter.subject, contentHash, report });
      return report;
    });
    countSubmitted(report);
    return report;
  }

  /** Reported batches in a period, for the data-quality report. */
  batchTotals(from: Date, to: Date, agency: string | null): Promise<BatchTotals[]> {
    return this.storage.submissions.batchTotals(from, to, agency);
  }

  /** A unit's most recent batches, newest first, with the batch ids the unit gave. */
  async recentBatches(agency: string, agencyRegion: string, limit: number): Promise<(Omit<BatchSummary, 'key'> & { batchId: string })[]> {
    const prefix = unitBatchKey(agency, agencyRegion, '');
    const batches = await this.storage.submissions.recentBatches(agency, agencyRegion, limit);
    return batches.map(({ key, ...batch }) => ({ ...batch, batchId: key.slice(prefix.length) }));
  }

  /** The submitting agency takes one of its records back, with a reason kept in history. */
  async withdraw(submitter: Submitter, id: string, reason: string): Promise<RecordChange> {
    const { record, at } = await this.ownRecord(submitter, id);
    await this.storage.transaction(async (tx) => {
      await tx.submissions.appendHistory([historyOf(record, at, `withdrawal:${submitter.agency}`, { change: 'WITHDRAWN', reason, by: submitter.subject })]);
      await tx.records.delete(id);
      await tx.outbox.append(changeEvents(id, record, record.repairedOn ?? null, 'WITHDRAWN', at, `withdrawal@${at.toISOString()}`));
    });
    return { recordId: id, change: 'WITHDRAWN', at, repairedOn: null };
  }

  /**
   * Credit repair (信用修复): the submitting agency marks an adverse record repaired once its
   * repairableAfter period has passed; it leaves public display at once.
   */
  async repair(submitter: Submitter, id: string, repairedOn: string, reason: string, today: string): Promise<RecordChange> {
    const { record, ind, at } = await this.ownRecord(submitter, id);
    const from = repairableFrom(ind, record.data);
    if (!from) throw badUserInput('recordId', `${ind.code} records end by removal or clearing, not by credit repair`);
    if (!isIsoDate(repairedOn) || repairedOn > today) throw badUserInput('repairedOn', 'must be an ISO date, today or earlier');
    if (repairedOn < from.earliest) throw badUserInput('repairedOn', `this record can be repaired from ${from.earliest} (${from.wait} after ${from.start})`);
    await this.storage.transaction((tx) => writeRepair(tx, record, repairedOn, { agency: submitter.agency, subject: submitter.subject }, reason, at));
    return { recordId: id, change: 'REPAIRED', at, repairedOn };
  }

  private async ownRecord(submitter: Submitter, id: string): Promise<{ record: StoredRecord; ind: IndicatorSpec; at: Date }> {
    // read on the leader (in a transaction), as the write that follows is: never from a standby
    const [record] = await this.storage.transaction((tx) => tx.records.findByIds([id]));
    const ind = record ? indicatorByCode(record.ind) : undefined;
    if (!record || !ind || ind.category !== this.category) throw badUserInput('recordId', 'no such record');
    requireOwnRecord(submitter, record);
    return { record, ind, at: new Date() };
  }

  /** Referential check (F01) and, for a district-level unit, its region: outside it, the batch is refused. */
  private async checkEnterprises(submitter: Submitter, ind: IndicatorSpec, candidates: readonly Candidate[], rejections: Rejection[]): Promise<Candidate[]> {
    const regionOfNew = new Map(ind.registration ? candidates.map((c) => [c.record.uscc ?? '', asText(c.record.data['region'])]) : []);
    const lookup = [...new Set(candidates.map((c) => c.record.uscc).filter((u): u is string => u !== null))];
    const regions = lookup.length ? await this.registry.regionsOf(lookup, submitter.authorization) : new Map<string, string>();
    const accepted: Candidate[] = [];
    for (const c of candidates) {
      const uscc = c.record.uscc;
      if (uscc === null) {
        enforce(submitAboutPersons(submitter));
        accepted.push(c);
        continue;
      }
      // a registration may not move an enterprise out of another district, nor into one that is not the unit's
      const registered = regions.get(uscc);
      const refusedBatch = `record ${c.index}`;
      if (regionOfNew.has(uscc) && registered !== undefined) enforceWhole(submitInRegion(submitter, uscc, registered), refusedBatch);
      const region = regionOfNew.get(uscc) ?? registered;
      if (region === undefined) {
        rejections.push({ index: c.index, rule: 'F01', field: 'uscc', message: `no enterprise ${uscc} is registered; submit its ID01 registration first` });
        continue;
      }
      enforceWhole(submitInRegion(submitter, uscc, region), refusedBatch);
      accepted.push(c);
    }
    return accepted;
  }
}

/** Counts a committed batch's records: accepted, and rejected under each rule they failed. */
function countSubmitted(report: SubmissionReport): void {
  if (report.accepted) submittedRecords.inc({ indicator: report.indicator, outcome: 'accepted', rule: '' }, report.accepted);
  const byRule = new Map<string, Set<number>>();
  for (const r of report.rejections) byRule.set(r.rule, (byRule.get(r.rule) ?? new Set()).add(r.index));
  for (const [rule, indexes] of byRule) submittedRecords.inc({ indicator: report.indicator, outcome: 'rejected', rule }, indexes.size);
}

/** A refusal that refuses the whole batch: nothing of it is stored. */
function enforceWhole(decision: Decision, where: string): void {
  if (!decision.allowed) throw graphqlError(decision.code, `${where}: ${decision.reason}; nothing was stored`);
}

/** Equal attributes whatever their key order (jsonb keeps keys in an order of its own). */
function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function historyOf(previous: StoredRecord, replacedAt: Date, batchKey: string, change: Pick<HistoryEntry, 'change' | 'reason' | 'by'> = {}): HistoryEntry {
  return { id: `${previous.id}@${(change.change ? replacedAt : previous.receivedAt).toISOString()}`, recordId: previous.id, replacedAt, batchKey, previous, ...change };
}

/**
 * The writes of a credit repair, inside the caller's transaction: the version before it kept in
 * history with the reason, the repair date set, and the REPAIRED event for watchers.
 */
export async function writeRepair(tx: SubgraphStores, record: StoredRecord, repairedOn: string, by: { agency: string; subject: string | null }, reason: string, at: Date): Promise<void> {
  // first: a record withdrawn meanwhile gets no history and no event (PostgreSQL rolls the rest back)
  if (!(await tx.records.setRepaired(record.id, repairedOn))) throw badUserInput('recordId', 'the record was withdrawn meanwhile');
  await tx.submissions.appendHistory([historyOf(record, at, `repair:${by.agency}`, { change: 'REPAIRED', reason, by: by.subject })]);
  await tx.outbox.append(changeEvents(record.id, record, repairedOn, 'REPAIRED', at, `repair@${at.toISOString()}`));
}

/**
 * Inserts every record; only ids already stored (a resubmission) are read back. Those of this
 * unit whose data changed are replaced, the previous version kept in history (a credit repair
 * stays); those another unit submitted are left as they are and answered, by id, with their owner.
 * New records, the usual case of a periodic delivery, cost one insert and no read.
 */
async function storeWithHistory(tx: SubgraphStores, records: readonly NewRecord[], receivedAt: Date, batchKey: string, today: string): Promise<Map<string, StoredRecord>> {
  // the same natural key twice in one batch: the later record wins
  const latest = new Map<string, NewRecord>();
  for (const r of records) latest.set(recordId(r), withDisplayState(r, today));
  const foreign = new Map<string, StoredRecord>();
  const taken = await tx.records.insertNew([...latest.values()], receivedAt);
  const takenIds = new Set(taken);
  // every new record is a change watchers hear of, in the same transaction
  const events = [...latest.entries()].filter(([id]) => !takenIds.has(id)).flatMap(([id, r]) => changeEvents(id, r, r.repairedOn ?? null, 'CREATED', receivedAt, batchKey));
  if (taken.length > 0) {
    const existing = new Map((await tx.records.findByIds(taken)).map((r) => [r.id, r]));
    const replaced: HistoryEntry[] = [];
    const changed: NewRecord[] = [];
    for (const id of taken) {
      const before = existing.get(id);
      const r = latest.get(id);
      if (!r) continue;
      if (before && before.agencyRegion !== r.agencyRegion) {
        foreign.set(id, before);
        continue;
      }
      if (before && sameData(before.data, r.data) && before.personHash === r.personHash) continue;
      if (before) replaced.push(historyOf(before, receivedAt, batchKey));
      // a correction keeps the display state last stated: if it moves the record out of (or into)
      // public display, the daily job sees the difference and tells the watchers that saw it
      const kept: NewRecord = { ...r, ...(before?.repairedOn !== undefined ? { repairedOn: before.repairedOn } : {}) };
      delete kept.displayed;
      changed.push(before?.displayed !== undefined ? { ...kept, displayed: before.displayed } : before ? kept : r);
      events.push(...changeEvents(id, r, before?.repairedOn ?? null, before ? 'CORRECTED' : 'CREATED', receivedAt, batchKey));
    }
    await tx.submissions.appendHistory(replaced);
    await tx.records.upsertMany(changed, receivedAt);
  }
  await tx.outbox.append(events);
  return foreign;
}

/**
 * The event of one change, as a list: empty for a record about a person, not an enterprise (those
 * are not watched). Its id is derived from what caused it (the batch, or the withdrawal or
 * repair), so writing it twice keeps one.
 */
function changeEvents(id: string, r: EventSource, repairedOn: string | null, change: ChangeKind, at: Date, cause: string): ChangeEvent[] {
  const registration = indicatorByCode(r.ind)?.registration === true;
  const kind: ChangeKind = registration && change === 'CREATED' ? 'REGISTERED' : registration && change === 'CORRECTED' ? 'REGISTRATION_CHANGED' : change;
  return recordChangeEvent(cause, id, r, kind, repairedOn, at);
}

/** A batch id seen before: its stored report, unless it now comes with other records. */
function replay(prior: BatchEntry, ind: IndicatorSpec, batchId: string, contentHash: string): SubmissionReport {
  if (prior.report.indicator !== ind.code) throw badUserInput('batchId', `'${batchId}' was already used by your unit for ${prior.report.indicator}; use a new batchId`);
  if (prior.contentHash !== null && prior.contentHash !== contentHash) {
    throw badUserInput('batchId', `'${batchId}' was already used by your unit on ${prior.report.receivedAt.toISOString()} for different records; re-send exactly those records, or use a new batchId`);
  }
  // reports stored before warnings existed have none
  return { ...prior.report, warnings: prior.report.warnings ?? [] };
}
