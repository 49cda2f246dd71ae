// Special credit reports (专项信用报告, 发改财金〔2025〕565号): the enterprise chooses domains and a
// period of at most five years; the report lists each domain's records in the period (repaired
// ones marked), or says none were recorded, or names a domain this system does not hold as not
// covered; it is signed with its scope and verifiable like any report, and only the enterprise
// itself obtains one.
import { todayIso } from '../../schema/today';
import { REPORT_DOMAINS } from '../../schema/catalogue';
import { pdfText } from './pdf-text';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';
import { submitPenalty } from './adverse-records';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(async () => {
  await system?.stop();
});

const gateway = () => system.gateway.url.replace(/\/graphql$/, '');
const daysAgo = (n: number) => todayIso(new Date(Date.now() - n * 86_400_000));

async function special(token: string | undefined, uscc: string, scope: { domains: string[]; from: string; to: string }, accept = 'application/pdf') {
  return fetch(`${gateway()}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ uscc, special: scope }),
  });
}

describe('a special credit report', () => {
  it("lists the chosen domains' records in the period, repaired ones marked, names what is not covered, and verifies with its scope", async () => {
    const uscc = system.enterprise(0).directory.uscc;
    const penalty = (no: string, decidedOn: string) => ({
      uscc,
      decisionNo: `渝市监罚〔2026〕专项${no}号`,
      decidedOn,
      authority: '重庆市市场监督管理局',
      violation: '虚假宣传',
      penaltyTypes: ['FINE'],
      fineAmount: '3000.00',
      severity: 'GENERAL',
    });
    const inPeriod = await submitPenalty(system, 'special-1', penalty('1', daysAgo(130)));
    await submitPenalty(system, 'special-2', penalty('2', daysAgo(800)));
    const repaired = await system.query(
      'mutation($id: ID!, $on: Date!) { repairAdverseRecord(recordId: $id, repairedOn: $on, reason: "已整改并缴清罚款") { change } }',
      { id: inPeriod, on: todayIso() },
      await serviceToken('svc-aic-city'),
    );
    expect(repaired.errors).toBeUndefined();

    const debo = await userToken('ent-debo');
    const res = await special(debo, uscc, { domains: ['MARKET_REGULATION', 'WORK_SAFETY'], from: daysAgo(365), to: todayIso() });
    expect(res.status).toBe(201);
    const number = res.headers.get('x-report-number') ?? '';
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdfText(pdf).replace(/\s/g, '');
    expect(text).toContain('专项信用报告');
    expect(text).toContain(`报告期间：${daysAgo(365)}至${todayIso()}`);
    // the required domains come first, whatever was chosen; then the chosen ones
    expect(text).toContain('1.行政处罚（含简易程序）');
    expect(text).toContain('2.行政强制');
    expect(text).toContain('5.市场监管');
    // in the period and repaired: listed with its mark; before the period: not listed
    expect(text).toContain(`【已信用修复${todayIso()}】`);
    expect(text).toContain('渝市监罚〔2026〕专项1号');
    expect(text).not.toContain('渝市监罚〔2026〕专项2号');
    // a domain this system does not hold is named as not covered, never as clean
    expect(text).toContain('〔不在本系统归集范围〕行政强制措施信息未归集到本系统');
    expect(text).toContain('〔不在本系统归集范围〕应急管理部门不是本系统成员单位');

    const verified = await fetch(`${gateway()}/reports/verify?number=${encodeURIComponent(number)}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf });
    const verdict = (await verified.json()) as { genuine: boolean; report: { version: string }; attestation: { facts: { scope: { domains: string[]; from: string; to: string } } } };
    expect(verdict.genuine).toBe(true);
    expect(verdict.report.version).toBe('SPECIAL');
    expect(verdict.attestation.facts.scope).toEqual({
      domains: REPORT_DOMAINS.filter((d) => d.required || ['MARKET_REGULATION', 'WORK_SAFETY'].includes(d.code)).map((d) => d.code),
      from: daysAgo(365),
      to: todayIso(),
    });
  });

  it('states "none recorded" for a domain read and empty', async () => {
    const jinxin = system.enterprise(3).directory.uscc;
    const token = await userToken('ent-jinxin');
    // what the enterprise itself reads of its customs-sourced penalties and licence revocations
    const own = await system.query<{ enterprise: { administrativePenalties: { agency: string }[]; licenceRevocations: { agency: string }[] } }>(
      'query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { agency } licenceRevocations { agency } } }',
      { u: jinxin },
      token,
      { purpose: null },
    );
    expect(own.errors).toBeUndefined();
    const customs = [...(own.data?.enterprise.administrativePenalties ?? []), ...(own.data?.enterprise.licenceRevocations ?? [])].filter((r) => r.agency === 'customs');
    const res = await special(token, jinxin, { domains: ['CUSTOMS'], from: daysAgo(30), to: todayIso() });
    expect(res.status).toBe(201);
    const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s/g, '');
    // the demo enterprise 3 has no customs records: the domain was read and is empty
    expect(customs).toEqual([]);
    expect(text).toMatch(/海关报告期内，本系统未记录该领域的违法违规信息。/);
  });

  it('is for the enterprise itself, about itself, over at most five years of known domains', async () => {
    const uscc = system.enterprise(0).directory.uscc;
    const scope = { domains: ['TAXATION'], from: daysAgo(30), to: todayIso() };
    const byAgency = await special(await serviceToken('svc-tax'), uscc, scope, 'application/json');
    expect(byAgency.status).toBe(403);
    const anonymous = await special(undefined, uscc, scope, 'application/json');
    expect(anonymous.status).toBe(401);
    const aboutAnother = await special(await userToken('ent-jinxin'), uscc, scope, 'application/json');
    expect(aboutAnother.status).toBe(403);
    const debo = await userToken('ent-debo');
    const tooLong = await special(debo, uscc, { ...scope, from: daysAgo(5 * 366) }, 'application/json');
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^special\.from: a special report covers at most the last 5 years/);
    const unknown = await special(debo, uscc, { ...scope, domains: ['NO_SUCH'] }, 'application/json');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/^special\.domains: 'NO_SUCH' is not a domain/);
    const future = await special(debo, uscc, { ...scope, to: '2999-01-01' }, 'application/json');
    expect(future.status).toBe(400);
    // named by registration number: refused before anything is read, since that might be another's
    const byNumber = await fetch(`${gateway()}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${debo}` },
      body: JSON.stringify({ registrationNo: '500000000000001', special: scope }),
    });
    expect(byNumber.status).toBe(400);
  });
});
