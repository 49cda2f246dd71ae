// Credit repair applications (信用修复申请) and credit commitments (信用承诺): the enterprise applies
// once the shortest display period has passed, with proof and a public commitment; only the unit
// that decided the record approves or refuses; an approved application repairs the record at once
// (it leaves public display and stops counting in bidder checks); a refused one may be followed by
// a new one. Commitments are public; an agency records one broken.
import { addDuration } from '../../schema/display-windows';
import { addWorkingDays, endOfDay, todayIso } from '../../schema/today';
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
const APPLY = `mutation($r: ID!, $m: String!, $e: [EvidenceInput!]!, $c: String!) {
  applyForCreditRepair(recordId: $r, measures: $m, evidence: $e, commitment: $c) { id status filedAt dueAt measures commitmentId evidence { name } } }`;
const DECIDE = `mutation($a: ID!, $d: RepairOutcome!, $why: String!) { decideCreditRepair(applicationId: $a, decision: $d, reasons: $why) { id status decision { reasons } } }`;
const PENALTIES = `query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { id repairedOn repairApplication { id status measures decision { reasons } } } } }`;

interface Applied {
  applyForCreditRepair: { id: string; status: string; filedAt: string; dueAt: string; measures: string | null; commitmentId: string };
}
interface Penalties {
  enterprise: {
    administrativePenalties: {
      id: string;
      repairedOn: string | null;
      repairApplication: { id: string; status: string; measures: string | null; decision: { reasons: string | null } | null } | null;
    }[];
  };
}

const uscc = () => system.enterprise(0).directory.uscc;
const daysAgo = (n: number) => todayIso(new Date(Date.now() - n * 86_400_000));
const penalty = (no: string, decidedOn: string) => ({
  uscc: uscc(),
  decisionNo: `渝市监罚〔2026〕修复${no}号`,
  decidedOn,
  authority: '重庆市市场监督管理局',
  violation: '未按规定公示年度报告',
  penaltyTypes: ['FINE'],
  fineAmount: '2000.00',
  severity: 'GENERAL',
});

const submit = (batchId: string, record: Record<string, unknown>) => submitPenalty(system, batchId, record);

const penaltyAs = async (recordId: string, token: string | undefined) =>
  (await system.query<Penalties>(PENALTIES, { u: uscc() }, token, { purpose: token ? 'SUPERVISION' : null })).data?.enterprise.administrativePenalties.find((p) => p.id === recordId);

describe('a repair application', () => {
  it('is refused before the shortest display period has passed, naming the day it becomes possible, and without proof', async () => {
    const recordId = await submit('repair-early', penalty('early', todayIso()));
    const debo = await userToken('ent-debo');
    const early = await system.query(APPLY, { r: recordId, m: '已缴纳罚款', e: [{ name: '缴款凭证.pdf', base64: PDF }], c: '本企业承诺依法诚信经营' }, debo, { purpose: null });
    // GENERAL: 3 months after the decision (信用修复管理办法)
    expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(early.errors?.[0]?.message).toContain(`repair can be applied for from ${addDuration(todayIso(), 'P3M')}`);
    const old = await submit('repair-noproof', penalty('noproof', daysAgo(130)));
    const noProof = await system.query(APPLY, { r: old, m: '已缴纳罚款', e: [], c: '本企业承诺依法诚信经营' }, debo, { purpose: null });
    expect(noProof.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^evidence: attach proof/), extensions: { code: 'BAD_USER_INPUT' } });
    // another enterprise, and an agency, cannot apply: the record reads as absent
    const jinxin = await system.query(APPLY, { r: old, m: 'x', e: [{ name: 'a.pdf', base64: PDF }], c: 'x' }, await userToken('ent-jinxin'), { purpose: null });
    expect(jinxin.errors?.[0]?.message).toBe('recordId: no such adverse record of your enterprise');
    const agency = await system.query(APPLY, { r: old, m: 'x', e: [{ name: 'a.pdf', base64: PDF }], c: 'x' }, await serviceToken('svc-aic-city'), { purpose: null });
    expect(agency.errors?.[0]?.message).toBe('recordId: no such adverse record of your enterprise');
  });

  it('goes to the deciding unit; refused, it may be filed again; approved, the record is repaired and leaves public display and the bidder check', async () => {
    const recordId = await submit('repair-1', penalty('1', daysAgo(130)));
    const debo = await userToken('ent-debo');
    const aic = await serviceToken('svc-aic-city');
    // visible to the public before (a GENERAL penalty within its year), and it counts for bidders
    expect(await penaltyAs(recordId, undefined)).toBeDefined();
    const bidderHits = async () =>
      (
        await system.query<{ bidderCheck: { results: { hits: { recordId: string | null }[] }[] } }>(
          'query($c: [ID!]!) { bidderCheck(usccs: $c) { results { hits { recordId } } } }',
          { c: [uscc()] },
          await serviceToken('svc-bidding-platform'),
          { purpose: null },
        )
      ).data?.bidderCheck.results[0]?.hits.map((h) => h.recordId);
    expect(await bidderHits()).toContain(recordId);

    const first = await system.query<Applied>(APPLY, { r: recordId, m: '已缴纳罚款并补报年度报告', e: [{ name: '缴款凭证.pdf', base64: PDF }], c: '本企业承诺今后按时公示年度报告' }, debo, {
      purpose: null,
    });
    expect(first.errors).toBeUndefined();
    const application = first.data?.applyForCreditRepair;
    expect(application).toMatchObject({ status: 'PENDING', measures: '已缴纳罚款并补报年度报告' });
    // due at the end of the 10th working day (国办发〔2025〕22号)
    expect(application?.dueAt).toBe(endOfDay(addWorkingDays(todayIso(new Date(application?.filedAt ?? '')), 10)).toISOString());
    const again = await system.query(APPLY, { r: recordId, m: '再次', e: [{ name: 'a.pdf', base64: PDF }], c: '承诺' }, debo, { purpose: null });
    expect(again.errors?.[0]?.message).toMatch(/already has a pending repair application/);

    // the deciding unit's queue has it, another agency's does not; only the deciding unit decides
    const queue = async (client: string) =>
      (await system.query<{ creditRepairApplications: { id: string }[] }>('{ creditRepairApplications(status: PENDING) { id } }', {}, await serviceToken(client))).data?.creditRepairApplications.map(
        (a) => a.id,
      );
    expect(await queue('svc-aic-city')).toContain(application?.id);
    expect(await queue('svc-tax')).not.toContain(application?.id);
    const byTax = await system.query(DECIDE, { a: application?.id, d: 'APPROVED', why: '同意' }, await serviceToken('svc-tax'));
    expect(byTax.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const byDebo = await system.query(DECIDE, { a: application?.id, d: 'APPROVED', why: '同意' }, debo);
    expect(byDebo.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const refused = await system.query<{ decideCreditRepair: { status: string } }>(DECIDE, { a: application?.id, d: 'REFUSED', why: '未提供年度报告补报回执' }, aic);
    expect(refused.data?.decideCreditRepair.status).toBe('REFUSED');
    // the enterprise reads the reasons; the public sees no application at all
    expect((await penaltyAs(recordId, debo))?.repairApplication).toMatchObject({ status: 'REFUSED', decision: { reasons: '未提供年度报告补报回执' } });
    expect((await penaltyAs(recordId, undefined))?.repairApplication).toBeNull();
    expect((await penaltyAs(recordId, undefined))?.repairedOn).toBeNull();

    const second = await system.query<Applied>(
      APPLY,
      { r: recordId, m: '已补报年度报告', e: [{ name: '回执.png', base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString('base64') }], c: '本企业承诺今后按时公示年度报告' },
      debo,
      {
        purpose: null,
      },
    );
    expect(second.errors).toBeUndefined();
    const approved = await system.query<{ decideCreditRepair: { status: string } }>(DECIDE, { a: second.data?.applyForCreditRepair.id, d: 'APPROVED', why: '材料齐全，同意修复' }, aic);
    expect(approved.data?.decideCreditRepair.status).toBe('APPROVED');

    // repaired today: members see 已修复 (repairedOn), the public no longer sees the record
    expect(await penaltyAs(recordId, await serviceToken('svc-tax'))).toMatchObject({ repairedOn: todayIso(), repairApplication: { status: 'APPROVED', measures: null } });
    expect(await penaltyAs(recordId, undefined)).toBeUndefined();
    expect(await bidderHits()).not.toContain(recordId);
    const twice = await system.query(DECIDE, { a: second.data?.applyForCreditRepair.id, d: 'REFUSED', why: '再次' }, aic);
    expect(twice.errors?.[0]?.message).toMatch(/already decided \(APPROVED\)/);
    const repairedAgain = await system.query(APPLY, { r: recordId, m: 'x', e: [{ name: 'a.pdf', base64: PDF }], c: 'x' }, debo, { purpose: null });
    expect(repairedAgain.errors?.[0]?.message).toBe(`recordId: this record was repaired on ${todayIso()}`);

    // every step is an event for watchers, REPAIRED among them
    expect(await adverseChanges(system, recordId)).toEqual(['CREATED', 'REPAIR_APPLIED', 'REPAIR_REFUSED', 'REPAIR_APPLIED', 'REPAIRED']);

    // the commitments made with both applications are public; which record they go with, only for the enterprise and members
    const commitmentsAs = async (token: string | undefined) =>
      (
        await system.query<{ enterprise: { creditCommitments: { id: string; type: string; text: string; recordId: string | null; recipientAgency: string | null }[] } }>(
          'query($u: ID!) { enterprise(uscc: $u) { creditCommitments { id type text recordId recipientAgency } } }',
          { u: uscc() },
          token,
          { purpose: null },
        )
      ).data?.enterprise.creditCommitments ?? [];
    const ids = [first.data?.applyForCreditRepair.commitmentId, second.data?.applyForCreditRepair.commitmentId];
    const own = (await commitmentsAs(debo)).filter((c) => ids.includes(c.id));
    expect(own).toHaveLength(2);
    expect(own[0]).toMatchObject({ type: 'REPAIR', text: '本企业承诺今后按时公示年度报告', recordId, recipientAgency: 'aic' });
    const seenByPublic = (await commitmentsAs(undefined)).filter((c) => ids.includes(c.id));
    expect(seenByPublic.map((c) => ({ text: c.text, recordId: c.recordId, recipientAgency: c.recipientAgency }))).toEqual([
      { text: '本企业承诺今后按时公示年度报告', recordId: null, recipientAgency: null },
      { text: '本企业承诺今后按时公示年度报告', recordId: null, recipientAgency: null },
    ]);
  });
});

describe('a repair decision', () => {
  it('is taken by a clerk of the deciding unit, refused once the record was corrected after the application, and possible to refuse for a withdrawn record', async () => {
    const debo = await userToken('ent-debo');
    const aic = await serviceToken('svc-aic-city');
    const apply = async (recordId: string) =>
      (await system.query<Applied>(APPLY, { r: recordId, m: '已缴纳罚款', e: [{ name: '凭证.pdf', base64: PDF }], c: '承诺守法经营' }, debo, { purpose: null })).data?.applyForCreditRepair.id;

    // corrected after the application: the application no longer speaks for the record as it stands
    const corrected = penalty('3', daysAgo(130));
    const correctedId = await submit('repair-3', corrected);
    const early = await apply(correctedId);
    await submit('repair-3-corrected', { ...corrected, fineAmount: '1500.00' });
    const stale = await system.query(DECIDE, { a: early, d: 'APPROVED', why: '同意' }, aic);
    expect(stale.errors?.[0]).toMatchObject({ message: expect.stringMatching(/submitted again \(corrected\) after this application/), extensions: { code: 'BAD_USER_INPUT' } });
    // a clerk of the unit (submitter role, not member) decides and reads the answer
    const byClerk = await system.query<{ decideCreditRepair: { status: string; decision: { reasons: string | null } } | null }>(
      'mutation($a: ID!, $d: RepairOutcome!, $why: String!) { decideCreditRepair(applicationId: $a, decision: $d, reasons: $why) { status decision { reasons } } }',
      { a: early, d: 'REFUSED', why: '记录已更正，请重新申请' },
      await userToken('aic-clerk'),
    );
    expect(byClerk.errors).toBeUndefined();
    expect(byClerk.data?.decideCreditRepair).toEqual({ status: 'REFUSED', decision: { reasons: '记录已更正，请重新申请' } });

    // withdrawn while pending: it cannot be approved, and it can be refused
    const withdrawnId = await submit('repair-4', penalty('4', daysAgo(130)));
    const pending = await apply(withdrawnId);
    const withdrawn = await system.query('mutation($id: ID!) { withdrawAdverseRecord(recordId: $id, reason: "决定已撤销") { change } }', { id: withdrawnId }, aic);
    expect(withdrawn.errors).toBeUndefined();
    const approve = await system.query(DECIDE, { a: pending, d: 'APPROVED', why: '同意' }, aic);
    expect(approve.errors?.[0]?.message).toMatch(/the record was withdrawn/);
    const refuse = await system.query<{ decideCreditRepair: { status: string } }>(DECIDE, { a: pending, d: 'REFUSED', why: '记录已撤回' }, aic);
    expect(refuse.data?.decideCreditRepair.status).toBe('REFUSED');
  });
});

describe('a credit commitment', () => {
  const MAKE =
    'mutation($t: OwnCommitmentType!, $x: String!, $r: CommitmentRecipient) { makeCreditCommitment(type: $t, text: $x, recipient: $r) { id type text recipientAgency breach { decidedOn } } }';
  const BREACH =
    'mutation($c: ID!, $d: Date!, $why: String!) { recordCommitmentBreach(commitmentId: $c, decisionNo: "渝税决〔2026〕8号", decidedOn: $d, reasons: $why) { id breach { decisionNo decidedOn reasons agency } } }';

  it('is made by the enterprise itself, shown to the public, and found broken by an agency once', async () => {
    const debo = await userToken('ent-debo');
    const anonymous = await system.query(MAKE, { t: 'VOLUNTARY', x: '承诺' }, undefined, { purpose: null });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const byAgency = await system.query(MAKE, { t: 'VOLUNTARY', x: '承诺' }, await serviceToken('svc-tax'), { purpose: null });
    expect(byAgency.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const noRecipient = await system.query(MAKE, { t: 'NOTICE_AND_COMMITMENT', x: '承诺已取得消防安全检查合格' }, debo, { purpose: null });
    expect(noRecipient.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^recipient:/), extensions: { code: 'BAD_USER_INPUT' } });
    const badAgency = await system.query(MAKE, { t: 'NOTICE_AND_COMMITMENT', x: '承诺', r: { agency: 'nobody', region: '500000' } }, debo, { purpose: null });
    expect(badAgency.errors?.[0]?.message).toMatch(/^recipient\.agency:/);

    const made = await system.query<{ makeCreditCommitment: { id: string } }>(MAKE, { t: 'VOLUNTARY', x: '本企业承诺产品质量符合国家标准' }, debo, { purpose: null });
    expect(made.errors).toBeUndefined();
    const id = made.data?.makeCreditCommitment.id;
    const publicList = async () =>
      (
        await system.query<{ enterprise: { creditCommitments: { id: string; text: string; breach: { decidedOn: string; reasons: string } | null }[] } }>(
          'query($u: ID!) { enterprise(uscc: $u) { creditCommitments { id text breach { decidedOn reasons } } } }',
          { u: uscc() },
          undefined,
          { purpose: null },
        )
      ).data?.enterprise.creditCommitments.find((c) => c.id === id);
    expect(await publicList()).toEqual({ id, text: '本企业承诺产品质量符合国家标准', breach: null });

    const tax = await serviceToken('svc-tax');
    const future = await system.query(BREACH, { c: id, d: '2999-01-01', why: '抽检不合格' }, tax);
    expect(future.errors?.[0]?.message).toMatch(/^decidedOn:/);
    const byEnterprise = await system.query(BREACH, { c: id, d: todayIso(), why: '抽检不合格' }, debo);
    expect(byEnterprise.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    // one made to the public is found broken at city level, not by a district unit
    const byDistrict = await system.query(BREACH, { c: id, d: todayIso(), why: '抽检不合格' }, await serviceToken('svc-aic-yuzhong'));
    expect(byDistrict.errors?.[0]).toMatchObject({ message: expect.stringMatching(/city-level unit/), extensions: { code: 'FORBIDDEN' } });
    const broken = await system.query(BREACH, { c: id, d: todayIso(), why: '产品质量抽检不合格' }, tax);
    expect(broken.errors).toBeUndefined();
    expect(await publicList()).toEqual({ id, text: '本企业承诺产品质量符合国家标准', breach: { decidedOn: todayIso(), reasons: '产品质量抽检不合格' } });
    const twice = await system.query(BREACH, { c: id, d: todayIso(), why: '再次' }, tax);
    expect(twice.errors?.[0]?.message).toMatch(/already recorded as broken/);
  });
});
