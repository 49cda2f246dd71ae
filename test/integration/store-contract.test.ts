// One contract for every storage adapter: the same tests run against PostgreSQL (the default)
// and the MongoDB adapter on FerretDB, so neither drifts from what the subgraphs rely on.
import { databaseName, dropStorage, openAuditStore, openChangeFeed, openReportRegistry, openSubgraphStorage, type StorageConfig } from '../../storage/index';
import { SETTLE_MS } from '../../storage/mongodb/change-events';
import type { AuditStore, Commitment, NewRecord, Objection, RepairApplication, StoredCheck, SubgraphStorage } from '../../storage/port';
import { recordId } from '../../storage/record-id';
import type { AuditEvent } from '../../audit/audit-event';
import { startOfDay } from '../../schema/today';

const adapters: [string, () => StorageConfig | undefined, { atomic: boolean }][] = [
  ['PostgreSQL', () => (process.env['DATABASE_URL'] ? { kind: 'postgres', url: process.env['DATABASE_URL'] } : undefined), { atomic: true }],
  ['MongoDB (FerretDB)', () => (process.env['MONGODB_TEST_URI'] ? { kind: 'mongodb', uri: process.env['MONGODB_TEST_URI'] } : undefined), { atomic: false }],
];

const A = '91500000MA5U000001';
const B = '91500000MA5U000002';
const C = '91500103MA5U000003';
const at = new Date('2026-06-30T04:00:00.000Z');

const penalty = (uscc: string, decisionNo: string, data: Record<string, unknown> = {}): NewRecord => ({
  uscc,
  ind: 'AD01',
  agency: 'tax',
  agencyRegion: '500000',
  data: { decisionNo, decidedOn: '2026-05-01', fineAmount: '200.00', ...data },
  naturalKey: [decisionNo],
});

const report = (batchId: string, receivedAt: Date) => ({
  batchId,
  indicator: 'AD01',
  received: 3,
  accepted: 1,
  rejected: 2,
  rejections: [
    { index: 1, rule: 'C01', field: 'decisionNo', message: 'missing' },
    { index: 2, rule: 'V04', field: 'decidedOn', message: 'not a date' },
  ],
  warnings: [],
  acceptedIds: ['AD01:tax:x:1'],
  receivedAt,
});

function event(id: string, time: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    time: new Date(time),
    subject: 'sub-1',
    client: 'svc-tax',
    username: null,
    agency: 'tax',
    region: '500000',
    roles: ['credit-member'],
    clientAddress: '127.0.0.1',
    operationName: 'Profile',
    operationType: 'query',
    documentHash: null,
    enterprises: [A],
    indicators: ['AD01'],
    purpose: 'SUPERVISION',
    outcome: 'OK',
    refused: [],
    errorCodes: [],
    durationMs: 3,
    ...overrides,
  };
}

describe.each(adapters)('%s adapter', (_name, configOf, { atomic }) => {
  const config = configOf();
  const prefix = `contract${process.pid}_${Date.now().toString(36)}`;
  let store: SubgraphStorage;
  let audit: AuditStore;

  beforeAll(async () => {
    if (!config) throw new Error('the integration set-up names no database for this adapter');
    store = await openSubgraphStorage(config, databaseName(prefix, 'adverse'));
    audit = await openAuditStore(config, databaseName(prefix, 'audit'));
  });
  afterAll(async () => {
    await store?.close();
    await audit?.close();
    if (config) for (const part of ['adverse', 'audit']) await dropStorage(config, databaseName(prefix, part));
  });

  describe('objections', () => {
    const objection = (id: string, recordId: string, dueAt: Date, owner = { agency: 'aic', region: '500000' }): Objection => ({
      id,
      recordId,
      uscc: A,
      ind: 'AD01',
      owner,
      filedBy: { subject: 'sub-1', agency: null },
      grounds: "金额有误'; DROP TABLE objections; --",
      evidence: [{ name: 'a.pdf', contentType: 'application/pdf', size: 5, sha256: 'x'.repeat(64) }],
      filedAt: at,
      dueAt,
      status: 'OPEN',
      overdue: false,
      decision: null,
    });
    const due = new Date(at.getTime() + 20 * 86_400_000);

    it('keeps one open objection per record, with its evidence, and gives the newest per record', async () => {
      const first = await store.objections.file(objection('o-1', 'r-1', due), [{ name: 'a.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-') }]);
      expect(first).toMatchObject({ id: 'o-1', status: 'OPEN', grounds: "金额有误'; DROP TABLE objections; --" });
      expect(await store.objections.file(objection('o-2', 'r-1', due), [])).toBeNull();
      expect(await store.objections.findById('o-2')).toBeNull();
      expect((await store.objections.evidence('o-1', 0))?.bytes.toString()).toBe('%PDF-');
      expect(await store.objections.evidence('o-1', 1)).toBeNull();
      expect((await store.objections.latestFor(['r-1', 'r-none'])).map((o) => o.id)).toEqual(['o-1']);
    });

    it('decides an open objection once, and a decided record may be objected to again', async () => {
      const decided = await store.objections.decide('o-1', 'CONFIRMED', { reasons: '核实无误', by: 'sub-2', at });
      expect(decided).toMatchObject({ status: 'CONFIRMED', decision: { reasons: '核实无误', by: 'sub-2' } });
      expect(decided?.decision?.at.getTime()).toBe(at.getTime());
      expect(await store.objections.decide('o-1', 'UNVERIFIABLE', { reasons: 'again', by: 'sub-2', at })).toBeNull();
      const again = await store.objections.file({ ...objection('o-3', 'r-1', due), filedAt: new Date(at.getTime() + 1000) }, []);
      expect(again?.id).toBe('o-3');
      expect((await store.objections.latestFor(['r-1'])).map((o) => o.id)).toEqual(['o-3']);
    });

    it("lists a unit's queue, open ones first by due date, and finds and marks the overdue once", async () => {
      await store.objections.file(objection('o-4', 'r-4', new Date(due.getTime() - 86_400_000)), []);
      await store.objections.file(objection('o-5', 'r-5', due, { agency: 'tax', region: '500000' }), []);
      expect((await store.objections.queue({ agency: 'aic', region: '500000' }, null, 10)).map((o) => o.id)).toEqual(['o-4', 'o-3', 'o-1']);
      expect((await store.objections.queue(null, 'OPEN', 10)).map((o) => o.id).sort()).toEqual(['o-3', 'o-4', 'o-5']);
      const overdue = await store.objections.dueBy(new Date(due.getTime() - 1000), 10);
      expect(overdue.map((o) => o.id)).toEqual(['o-4']);
      await store.objections.markOverdue(['o-4']);
      expect(await store.objections.dueBy(new Date(due.getTime() - 1000), 10)).toEqual([]);
      expect((await store.objections.findById('o-4'))?.overdue).toBe(true);
      expect(await store.objections.overdueByUnit()).toEqual([{ agency: 'aic', region: '500000', count: 1, earliestDueAt: new Date(due.getTime() - 86_400_000) }]);
    });
  });

  describe('repair applications', () => {
    const application = (id: string, recordId: string, dueAt: Date, owner = { agency: 'aic', region: '500000' }): RepairApplication => ({
      id,
      recordId,
      uscc: A,
      ind: 'AD01',
      owner,
      applicant: 'sub-1',
      measures: "已缴清罚款'; DROP TABLE repair_applications; --",
      evidence: [{ name: 'a.pdf', contentType: 'application/pdf', size: 5, sha256: 'x'.repeat(64) }],
      commitmentId: `com-${id}`,
      filedAt: at,
      dueAt,
      status: 'PENDING',
      decision: null,
    });
    const due = new Date(at.getTime() + 14 * 86_400_000);

    it('keeps one pending application per record with its evidence, decides it once, and takes a new one after', async () => {
      expect(await store.repairs.apply(application('a-1', 'rr-1', due), [{ name: 'a.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-') }])).toMatchObject({
        id: 'a-1',
        status: 'PENDING',
      });
      expect(await store.repairs.apply(application('a-2', 'rr-1', due), [])).toBeNull();
      expect(await store.repairs.findById('a-2')).toBeNull();
      expect((await store.repairs.evidence('a-1', 0))?.bytes.toString()).toBe('%PDF-');
      expect(await store.repairs.evidence('a-1', 1)).toBeNull();
      const refused = await store.repairs.decide('a-1', 'REFUSED', { reasons: '材料不全', by: 'sub-2', at });
      expect(refused).toMatchObject({ status: 'REFUSED', decision: { reasons: '材料不全', by: 'sub-2' } });
      expect(refused?.decision?.at.getTime()).toBe(at.getTime());
      expect(await store.repairs.decide('a-1', 'APPROVED', { reasons: 'again', by: 'sub-2', at })).toBeNull();
      expect((await store.repairs.apply({ ...application('a-3', 'rr-1', due), filedAt: new Date(at.getTime() + 1000) }, []))?.id).toBe('a-3');
      expect((await store.repairs.latestFor(['rr-1', 'rr-none'])).map((a) => a.id)).toEqual(['a-3']);
    });

    it("lists a unit's queue, pending ones first by due date", async () => {
      await store.repairs.apply(application('a-4', 'rr-4', new Date(due.getTime() - 86_400_000)), []);
      await store.repairs.apply(application('a-5', 'rr-5', due, { agency: 'tax', region: '500000' }), []);
      expect((await store.repairs.queue({ agency: 'aic', region: '500000' }, null, 10)).map((a) => a.id)).toEqual(['a-4', 'a-3', 'a-1']);
      expect((await store.repairs.queue(null, 'PENDING', 10)).map((a) => a.id).sort()).toEqual(['a-3', 'a-4', 'a-5']);
    });
  });

  describe('commitments', () => {
    const commitment = (id: string, uscc: string, madeAt: Date): Commitment => ({
      id,
      uscc,
      type: 'VOLUNTARY',
      text: "承诺'; --",
      madeAt,
      recipient: null,
      recordId: null,
      by: 'sub-1',
      breach: null,
    });

    it('keeps commitments once each, lists them newest first per enterprise, and records one breach', async () => {
      await store.commitments.make(commitment('c-1', A, at));
      await store.commitments.make({ ...commitment('c-1', A, at), text: 'changed' });
      await store.commitments.make({ ...commitment('c-2', A, new Date(at.getTime() + 1000)), type: 'REPAIR', recipient: { agency: 'aic', region: '500000' }, recordId: 'rr-1' });
      await store.commitments.make(commitment('c-3', B, at));
      const ofA = await store.commitments.ofEnterprises([A], 10);
      expect((await store.commitments.ofEnterprises([A, B], 1)).map((c) => c.id)).toEqual(['c-2', 'c-3']);
      expect(ofA.map((c) => c.id)).toEqual(['c-2', 'c-1']);
      expect(ofA[1]).toMatchObject({ text: "承诺'; --", recipient: null, breach: null });
      expect(ofA[0]).toMatchObject({ type: 'REPAIR', recipient: { agency: 'aic', region: '500000' }, recordId: 'rr-1' });
      const breach = { decisionNo: '渝市监决〔2026〕1号', decidedOn: '2026-07-01', reasons: '违背承诺', agency: 'tax', region: '500000', by: 'sub-3', at };
      expect((await store.commitments.recordBreach('c-1', breach))?.breach).toMatchObject({ decidedOn: '2026-07-01', reasons: '违背承诺' });
      expect(await store.commitments.recordBreach('c-1', { ...breach, reasons: 'again' })).toBeNull();
      expect((await store.commitments.findById('c-1'))?.breach?.at.getTime()).toBe(at.getTime());
      expect(await store.commitments.findById('c-none')).toBeNull();
    });
  });

  describe('credit checks', () => {
    const stored = (id: string, agency: string, checkedAt: Date): StoredCheck => ({
      id,
      scenario: 'HONOURS',
      asOf: '2026-06-30',
      reference: "评优'; --",
      ruleSetVersion: '1.0-abc.def',
      checkedAt,
      agency,
      region: '500000',
      subject: 'sub-1',
      results: [
        {
          uscc: A,
          name: '甲',
          problem: null,
          verdict: 'EXCLUDED',
          measures: [
            {
              code: 'HONOURS.SERIOUS_LIST',
              name: '禁止',
              legalBasis: '《条例》第十八条',
              kind: 'RESTRICTION',
              effect: 'EXCLUDE',
              evidence: [{ recordId: 'r-1', indicator: 'AD03', recordVersion: at.toISOString(), summary: '列入' }],
            },
          ],
        },
        { uscc: B, name: '乙', problem: null, verdict: 'CLEAR', measures: [{ code: 'X.INCENTIVE', name: '激励', legalBasis: '《意见》', kind: 'INCENTIVE', effect: 'PRIORITY', evidence: [] }] },
      ],
      relatedParties: [{ kind: 'ADDRESS', sharedParty: '重庆市', usccs: [A, B] }],
    });

    it('keeps a check as answered, once, and its feedback per subject and measure, counted per agency and scenario', async () => {
      const old = new Date(at.getTime() - 40 * 86_400_000);
      await store.creditChecks.save(stored('k-1', 'aic', at));
      await store.creditChecks.save({ ...stored('k-1', 'aic', at), reference: 'changed' });
      await store.creditChecks.save(stored('k-2', 'tax', old));
      const back = await store.creditChecks.findById('k-1');
      expect(back).toEqual(stored('k-1', 'aic', at));
      expect(await store.creditChecks.findById('k-none')).toBeNull();
      await store.creditChecks.recordFeedback({ checkId: 'k-1', uscc: A, measure: 'HONOURS.SERIOUS_LIST', action: 'NOT_APPLIED', reason: '待核实', by: 'sub-1', at });
      await store.creditChecks.recordFeedback({ checkId: 'k-1', uscc: A, measure: 'HONOURS.SERIOUS_LIST', action: 'APPLIED', reason: null, by: 'sub-1', at });
      expect((await store.creditChecks.feedbackOf('k-1')).map((f) => [f.uscc, f.action, f.reason])).toEqual([[A, 'APPLIED', null]]);
      const summary = await store.creditChecks.feedbackSummary(new Date(old.getTime() - 1000), new Date(at.getTime() + 1000), new Date(at.getTime() - 30 * 86_400_000));
      expect(summary).toEqual([
        { agency: 'aic', scenario: 'HONOURS', checks: 1, measuresFound: 1, fedBack: 1, overdue: 0 },
        { agency: 'tax', scenario: 'HONOURS', checks: 1, measuresFound: 1, fedBack: 0, overdue: 1 },
      ]);
    });
  });

  describe('statements', () => {
    it('keeps one statement per record, a newer one replacing it, and finds them by record', async () => {
      await store.subjectStatements.save({ recordId: 's-1', uscc: A, text: '已整改', by: 'sub-1', at });
      await store.subjectStatements.save({ recordId: 's-1', uscc: A, text: "已整改并缴清'; --", by: 'sub-1', at: new Date(at.getTime() + 1000) });
      const found = await store.subjectStatements.latestFor(['s-1', 's-none']);
      expect(found).toEqual([{ recordId: 's-1', uscc: A, text: "已整改并缴清'; --", by: 'sub-1', at: new Date(at.getTime() + 1000) }]);
    });
  });

  describe('records', () => {
    it('inserts new records and answers the ids already stored, leaving those as they were', async () => {
      const first = [penalty(A, 'R-1'), penalty(A, 'R-2')];
      expect(await store.records.insertNew(first, at)).toEqual([]);
      const again = await store.records.insertNew([penalty(A, 'R-2', { fineAmount: '999.00' }), penalty(A, 'R-3')], at);
      expect(again).toEqual([recordId(penalty(A, 'R-2'))]);
      const [kept] = await store.records.findByIds([recordId(penalty(A, 'R-2'))]);
      expect(kept?.data['fineAmount']).toBe('200.00');
    });

    it('reads the records of many enterprises and indicators at once, projecting only the attributes asked for', async () => {
      await store.records.insertNew([penalty(B, 'R-9'), { ...penalty(B, 'X'), ind: 'AD04', data: { taxType: '增值税' }, naturalKey: ['X'] }], at);
      const found = await store.records.findFor([A, B, C], ['AD01'], ['decisionNo']);
      expect(found.map((r) => r.data['decisionNo']).sort()).toEqual(['R-1', 'R-2', 'R-3', 'R-9']);
      expect(found.every((r) => Object.keys(r.data).join() === 'decisionNo')).toBe(true);
      expect(found[0]).toMatchObject({ ind: 'AD01', agency: 'tax', agencyRegion: '500000' });
      expect(found[0]?.receivedAt.toISOString()).toBe(at.toISOString());
      expect(await store.records.findFor([C], ['AD01'], ['decisionNo'])).toEqual([]);
    });

    it('counts records per enterprise and indicator', async () => {
      const counts = await store.records.countFor([A, B, C]);
      expect(counts.sort((x, y) => `${x.uscc}${x.ind}`.localeCompare(`${y.uscc}${y.ind}`))).toEqual([
        { uscc: A, ind: 'AD01', count: 3 },
        { uscc: B, ind: 'AD01', count: 1 },
        { uscc: B, ind: 'AD04', count: 1 },
      ]);
    });

    it('finds records about natural persons by keyed hash', async () => {
      const person: NewRecord = { uscc: null, ind: 'AD08', agency: 'court', agencyRegion: '500000', personHash: 'h-1', data: { caseNo: '(2026)渝01执1号' }, naturalKey: ['(2026)渝01执1号'] };
      await store.records.insertNew([person], at);
      const found = await store.records.findForPersons(['h-1', 'h-2'], 'AD08');
      expect(found).toEqual([expect.objectContaining({ uscc: null, personHash: 'h-1', data: { caseNo: '(2026)渝01执1号' } })]);
    });

    it('replaces, repairs and deletes by id', async () => {
      const id = recordId(penalty(A, 'R-1'));
      await store.records.upsertMany([{ ...penalty(A, 'R-1', { fineAmount: '300.00' }), warnings: [{ rule: 'R05', field: 'amount', message: 'check' }] }], at);
      await store.records.setRepaired(id, '2026-06-01');
      const [stored] = await store.records.findByIds([id]);
      expect(stored).toMatchObject({ repairedOn: '2026-06-01', warnings: [{ rule: 'R05', field: 'amount', message: 'check' }] });
      expect(stored?.data['fineAmount']).toBe('300.00');
      await store.records.delete(id);
      expect(await store.records.findByIds([id])).toEqual([]);
    });

    it("keeps a record's public display state: absent when never stated, then as stated, across a correction that states it again", async () => {
      const [without, withState] = [penalty(A, 'D-1'), { ...penalty(A, 'D-2'), displayed: true }];
      await store.records.insertNew([without, withState], at);
      const byId = async () => new Map((await store.records.findByIds([recordId(without), recordId(withState)])).map((r) => [r.data['decisionNo'], r.displayed]));
      expect(await byId()).toEqual(
        new Map([
          ['D-1', undefined],
          ['D-2', true],
        ]),
      );
      await store.records.setDisplayed([recordId(without), recordId(withState)], false);
      expect(await byId()).toEqual(
        new Map([
          ['D-1', false],
          ['D-2', false],
        ]),
      );
      // the daily job walks records with their state
      const walked = (await store.records.scan('AD01', null, 1000)).filter((r) => r.id === recordId(without));
      expect(walked.map((r) => r.displayed)).toEqual([false]);
      await store.records.upsertMany([{ ...penalty(A, 'D-1'), displayed: true }], at);
      expect((await byId()).get('D-1')).toBe(true);
    });

    // operator keys never reach a store as attributes (validation refuses unknown attributes, V06);
    // quarantine keeps them as text, below
    it('keeps hostile text as data: SQL, quotes and backslashes are stored and read back literally', async () => {
      const hostile = penalty(C, "'; DROP TABLE records; --", { note: 'a"b\\c{$ne}', list: ["'", '"'] });
      await store.records.insertNew([hostile], at);
      const [back] = await store.records.findByIds([recordId(hostile)]);
      expect(back?.data).toEqual(hostile.data);
      expect(await store.records.findFor(["' OR '1'='1"], ['AD01'], ['decisionNo'])).toEqual([]);
      expect(await store.records.findFor([A], ["AD01' OR '1'='1"], [])).toEqual([]);
    });
  });

  describe('enterprise directory', () => {
    beforeAll(async () => {
      await store.directory.upsertMany([
        { uscc: A, registrationNo: '500000000000011', name: '重庆山城建筑工程有限公司', region: '500000' },
        { uscc: B, name: '重庆江北建筑劳务有限公司', region: '500105' },
        { uscc: C, name: '渝中区山城火锅店', region: '500103' },
      ]);
    });

    it('finds enterprises by code and by registration number', async () => {
      expect((await store.directory.findByUsccs([C, A, '91500000MA5U0000XX'])).map((e) => e.uscc).sort()).toEqual([A, C]);
      expect(await store.directory.findByRegistrationNo('500000000000011')).toEqual({ uscc: A, registrationNo: '500000000000011', name: '重庆山城建筑工程有限公司', region: '500000' });
      expect(await store.directory.findByRegistrationNo('500000000000099')).toBeNull();
      expect(await store.directory.count()).toBe(3);
    });

    it('finds any part of a Chinese name, in code order, a page at a time', async () => {
      const names = async (text: string, region?: string, after?: string, limit = 10) => (await store.directory.search({ kind: 'name', text }, region, after, limit)).map((e) => e.uscc);
      expect(await names('建筑')).toEqual([A, B]);
      expect(await names('山城')).toEqual([A, C]);
      expect(await names('筑工程有')).toEqual([A]);
      expect(await names('火')).toEqual([C]);
      expect(await names('建筑', '500105')).toEqual([B]);
      expect(await names('建筑', undefined, A)).toEqual([B]);
      // one more than the page is fetched, so a caller can tell more follow
      expect(await names('重庆', undefined, undefined, 1)).toEqual([A, B]);
      expect(await names('工程建筑')).toEqual([]);
      expect(await names("%'; DROP TABLE enterprises; --")).toEqual([]);
      expect(await names('.*')).toEqual([]);
    });

    it('updates an enterprise registered again', async () => {
      await store.directory.upsertMany([{ uscc: C, name: '渝中区山城餐饮有限公司', region: '500103' }]);
      expect((await store.directory.search({ kind: 'name', text: '火锅' }, undefined, undefined, 10)).length).toBe(0);
      expect((await store.directory.search({ kind: 'name', text: '餐饮' }, undefined, undefined, 10)).map((e) => e.name)).toEqual(['渝中区山城餐饮有限公司']);
      expect((await store.directory.search({ kind: 'uscc', code: C }, undefined, undefined, 10)).map((e) => e.uscc)).toEqual([C]);
    });
  });

  describe('submissions', () => {
    it('stores a batch report once and gives it back as stored', async () => {
      const batch = { key: 'tax:b-1', agency: 'tax', agencyRegion: '500000', subject: 'sub-1', contentHash: 'c0ffee', report: report('b-1', at) };
      await store.submissions.saveBatch(batch);
      await store.submissions.saveBatch({ ...batch, report: { ...report('b-1', at), received: 99 } });
      expect(await store.submissions.findBatch('tax:b-1')).toEqual(batch);
      expect(await store.submissions.findBatch('tax:none')).toBeNull();
    });

    it('totals batches of a period, optionally of one agency', async () => {
      await store.submissions.saveBatch({ key: 'court:b-2', agency: 'court', agencyRegion: '500000', subject: null, contentHash: null, report: report('b-2', new Date('2026-06-29T10:00:00Z')) });
      const day = startOfDay;
      expect(await store.submissions.batchTotals(day('2026-06-30'), day('2026-07-01'), null)).toEqual([
        { agency: 'tax', indicator: 'AD01', received: 3, accepted: 1, rejected: 2, rules: ['C01', 'V04'] },
      ]);
      expect((await store.submissions.batchTotals(day('2026-06-29'), day('2026-07-01'), 'court')).map((b) => b.agency)).toEqual(['court']);
    });

    it("lists a unit's own batches, newest first", async () => {
      const save = (region: string, batchId: string, time: string) =>
        store.submissions.saveBatch({ key: `hrss:${region}:${batchId}`, agency: 'hrss', agencyRegion: region, subject: null, contentHash: null, report: report(batchId, new Date(time)) });
      await save('500000', 'h-1', '2026-06-01T01:00:00Z');
      await save('500000', 'h-2#0', '2026-06-02T01:00:00Z');
      await save('500103', 'h-3', '2026-06-03T01:00:00Z');
      const city = await store.submissions.recentBatches('hrss', '500000', 10);
      expect(city.map((b) => b.key)).toEqual(['hrss:500000:h-2#0', 'hrss:500000:h-1']);
      expect(city[0]).toEqual({ key: 'hrss:500000:h-2#0', indicator: 'AD01', receivedAt: new Date('2026-06-02T01:00:00Z'), received: 3, accepted: 1, rejected: 2 });
      expect((await store.submissions.recentBatches('hrss', '500000', 1)).map((b) => b.key)).toEqual(['hrss:500000:h-2#0']);
      expect((await store.submissions.recentBatches('hrss', '500103', 10)).map((b) => b.key)).toEqual(['hrss:500103:h-3']);
    });

    it('keeps rejected records once each, in batch order', async () => {
      const entry = (index: number) => ({
        batchKey: 'tax:b-1',
        indicator: 'AD01',
        agency: 'tax',
        index,
        record: JSON.stringify({ $set: { agency: 'court' }, n: index }),
        reasons: [{ rule: 'V06', field: '$set', message: 'unknown' }],
        receivedAt: at,
      });
      await store.submissions.quarantine([entry(2), entry(1)]);
      await store.submissions.quarantine([entry(1)]);
      const kept = await store.submissions.quarantined('tax:b-1');
      expect(kept.map((q) => q.index)).toEqual([1, 2]);
      expect(JSON.parse(kept[0]?.record ?? 'null')).toEqual({ $set: { agency: 'court' }, n: 1 });
    });

    it('keeps previous versions of a record, newest first, once each', async () => {
      const previous = { id: 'AD01:tax:a:1', uscc: A, ind: 'AD01', agency: 'tax', agencyRegion: '500000', receivedAt: at, data: { decisionNo: '1' } };
      const entry = (when: string, change?: 'WITHDRAWN') => ({
        id: `AD01:tax:a:1@${when}`,
        recordId: 'AD01:tax:a:1',
        replacedAt: new Date(when),
        batchKey: 'tax:b',
        previous,
        ...(change ? { change, reason: '撤销', by: 'sub-1' } : {}),
      });
      await store.submissions.appendHistory([entry('2026-07-01T00:00:00.000Z'), entry('2026-07-02T00:00:00.000Z', 'WITHDRAWN')]);
      await store.submissions.appendHistory([entry('2026-07-01T00:00:00.000Z')]);
      const history = await store.submissions.historyOf('AD01:tax:a:1');
      expect(history.map((h) => h.change ?? null)).toEqual(['WITHDRAWN', null]);
      expect(history[0]).toMatchObject({ reason: '撤销', by: 'sub-1', previous: { data: { decisionNo: '1' } } });
      expect(history[0]?.previous.receivedAt.toISOString()).toBe(at.toISOString());
    });
  });

  describe('transactions', () => {
    it(atomic ? 'stores nothing of work that fails part-way' : 'keeps what failed work wrote, and the same work sent again completes it once', async () => {
      const work = (fail: boolean) =>
        store.transaction(async (tx) => {
          await tx.records.insertNew([penalty(B, 'T-1')], at);
          if (fail) throw new Error('cut off');
          await tx.submissions.saveBatch({ key: 'tax:t-1', agency: 'tax', agencyRegion: '500000', subject: null, contentHash: null, report: report('t-1', at) });
        });
      await expect(work(true)).rejects.toThrow('cut off');
      expect(await store.records.findByIds([recordId(penalty(B, 'T-1'))])).toHaveLength(atomic ? 0 : 1);
      await work(false);
      expect(await store.records.findByIds([recordId(penalty(B, 'T-1'))])).toHaveLength(1);
      expect(await store.submissions.findBatch('tax:t-1')).not.toBeNull();
    });
  });

  describe('audit trail', () => {
    it('appends events once each and finds them newest first by enterprise, agency, subject and time', async () => {
      await audit.append([event('e-1', '2026-06-30T01:00:00Z'), event('e-2', '2026-06-30T02:00:00Z', { enterprises: [A, B], agency: 'court', subject: 'sub-2' })]);
      await audit.append([event('e-1', '2026-06-30T01:00:00Z'), event('e-3', '2026-06-29T02:00:00Z', { bidderCheck: { tenderRef: 'T-9', bidDate: null, verdicts: [] } })]);
      const ids = async (q: Parameters<AuditStore['find']>[0]) => (await audit.find(q)).map((e) => e.id);
      expect(await ids({ limit: 10 })).toEqual(['e-2', 'e-1', 'e-3']);
      expect(await ids({ enterprise: B, limit: 10 })).toEqual(['e-2']);
      expect(await ids({ agency: 'tax', limit: 10 })).toEqual(['e-1', 'e-3']);
      expect(await ids({ subject: 'sub-2', limit: 10 })).toEqual(['e-2']);
      expect(await ids({ from: new Date('2026-06-30T00:00:00Z'), to: new Date('2026-06-30T01:30:00Z'), limit: 10 })).toEqual(['e-1']);
      expect(await ids({ tenderRef: 'T-9', limit: 10 })).toEqual(['e-3']);
      expect(await ids({ limit: 1 })).toEqual(['e-2']);
      const [e2] = await audit.find({ enterprise: B, limit: 1 });
      expect(e2).toEqual(event('e-2', '2026-06-30T02:00:00Z', { enterprises: [A, B], agency: 'court', subject: 'sub-2' }));
    });
  });

  describe('change outbox', () => {
    it('keeps each event once and gives it to the feed reader in order, resuming from its cursor', async () => {
      const feed = await openChangeFeed(config as StorageConfig, databaseName(prefix, 'adverse'));
      try {
        const change = (id: string, uscc: string) => ({
          id,
          at: new Date('2026-11-26T08:00:00Z'),
          uscc,
          ind: 'AD04',
          recordId: `r-${id}`,
          change: 'CREATED' as const,
          agency: 'tax',
          agencyRegion: '500000',
          data: { taxType: '印花税' },
          repairedOn: null,
        });
        await store.transaction((tx) => tx.outbox.append([change('ev-1', A), change('ev-2', B)]));
        await store.transaction((tx) => tx.outbox.append([change('ev-2', B), change('ev-3', A)]));
        // MongoDB hands out an event once it has settled (SETTLE_MS); PostgreSQL once its transaction has ended
        await new Promise((r) => setTimeout(r, atomic ? 0 : SETTLE_MS + 200));
        const first = await feed.read(null, 2);
        expect(first.events.map((e) => e.id)).toEqual(['ev-1', 'ev-2']);
        expect(first.events[0]).toEqual(change('ev-1', A));
        const rest = await feed.read(first.cursor, 10);
        expect(rest.events.map((e) => e.id)).toEqual(['ev-3']);
        const none = await feed.read(rest.cursor, 10);
        expect(none).toEqual({ events: [], cursor: rest.cursor });
      } finally {
        await feed.close();
      }
    });
  });

  describe('report register', () => {
    it('enters a report once under its number, and finds it by number and by the hash of its PDF', async () => {
      const registry = await openReportRegistry(config as StorageConfig, databaseName(prefix, 'audit'));
      try {
        const report = {
          number: 'R20261126160000-500103-AAAA',
          issuedAt: new Date('2026-11-26T08:00:00Z'),
          uscc: A,
          version: 'MEMBER' as const,
          subject: 'sub-1',
          agency: 'aic',
          purpose: 'SUPERVISION',
          pdfSha256: 'a'.repeat(64),
          attestation: JSON.stringify({ kid: 'k', signature: 's', facts: { number: 'R' } }),
        };
        const pdf = Buffer.from('%PDF-1.7 contract');
        expect(await registry.register(report, pdf)).toBe(true);
        // a number drawn twice is refused, and the first report stays as it was
        expect(await registry.register({ ...report, pdfSha256: 'b'.repeat(64) }, Buffer.from('other'))).toBe(false);
        const found = await registry.find(report.number);
        expect({ ...found, attestation: JSON.parse(found?.attestation ?? '{}') as unknown }).toEqual({ ...report, attestation: JSON.parse(report.attestation) as unknown });
        expect((await registry.findByHash('a'.repeat(64)))?.number).toBe(report.number);
        expect(await registry.findByHash('b'.repeat(64))).toBeUndefined();
        expect(await registry.find('R20261126160000-500103-BBBB')).toBeUndefined();
        expect((await registry.pdf(report.number))?.equals(pdf)).toBe(true);
        // an anonymous caller's report is registered without its PDF: verifiable, not downloadable
        const unkept = { ...report, number: 'R20261126160000-500103-CCCC', pdfSha256: 'c'.repeat(64), subject: null };
        expect(await registry.register(unkept, null)).toBe(true);
        expect((await registry.findByHash('c'.repeat(64)))?.number).toBe(unkept.number);
        expect(await registry.pdf(unkept.number)).toBeUndefined();
      } finally {
        await registry.close();
      }
    });
  });
});
