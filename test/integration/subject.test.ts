// The enterprise's own rights, signed in as itself (credit-subject, bound by an administrator to
// its unified social credit code): it reads its whole record, whatever each indicator's level and
// display window, with other persons' ID numbers masked; it sees who queried it (agencies and
// purposes, never officers); and nothing of this opens another enterprise's record to it.
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(async () => {
  await system?.stop();
});

// the demo accounts: ent-debo speaks for enterprise 0 (adverse records), ent-jinxin for enterprise 3
const OWN = 'query($u: ID!) { enterprise(uscc: $u) { uscc administrativePenalties { decisionNo severity } totalAssets { year amount } legalRepresentative { name idNumber } } }';

interface Profile {
  enterprise: {
    administrativePenalties: { decisionNo: string; severity: string }[] | null;
    totalAssets: { year: number; amount: string }[] | null;
    legalRepresentative: { name: string; idNumber: string | null } | null;
  };
}

const gateway = () => system.gateway.url.replace(/\/graphql$/, '');

describe('an enterprise signed in as itself', () => {
  it('reads its whole record without a query purpose: member-level figures, penalties outside public display, its representative with the ID number masked', async () => {
    const debo = await userToken('ent-debo');
    const own = system.enterprise(0);
    const res = await system.query<Profile>(OWN, { u: own.directory.uscc }, debo, { purpose: null });
    expect(res.errors).toBeUndefined();
    // the MINOR penalty of 2023 is not public; its subject sees it (within the 5-year retention)
    const penalties = own.records.adverse.filter((r) => r.ind === 'AD01').map((r) => r.data['decisionNo']);
    expect(res.data?.enterprise.administrativePenalties?.map((p) => p.decisionNo).sort()).toEqual(penalties.sort());
    expect(penalties.length).toBeGreaterThan(0);
    const assets = own.records.economic.filter((r) => r.ind === 'EC01');
    expect(res.data?.enterprise.totalAssets).toHaveLength(assets.length);
    const idNumber = res.data?.enterprise.legalRepresentative?.idNumber ?? '';
    expect(idNumber).toMatch(/^\d{6}\*+[\dX]{4}$/);

    const anonymous = await system.query<Profile>(OWN, { u: own.directory.uscc }, undefined, { purpose: null });
    expect(anonymous.data?.enterprise.administrativePenalties ?? []).toEqual([]);
  });

  it("reads another enterprise's record as the public does: member-level data refused, by name", async () => {
    const jinxin = await userToken('ent-jinxin');
    const other = system.enterprise(0).directory.uscc;
    const res = await system.query<Profile>(OWN, { u: other }, jinxin, { purpose: null });
    expect(res.data?.enterprise.totalAssets ?? null).toBeNull();
    expect(res.errors?.find((e) => e.path?.includes('totalAssets'))?.extensions?.['code']).toBe('FORBIDDEN');
    expect(res.data?.enterprise.administrativePenalties ?? []).toEqual([]);
    // a purpose does not open it either: the account is no member agency
    const withPurpose = await system.query<Profile>(OWN, { u: other }, jinxin, { purpose: 'SUPERVISION' });
    expect(withPurpose.errors?.find((e) => e.path?.includes('totalAssets'))?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('sees which agencies queried it, for what purpose, by day; never officers, never another enterprise', async () => {
    const own = system.enterprise(0).directory.uscc;
    await system.query(OWN, { u: own }, await serviceToken('svc-tax'), { purpose: 'SUPERVISION' });
    await system.query(OWN, { u: system.enterprise(3).directory.uscc }, await serviceToken('svc-court'), { purpose: 'SUPERVISION' });
    const read = async (username: string) => {
      const res = await fetch(`${gateway()}/subject/queries`, { headers: { authorization: `Bearer ${await userToken(username)}` } });
      return { status: res.status, body: (await res.json()) as { enterprise: string; queries: { date: string; agency: string; purpose: string; count: number }[] } };
    };
    const debo = await read('ent-debo');
    expect(debo.status).toBe(200);
    expect(debo.body.enterprise).toBe(own);
    expect(debo.body.queries).toEqual(expect.arrayContaining([expect.objectContaining({ agency: 'tax', purpose: 'SUPERVISION' })]));
    expect(debo.body.queries.some((q) => q.agency === 'court')).toBe(false);
    // its own reads are not "queries by agencies", and no line names a person
    expect(JSON.stringify(debo.body)).not.toMatch(/ent-debo|tax-officer|service-account|subject/);
    const jinxin = await read('ent-jinxin');
    expect(jinxin.body.queries.map((q) => q.agency)).toEqual(['court']);
  });

  it('gets its own credit report as the subject version (自查版), without a purpose; of another enterprise, the public one', async () => {
    const issue = async (uscc: string) => {
      const res = await fetch(`${gateway()}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await userToken('ent-debo')}` },
        body: JSON.stringify({ uscc }),
      });
      return { status: res.status, body: (await res.json()) as { number: string; version: string; attestation: { facts: { version: string; uscc: string } } } };
    };
    const own = await issue(system.enterprise(0).directory.uscc);
    expect(own.status).toBe(201);
    expect(own.body.version).toBe('SUBJECT');
    expect(own.body.attestation.facts).toMatchObject({ version: 'SUBJECT', uscc: system.enterprise(0).directory.uscc });
    const other = await issue(system.enterprise(3).directory.uscc);
    expect(other.status).toBe(201);
    expect(other.body.version).toBe('PUBLIC');
  });

  it('attaches a statement (本人声明) to its own adverse record: members read it, the public sees that there is one, no one else may make one', async () => {
    const own = system.enterprise(0);
    const record = (await system.stored('adverse', 'AD01', [own.directory.uscc]))[0];
    if (!record) throw new Error('enterprise 0 has an AD01 record in the demo data');
    const MAKE = 'mutation($r: ID!, $t: String!) { makeAdverseStatement(recordId: $r, text: $t) { text at } }';
    const made = await system.query<{ makeAdverseStatement: { text: string } }>(MAKE, { r: record.id, t: '该处罚已于当月整改完毕并缴清罚款' }, await userToken('ent-debo'), { purpose: null });
    expect(made.data?.makeAdverseStatement.text).toBe('该处罚已于当月整改完毕并缴清罚款');
    const read = async (token: string | undefined, purpose: string | null) =>
      (
        await system.query<{ enterprise: { administrativePenalties: { id: string; statement: { text: string | null } | null }[] } }>(
          'query($u: ID!) { enterprise(uscc: $u) { administrativePenalties { id statement { text } } } }',
          { u: own.directory.uscc },
          token,
          { purpose },
        )
      ).data?.enterprise.administrativePenalties.find((p) => p.id === record.id)?.statement;
    expect(await read(await serviceToken('svc-court'), 'SUPERVISION')).toEqual({ text: '该处罚已于当月整改完毕并缴清罚款' });
    expect(await read(await userToken('ent-debo'), null)).toEqual({ text: '该处罚已于当月整改完毕并缴清罚款' });
    // another enterprise and a member agency may not make one; a text too long is refused by name
    // to anyone else the record is not there: the answer never tells that it exists
    expect((await system.query(MAKE, { r: record.id, t: '不是我的' }, await userToken('ent-jinxin'), { purpose: null })).errors?.[0]?.message).toBe(
      'recordId: no such adverse record of your enterprise',
    );
    expect((await system.query(MAKE, { r: record.id, t: '代为声明' }, await serviceToken('svc-tax'))).errors?.[0]?.message).toBe('recordId: no such adverse record of your enterprise');
    // a member reads the text with a purpose (member data), not without
    expect(await read(await serviceToken('svc-court'), null)).toEqual({ text: null });
    expect((await system.query(MAKE, { r: record.id, t: '长'.repeat(501) }, await userToken('ent-debo'), { purpose: null })).errors?.[0]?.message).toMatch(/^text: 1 to 500 characters/);
  });

  it('is refused to anyone but an enterprise signed in as itself', async () => {
    const anonymous = await fetch(`${gateway()}/subject/queries`);
    expect(anonymous.status).toBe(401);
    const member = await fetch(`${gateway()}/subject/queries`, { headers: { authorization: `Bearer ${await serviceToken('svc-tax')}` } });
    expect(member.status).toBe(403);
    expect(((await member.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/credit-subject/);
  });
});
