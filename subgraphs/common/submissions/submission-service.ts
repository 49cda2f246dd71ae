// How member agencies' records get in. Every received record ends either stored (upserted by
// its natural key, the previous version kept in history) or quarantined with its reasons; a
// batch id, once reported, returns its stored report and changes nothing. Every write is keyed,
// so a batch interrupted half-way is simply sent again.
import { GraphQLError } from 'graphql';
import type { Collection, Db } from 'mongodb';
import { CITY_REGION, indicatorByCode, type Category, type IndicatorSpec } from '../../../schema/catalogue';
import { addDuration } from '../../../schema/display-windows';
import { isIsoDate } from '../scalars';
import { isValidResidentId, isValidUscc } from '../../../schema/identifiers';
import type { SubgraphContext } from '../context';
import { badUserInput } from '../errors';
import { ensureIndexes } from '../mongo';
import { personHash } from '../person-hash';
import { insertIgnoringDuplicates, recordId, ONE_BATCH, type NewRecord, type RecordStore, type StoredRecord } from '../record-store';
import type { EnterpriseRegistry } from './enterprise-registry';
import { validateRecord, type RuleFailure } from './validation';

export const MAX_RECORDS_PER_SUBMISSION = 1000;

export interface Rejection extends RuleFailure {
  readonly index: number;
}

export interface SubmissionReport {
  readonly batchId: string;
  readonly indicator: string;
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejections: Rejection[];
  /** Accepted records that broke a rule kept as a warning (R05); the warning is stored with them. */
  readonly warnings: Rejection[];
  /** Ids of the stored records, in submission order. */
  readonly acceptedIds: string[];
  readonly receivedAt: Date;
}

export interface BatchDoc {
  _id: string;
  agency: string;
  agencyRegion: string;
  subject: string | null;
  report: SubmissionReport;
}

interface QuarantineDoc {
  _id: string;
  batchKey: string;
  indicator: string;
  agency: string;
  index: number;
  /** The record as received, as JSON text: any key (even one starting with $) can be kept. */
  record: string;
  reasons: RuleFailure[];
  receivedAt: Date;
}

interface HistoryDoc {
  _id: string;
  recordId: string;
  replacedAt: Date;
  /** The batch that replaced it, or the change made by its agency. */
  batchKey: string;
  change?: 'CORRECTED' | 'WITHDRAWN' | 'REPAIRED';
  reason?: string;
  by?: string | null;
  previous: StoredRecord;
}

export interface RecordChange {
  readonly recordId: string;
  readonly change: 'WITHDRAWN' | 'REPAIRED';
  readonly at: Date;
  readonly repairedOn: string | null;
}

export interface SubmissionHooks {
  /** Called with the records about to be stored (identity keeps its directory in step). */
  readonly beforeStore?: (records: readonly NewRecord[]) => Promise<void>;
  /** Warnings for the records about to be stored, in their order (economic checks R05). */
  readonly warningsFor?: (records: readonly NewRecord[]) => Promise<(RuleFailure[] | undefined)[]>;
}

// '#' separates a bulk file's batch id from its chunk number (see gateway/bulk-submissions.ts).
const BATCH_ID = /^[A-Za-z0-9._:#-]{1,100}$/;

export class SubmissionService {
  private readonly batches: Collection<BatchDoc>;
  private readonly quarantine: Collection<QuarantineDoc>;
  private readonly history: Collection<HistoryDoc>;

  constructor(
    db: Db,
    private readonly store: RecordStore,
    private readonly category: Category,
    private readonly registry: EnterpriseRegistry,
    private readonly personHashKey: string,
    private readonly hooks: SubmissionHooks = {},
  ) {
    this.batches = db.collection<BatchDoc>('submission_batches');
    this.quarantine = db.collection<QuarantineDoc>('quarantine');
    this.history = db.collection<HistoryDoc>('record_history');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.quarantine, [{ key: { batchKey: 1, index: 1 }, name: 'by_batch' }]);
    await ensureIndexes(this.history, [{ key: { recordId: 1, replacedAt: -1 }, name: 'by_record' }]);
  }

  async submit(ctx: SubgraphContext, args: { batchId: string; indicator: string; records: unknown[] }): Promise<SubmissionReport> {
    const ind = this.authorize(ctx, args);
    const agency = ctx.caller.agency ?? '';
    const agencyRegion = ctx.caller.region ?? '';
    const batchKey = `${agency}:${args.batchId}`;
    const prior = await this.batches.findOne({ _id: batchKey });
    if (prior) {
      if (prior.report.indicator !== ind.code) throw badUserInput('batchId', `was already used by ${agency} for ${prior.report.indicator}`);
      // reports stored before warnings existed have none
      return { ...prior.report, warnings: prior.report.warnings ?? [] };
    }

    const receivedAt = new Date();
    const rejections: Rejection[] = [];
    const candidates: { index: number; record: NewRecord }[] = [];
    args.records.forEach((raw, index) => {
      const result = validateRecord(ind, raw, ctx.today);
      if ('failures' in result) {
        for (const f of result.failures) rejections.push({ index, ...f });
        return;
      }
      const subject = this.subjectOf(ind, raw as Record<string, unknown>, result.ok.data);
      if ('failure' in subject) {
        rejections.push({ index, ...subject.failure });
        return;
      }
      const data = result.ok.data;
      const ph = subject.personHash ?? (ind.code === 'ID02' && data['idType'] === 'RESIDENT_ID' ? personHash(this.personHashKey, String(data['idNumber'])) : undefined);
      candidates.push({
        index,
        record: { uscc: subject.uscc, ind: ind.code, agency, agencyRegion, data, naturalKey: ind.naturalKey.map((k) => data[k] ?? null), ...(ph ? { personHash: ph } : {}) },
      });
    });

    const accepted = await this.checkEnterprises(ctx, ind, candidates, rejections);
    const warnings: Rejection[] = [];
    const found = (await this.hooks.warningsFor?.(accepted.map((c) => c.record))) ?? [];
    accepted.forEach((c, k) => {
      const failures = found[k];
      if (!failures?.length) return;
      c.record.warnings = failures;
      for (const f of failures) warnings.push({ index: c.index, ...f });
    });
    await this.hooks.beforeStore?.(accepted.map((c) => c.record));
    const acceptedIds = await this.storeWithHistory(accepted.map((c) => c.record), receivedAt, batchKey);
    await this.quarantineRejected(args.records, rejections, { batchKey, indicator: ind.code, agency, receivedAt });

    const rejectedIndexes = new Set(rejections.map((r) => r.index));
    const report: SubmissionReport = {
      batchId: args.batchId,
      indicator: ind.code,
      received: args.records.length,
      accepted: accepted.length,
      rejected: rejectedIndexes.size,
      rejections: rejections.sort((a, b) => a.index - b.index),
      warnings,
      acceptedIds,
      receivedAt,
    };
    await insertIgnoringDuplicates(this.batches, [{ _id: batchKey, agency, agencyRegion, subject: ctx.caller.subject ?? null, report }]);
    return report;
  }

  /** Reported batches matching a filter, projected to what the quality report reads. */
  batchesFor(filter: Record<string, unknown>): Promise<BatchDoc[]> {
    return this.batches
      .find(filter, { projection: { agency: 1, 'report.indicator': 1, 'report.received': 1, 'report.accepted': 1, 'report.rejected': 1, 'report.rejections.rule': 1 }, batchSize: ONE_BATCH })
      .toArray();
  }

  /** The submitting agency takes one of its records back, with a reason kept in history. */
  async withdraw(ctx: SubgraphContext, recordId: string, reason: string): Promise<RecordChange> {
    const { record, at } = await this.ownRecord(ctx, recordId, reason);
    await insertIgnoringDuplicates(this.history, [
      { _id: `${recordId}@${at.toISOString()}`, recordId, replacedAt: at, batchKey: `withdrawal:${ctx.caller.agency ?? ''}`, change: 'WITHDRAWN', reason, by: ctx.caller.subject ?? null, previous: record },
    ]);
    await this.store.collection.deleteOne({ _id: recordId });
    return { recordId, change: 'WITHDRAWN', at, repairedOn: null };
  }

  /**
   * Credit repair (信用修复): the submitting agency marks an adverse record repaired once its
   * repairableAfter period has passed; it leaves public display at once.
   */
  async repair(ctx: SubgraphContext, recordId: string, repairedOn: string, reason: string): Promise<RecordChange> {
    const { record, ind, at } = await this.ownRecord(ctx, recordId, reason);
    if (!ind.publicWindow) throw badUserInput('recordId', `${ind.code} records end by removal or clearing, not by credit repair`);
    if (!isIsoDate(repairedOn) || repairedOn > ctx.today) throw badUserInput('repairedOn', 'must be an ISO date, today or earlier');
    const start = ind.mainDate ? String(record.data[ind.mainDate] ?? '') : '';
    const wait = ind.repairableAfter?.[String(record.data['severity'])] ?? ind.repairableAfter?.['ALL'] ?? 'P0D';
    const earliest = addDuration(start, wait);
    if (repairedOn < earliest) throw badUserInput('repairedOn', `this record can be repaired from ${earliest} (${wait} after ${start})`);
    await insertIgnoringDuplicates(this.history, [
      { _id: `${recordId}@${at.toISOString()}`, recordId, replacedAt: at, batchKey: `repair:${ctx.caller.agency ?? ''}`, change: 'REPAIRED', reason, by: ctx.caller.subject ?? null, previous: record },
    ]);
    await this.store.collection.updateOne({ _id: recordId }, { $set: { repairedOn } });
    return { recordId, change: 'REPAIRED', at, repairedOn };
  }

  private async ownRecord(ctx: SubgraphContext, recordId: string, reason: string): Promise<{ record: StoredRecord; ind: IndicatorSpec; at: Date }> {
    const { caller } = ctx;
    if (caller.anonymous) throw new GraphQLError('changing records needs a member agency token', { extensions: { code: 'UNAUTHENTICATED' } });
    if (!caller.roles.has('credit-submitter')) throw new GraphQLError('changing records needs the credit-submitter role', { extensions: { code: 'FORBIDDEN' } });
    if (reason.trim().length < 4 || reason.length > 500) throw badUserInput('reason', 'say why, in 4 to 500 characters');
    const record = await this.store.collection.findOne({ _id: recordId });
    const ind = record ? indicatorByCode(record.ind) : undefined;
    if (!record || !ind || ind.category !== this.category) throw badUserInput('recordId', 'no such record');
    if (record.agency !== caller.agency) throw new GraphQLError(`only the submitting agency (${record.agency}) may change this record`, { extensions: { code: 'FORBIDDEN' } });
    if (caller.region !== CITY_REGION && record.agencyRegion !== caller.region) {
      throw new GraphQLError('only the submitting unit may change this record', { extensions: { code: 'FORBIDDEN' } });
    }
    return { record, ind, at: new Date() };
  }

  private authorize(ctx: SubgraphContext, args: { batchId: string; indicator: string; records: unknown[] }): IndicatorSpec {
    const { caller } = ctx;
    if (caller.anonymous) throw new GraphQLError('submitting records needs a member agency token', { extensions: { code: 'UNAUTHENTICATED' } });
    if (!caller.roles.has('credit-submitter')) throw new GraphQLError('submitting records needs the credit-submitter role', { extensions: { code: 'FORBIDDEN' } });
    if (!BATCH_ID.test(args.batchId)) throw badUserInput('batchId', 'must be 1 to 100 letters, digits, dots, colons, underscores or hyphens');
    const ind = indicatorByCode(args.indicator);
    if (!ind || ind.category !== this.category) throw badUserInput('indicator', `'${args.indicator.slice(0, 10)}' is not a ${this.category.toLowerCase()} indicator code`);
    if (!caller.agency || !ind.sources.includes(caller.agency)) {
      throw new GraphQLError(`agency ${caller.agency ?? '(none)'} is not a source of ${ind.code}; its sources are ${ind.sources.join(', ')}`, { extensions: { code: 'FORBIDDEN' } });
    }
    if (!caller.region) throw new GraphQLError('the token names no region: ask the credit administrator to set one', { extensions: { code: 'FORBIDDEN' } });
    if (args.records.length === 0 || args.records.length > MAX_RECORDS_PER_SUBMISSION) {
      throw badUserInput('records', `send 1 to ${MAX_RECORDS_PER_SUBMISSION} records per call; for larger files use POST /submissions/{indicator}`);
    }
    return ind;
  }

  /** The enterprise (or, for AD08, the natural person) a record is about. */
  private subjectOf(ind: IndicatorSpec, raw: Record<string, unknown>, data: Record<string, unknown>): { uscc: string | null; personHash?: string } | { failure: RuleFailure } {
    if (ind.code === 'ID01') return { uscc: String(data['uscc']) };
    const uscc = raw['uscc'];
    const person = raw['personIdNumber'];
    if (ind.code === 'AD08' && uscc === undefined && typeof person === 'string') {
      if (!isValidResidentId(person)) return { failure: { rule: 'F02', field: 'personIdNumber', message: 'personIdNumber is not a valid resident ID number (GB 11643 check character)' } };
      return { uscc: null, personHash: personHash(this.personHashKey, person) };
    }
    if (typeof uscc !== 'string') return { failure: { rule: 'F02', field: 'uscc', message: 'uscc (the enterprise the record is about) is required' } };
    if (!isValidUscc(uscc)) return { failure: { rule: 'F02', field: 'uscc', message: 'uscc is not a valid unified social credit code (18 characters, GB 32100-2015 check character)' } };
    return { uscc };
  }

  /** Referential check (F01) and, for a district-level unit, its region: outside it, the batch is refused. */
  private async checkEnterprises(ctx: SubgraphContext, ind: IndicatorSpec, candidates: { index: number; record: NewRecord }[], rejections: Rejection[]) {
    const regionOfNew = new Map(ind.code === 'ID01' ? candidates.map((c) => [c.record.uscc ?? '', String(c.record.data['region'])]) : []);
    const lookup = [...new Set(candidates.map((c) => c.record.uscc).filter((u): u is string => u !== null && !regionOfNew.has(u)))];
    const regions = lookup.length ? await this.registry.regionsOf(lookup, ctx.authorization) : new Map<string, string>();
    const district = ctx.caller.region !== CITY_REGION;
    const accepted: typeof candidates = [];
    for (const c of candidates) {
      const uscc = c.record.uscc;
      if (uscc === null) {
        if (district) throw new GraphQLError('natural persons on the dishonest debtor list are submitted at city level', { extensions: { code: 'FORBIDDEN' } });
        accepted.push(c);
        continue;
      }
      const region = regionOfNew.get(uscc) ?? regions.get(uscc);
      if (region === undefined) {
        rejections.push({ index: c.index, rule: 'F01', field: 'uscc', message: `no enterprise ${uscc} is registered; submit its ID01 registration first` });
        continue;
      }
      if (district && region !== ctx.caller.region) {
        throw new GraphQLError(`record ${c.index}: enterprise ${uscc} is registered in ${region}, outside your region ${ctx.caller.region}; nothing was stored`, { extensions: { code: 'FORBIDDEN' } });
      }
      accepted.push(c);
    }
    return accepted;
  }

  /**
   * Inserts every record; only ids already stored (a resubmission) are read back, and those whose
   * data changed are replaced, the previous version kept in history. New records, the usual case
   * of a periodic delivery, cost one insert and no read.
   */
  private async storeWithHistory(records: readonly NewRecord[], receivedAt: Date, batchKey: string): Promise<string[]> {
    const ids = records.map((r) => recordId(r));
    // the same natural key twice in one batch: the later record wins
    const latest = new Map<string, NewRecord>();
    records.forEach((r, k) => latest.set(ids[k] ?? '', r));
    const taken = await this.store.insertNew([...latest.values()], receivedAt);
    if (taken.length === 0) return ids;
    const existing = new Map<string, StoredRecord>();
    for (let i = 0; i < taken.length; i += 500) {
      const found = await this.store.collection.find({ _id: { $in: taken.slice(i, i + 500) } }, { batchSize: ONE_BATCH }).toArray();
      for (const doc of found) existing.set(doc._id, doc);
    }
    const replaced: HistoryDoc[] = [];
    const changed: NewRecord[] = [];
    for (const id of taken) {
      const before = existing.get(id);
      const r = latest.get(id);
      if (!r) continue;
      if (before && JSON.stringify(before.data) === JSON.stringify(r.data) && before.personHash === r.personHash) continue;
      if (before) replaced.push({ _id: `${id}@${before.receivedAt.toISOString()}`, recordId: id, replacedAt: receivedAt, batchKey, previous: before });
      changed.push(r);
    }
    await insertIgnoringDuplicates(this.history, replaced);
    await this.store.upsertMany(changed, receivedAt);
    return ids;
  }

  private async quarantineRejected(raw: unknown[], rejections: readonly Rejection[], meta: { batchKey: string; indicator: string; agency: string; receivedAt: Date }): Promise<void> {
    const byIndex = new Map<number, RuleFailure[]>();
    for (const { index, ...failure } of rejections) byIndex.set(index, [...(byIndex.get(index) ?? []), failure]);
    await insertIgnoringDuplicates(
      this.quarantine,
      [...byIndex].map(([index, reasons]) => ({ _id: `${meta.batchKey}:${index}`, ...meta, index, record: JSON.stringify(raw[index]) ?? 'null', reasons })),
    );
  }
}
