// Objections (异议) under 《征信业管理条例》 art. 25: the enterprise objects to a record about it,
// with evidence; the record is marked as disputed wherever it appears; only the unit that
// submitted it decides, within 20 days; an undecided one is handed to the credit administration
// on day 21; every step is an event to watchers.
import { addDuration } from '../../schema/display-windows';
import { todayIso } from '../../schema/today';
import { ObjectionService } from '../../objections/objection-service';
import { pdfText } from './pdf-text';
import { startTestSystem, type TestSystem } from './harness';
import { adverseChanges, submitPenalty } from './adverse-records';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(async () => {
  await system?.stop();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n').toString('base64');
const FILE = `mutation($r: ID!, $g: String!, $e: [EvidenceInput!]) { fileAdverseObjection(recordId: $r, grounds: $g, evidence: $e) { id status filedAt dueAt grounds evidence { name contentType size } } }`;
const DECIDE = `mutation($o: ID!, $d: ObjectionOutcome!, $why: String!) { decideAdverseObjection(objectionId: $o, decision: $d, reasons: $why) { id status decision { reasons } } }`;
const MARKED = `query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { id fineAmount objection { status dueAt grounds overdue } } } }`;

interface Filed {
  fileAdverseObjection: { id: string; status: string; filedAt: string; dueAt: string; grounds: string | null; evidence: { name: string; contentType: string; size: number }[] | null };
}
interface Marked {
  enterprise: { administrativePenalties: { id: string; fineAmount: string | null; objection: { status: string; dueAt: string; grounds: string | null; overdue: boolean } | null }[] };
}

const uscc = () => system.enterprise(0).directory.uscc;
const penalty = (no: string, fineAmount: string) => ({
  uscc: uscc(),
  decisionNo: `渝市监罚〔2026〕异议${no}号`,
  decidedOn: todayIso(),
  authority: '重庆市市场监督管理局',
  violation: '虚假宣传',
  penaltyTypes: ['FINE'],
  fineAmount,
  severity: 'GENERAL',
});

const submit = (batchId: string, record: Record<string, unknown>) => submitPenalty(system, batchId, record);

describe('an objection', () => {
  it('is filed by the enterprise with evidence, marks the record for every audience, and is decided only by the submitting unit', async () => {
    const recordId = await submit('objection-1', penalty('1', '50000.00'));
    const debo = await userToken('ent-debo');
    const filed = await system.query<Filed>(FILE, { r: recordId, g: '罚款金额录入有误，应为5000元', e: [{ name: '决定书.pdf', base64: PDF }] }, debo, { purpose: null });
    expect(filed.errors).toBeUndefined();
    const objection = filed.data?.fileAdverseObjection;
    expect(objection).toMatchObject({ status: 'OPEN', grounds: '罚款金额录入有误，应为5000元', evidence: [{ name: '决定书.pdf', contentType: 'application/pdf' }] });
    // due at the end of the 20th calendar day (China Standard Time)
    expect(todayIso(new Date(new Date(objection?.dueAt ?? '').getTime() - 1))).toBe(addDuration(todayIso(new Date(objection?.filedAt ?? '')), 'P20D'));

    // a second one while it is open names the open one
    const again = await system.query(FILE, { r: recordId, g: '再次异议' }, debo, { purpose: null });
    expect(again.errors?.[0]).toMatchObject({ message: expect.stringMatching(/already has an open objection/), extensions: { code: 'BAD_USER_INPUT' } });

    // the public sees that it is disputed, not why; the submitting unit sees why
    const seenBy = async (token: string | undefined) =>
      (await system.query<Marked>(MARKED, { u: uscc() }, token, { purpose: token ? 'SUPERVISION' : null })).data?.enterprise.administrativePenalties.find((p) => p.id === recordId)?.objection;
    expect(await seenBy(undefined)).toMatchObject({ status: 'OPEN', grounds: null });
    expect(await seenBy(await serviceToken('svc-tax'))).toMatchObject({ status: 'OPEN', grounds: null });
    expect(await seenBy(await serviceToken('svc-aic-city'))).toMatchObject({ status: 'OPEN', grounds: '罚款金额录入有误，应为5000元' });

    // the unit's queue lists it with its due date; another agency's does not
    const queue = async (client: string) =>
      (await system.query<{ adverseObjections: { id: string; dueAt: string }[] }>('{ adverseObjections(status: OPEN) { id dueAt } }', {}, await serviceToken(client))).data?.adverseObjections.map(
        (o) => o.id,
      );
    expect(await queue('svc-aic-city')).toContain(objection?.id);
    expect(await queue('svc-tax')).not.toContain(objection?.id);

    // only the submitting unit decides; CORRECTED only once the corrected record is in
    const byTax = await system.query(DECIDE, { o: objection?.id, d: 'CONFIRMED', why: '无误' }, await serviceToken('svc-tax'));
    expect(byTax.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const aic = await serviceToken('svc-aic-city');
    const early = await system.query(DECIDE, { o: objection?.id, d: 'CORRECTED', why: '已更正' }, aic);
    expect(early.errors?.[0]).toMatchObject({ message: expect.stringMatching(/submit the corrected record first/), extensions: { code: 'BAD_USER_INPUT' } });
    await submit('objection-1-corrected', penalty('1', '5000.00'));
    const decided = await system.query<{ decideAdverseObjection: { status: string; decision: { reasons: string } } }>(DECIDE, { o: objection?.id, d: 'CORRECTED', why: '已核实并更正罚款金额' }, aic);
    expect(decided.data?.decideAdverseObjection).toMatchObject({ status: 'CORRECTED', decision: { reasons: '已核实并更正罚款金额' } });
    const after = (await system.query<Marked>(MARKED, { u: uscc() }, undefined, { purpose: null })).data?.enterprise.administrativePenalties.find((p) => p.id === recordId);
    expect(after).toMatchObject({ fineAmount: '5000.00', objection: { status: 'CORRECTED' } });
    // the unit's reasons are for the enterprise, the unit and administrators, as the grounds are
    const reasons = async (token: string | undefined) =>
      (
        await system.query<{ enterprise: { administrativePenalties: { id: string; objection: { decision: { reasons: string | null } | null } | null }[] } }>(
          'query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { id objection { decision { reasons } } } } }',
          { u: uscc() },
          token,
          { purpose: null },
        )
      ).data?.enterprise.administrativePenalties.find((p) => p.id === recordId)?.objection?.decision?.reasons;
    expect(await reasons(undefined)).toBeNull();
    expect(await reasons(debo)).toBe('已核实并更正罚款金额');
    const twice = await system.query(DECIDE, { o: objection?.id, d: 'CONFIRMED', why: '再次' }, aic);
    expect(twice.errors?.[0]?.message).toMatch(/already decided \(CORRECTED\)/);
  });

  it('is refused to another enterprise, and refuses evidence that is not what it claims', async () => {
    const recordId = await submit('objection-2', penalty('2', '800.00'));
    // to a caller who may not object to it, the record does not exist: the answer never tells that it does
    const jinxin = await system.query(FILE, { r: recordId, g: '不是我的' }, await userToken('ent-jinxin'), { purpose: null });
    expect(jinxin.errors?.[0]).toMatchObject({ message: 'recordId: no such record', extensions: { code: 'BAD_USER_INPUT' } });
    const unknown = await system.query(FILE, { r: `${recordId}-none`, g: '不存在' }, await userToken('ent-jinxin'), { purpose: null });
    expect(unknown.errors?.[0]?.message).toBe('recordId: no such record');
    // a member agency objects only to what it may read, stating why
    const noPurpose = await system.query(FILE, { r: recordId, g: '核查' }, await serviceToken('svc-tax'), { purpose: null });
    expect(noPurpose.errors?.[0]?.message).toBe('recordId: no such record');
    const fake = await system.query(FILE, { r: recordId, g: '证据', e: [{ name: 'scan.pdf', base64: Buffer.from('<script>alert(1)</script>').toString('base64') }] }, await userToken('ent-debo'), {
      purpose: null,
    });
    expect(fake.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^evidence\[0\]\.base64: a PDF, JPEG or PNG/), extensions: { code: 'BAD_USER_INPUT' } });
    const tooMany = await system.query(FILE, { r: recordId, g: '证据', e: Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, base64: PDF })) }, await userToken('ent-debo'), { purpose: null });
    expect(tooMany.errors?.[0]?.message).toMatch(/^evidence: at most 5 files/);
  });

  it('leaves a bidder check counting the disputed record, showing the objection, and is marked in the printed report', async () => {
    const recordId = await submit('objection-4', penalty('4', '3000.00'));
    const filed = await system.query<Filed>(FILE, { r: recordId, g: '处罚决定已被撤销' }, await userToken('ent-debo'), { purpose: null });
    const dueDay = todayIso(new Date(new Date(filed.data?.fileAdverseObjection.dueAt ?? '').getTime() - 1));
    const check = await system.query<{
      bidderCheck: { results: { verdict: string; hits: { recordId: string | null; verdict: string; objection: { status: string; dueAt: string; grounds: string | null } | null }[] }[] };
    }>(
      'query($c: [ID!]!) { bidderCheck(usccs: $c) { results { verdict hits { recordId verdict objection { status dueAt grounds } } } } }',
      { c: [uscc()] },
      await serviceToken('svc-bidding-platform'),
      { purpose: null },
    );
    expect(check.errors).toBeUndefined();
    const hit = check.data?.bidderCheck.results[0]?.hits.find((h) => h.recordId === recordId);
    // a GENERAL penalty of today warns (BR10), objection or not; the platform sees the dispute, not its grounds
    expect(hit).toMatchObject({ verdict: 'WARN', objection: { status: 'OPEN', grounds: null } });

    const res = await fetch(`${system.gateway.url.replace(/\/graphql$/, '')}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/pdf', authorization: `Bearer ${await serviceToken('svc-tax')}`, 'x-query-purpose': 'SUPERVISION' },
      body: JSON.stringify({ uscc: uscc() }),
    });
    expect(res.status).toBe(201);
    const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s/g, '');
    expect(text).toContain(`【异议处理中：${todayIso()}提出，${dueDay}前答复】`);
  });

  it('not decided in 20 days is overdue on day 21: marked, handed to the credit administration, and announced', async () => {
    const recordId = await submit('objection-3', penalty('3', '1200.00'));
    const filed = await system.query<Filed>(FILE, { r: recordId, g: '已缴清罚款' }, await userToken('ent-debo'), { purpose: null });
    const id = filed.data?.fileAdverseObjection.id ?? '';
    const service = new ObjectionService(system.subgraphs.adverse.storage, 'ADVERSE');
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    expect(await service.sweepOverdue(day(19))).toBe(0);
    expect(await service.sweepOverdue(day(21))).toBeGreaterThanOrEqual(1);
    expect(await service.sweepOverdue(day(21))).toBe(0);
    const admin = await system.query<{ adverseObjections: { id: string; overdue: boolean }[] }>(
      '{ adverseObjections(status: OPEN, first: 500) { id overdue } }',
      {},
      await serviceToken('svc-credit-admin'),
    );
    expect(admin.data?.adverseObjections.find((o) => o.id === id)).toEqual({ id, overdue: true });
    // and a line of the data-quality report names the unit that let it run over
    const quality = await system.query<{ dataQualityReport: { adverseOverdueObjections: { agency: string; region: string; count: number }[] } }>(
      'query($d: Date!) { dataQualityReport(from: $d, to: $d) { adverseOverdueObjections { agency region count } } }',
      { d: todayIso() },
      await serviceToken('svc-credit-admin'),
    );
    expect(quality.errors).toBeUndefined();
    expect(quality.data?.dataQualityReport.adverseOverdueObjections.find((l) => l.agency === 'aic' && l.region === '500000')?.count).toBeGreaterThanOrEqual(1);
    // the events of every step, in the outbox the dispatcher delivers from
    expect(await adverseChanges(system, recordId)).toEqual(['CREATED', 'OBJECTION_FILED', 'OBJECTION_OVERDUE']);
  });
});
