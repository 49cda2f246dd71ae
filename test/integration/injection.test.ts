// No client input reaches a database as anything but a value: operator and SQL injection through
// arguments, submitted records and the audit route is refused or treated as plain text.
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(() => system?.stop());

it('refuses operator objects in code arguments', async () => {
  const token = await serviceToken('svc-tax');
  for (const value of [{ $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }]) {
    // refused before anything runs: an object is not an ID, whatever its keys
    const one = await system.query('query($u: ID) { enterprise(uscc: $u) { uscc } }', { u: value }, token);
    expect(one.status).toBe(400);
    expect(one.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Variable "\$u" got invalid value .*ID cannot represent value/),
        extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) },
      }),
    ]);
    expect(one.data).toBeUndefined();
    const many = await system.query('query($c: [ID!]!) { enterprises(usccs: $c) { uscc } }', { c: [value] }, token);
    expect(many.status).toBe(400);
    expect(many.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Variable "\$c" got invalid value .* at "c\[0\]"; ID cannot represent value/),
        extensions: { code: 'BAD_USER_INPUT', requestId: expect.any(String) },
      }),
    ]);
    expect(many.data).toBeUndefined();
  }
});

it('treats regular-expression syntax in a search as literal text', async () => {
  for (const q of ['.*', '(a+)+$', '^重庆', '[\\s\\S]*']) {
    const res = await system.query<{ searchEnterprises: { edges: unknown[] } }>('query($q: String!) { searchEnterprises(query: $q, first: 5) { edges { node { uscc } } } }', { q });
    expect(res.errors).toBeUndefined();
    expect(res.data?.searchEnterprises.edges).toEqual([]);
  }
});

it('rejects operator objects inside submitted records and stores nothing from them', async () => {
  const tax = await serviceToken('svc-tax');
  const uscc = system.enterprise(0).directory.uscc;
  const res = await system.query<{ submitAdverseRecords: { accepted: number; rejections: { index: number; rule: string }[] } }>(
    'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "inject-1", indicator: "AD04", records: $r) { accepted rejections { index rule } } }',
    {
      r: [
        { uscc: { $ne: null }, announcedOn: '2026-03-01', taxType: 'X', arrearsAmount: '1.00' },
        { uscc, announcedOn: '2026-03-01', taxType: { $where: 'true' }, arrearsAmount: '1.00' },
        { uscc, announcedOn: { $gt: '' }, taxType: 'Y', arrearsAmount: '1.00' },
        { uscc, announcedOn: '2026-03-01', taxType: 'Z', arrearsAmount: '1.00', $set: { agency: 'court' } },
      ],
    },
    tax,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.submitAdverseRecords.accepted).toBe(0);
  expect(res.data?.submitAdverseRecords.rejections.map((r) => [r.index, r.rule])).toEqual([
    [0, 'F02'],
    [1, 'V01'],
    [2, 'V04'],
    [3, 'V06'],
  ]);
  // kept in quarantine as received, operators and all, as text
  const kept = (await system.subgraphs.adverse.storage.submissions.quarantined('tax:500000:inject-1')).find((q) => q.index === 3);
  expect(JSON.parse(String(kept?.record))).toMatchObject({ $set: { agency: 'court' } });
});

it('refuses operator syntax, repeated and unknown parameters in the audit route query string, naming them', async () => {
  const auditor = await userToken('credit-auditor');
  const base = system.gateway.url.replace(/\/graphql$/, '');
  const get = async (query: string) => {
    const res = await fetch(`${base}/audit/events?${query}`, { headers: { authorization: `Bearer ${auditor}` } });
    return { status: res.status, body: (await res.json()) as { events?: unknown[]; errors?: { message: string; extensions: { code: string } }[] } };
  };
  // dropped, the bracketed filter would have widened the search to every agency's events
  const operator = await get('agency[$ne]=nobody');
  expect(operator.status).toBe(400);
  expect(operator.body.events).toBeUndefined();
  expect(operator.body.errors?.[0]?.message).toMatch(/^agency\[\$ne\]: /);
  expect((await get('subject[$gt]=')).body.errors?.[0]?.message).toMatch(/^subject\[\$gt\]: /);
  expect((await get('agency=tax&agency=court')).body.errors?.[0]?.message).toMatch(/^agency: /);
  const unknown = await get('agencyy=tax');
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors?.[0]?.message).toMatch(/agencyy/);
  // the plain spelling is a filter
  const plain = await get('agency=tax&limit=5');
  expect(plain.status).toBe(200);
});

it('treats SQL in arguments and records as text, and refuses NUL and control characters in submitted text', async () => {
  const tax = await serviceToken('svc-tax');
  const uscc = system.enterprise(1).directory.uscc;
  const drop = "'; DROP TABLE records; --";
  const search = await system.query<{ searchEnterprises: { edges: unknown[] } }>('query($q: String!) { searchEnterprises(query: $q, first: 5) { edges { node { uscc } } } }', { q: drop });
  expect(search.errors).toBeUndefined();
  expect(search.data?.searchEnterprises.edges).toEqual([]);
  const res = await system.query<{ submitAdverseRecords: { accepted: number; acceptedIds: string[]; rejections: { index: number; rule: string; field: string }[] } }>(
    'mutation($r: [JSON!]!) { submitAdverseRecords(batchId: "inject-sql", indicator: "AD04", records: $r) { accepted acceptedIds rejections { index rule field } } }',
    {
      r: [
        { uscc, announcedOn: '2026-03-01', taxType: drop, arrearsAmount: '1.00' },
        { uscc, announcedOn: '2026-03-01', taxType: 'NUL\u0000inside', arrearsAmount: '1.00' },
        { uscc, announcedOn: '2026-03-01', taxType: 'bell\u0007', arrearsAmount: '1.00' },
        { uscc, announcedOn: '2026-03-01', taxType: 'ok', arrearsAmount: '1.00', 'key\u0000with NUL': 1 },
      ],
    },
    tax,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.submitAdverseRecords.accepted).toBe(1);
  expect(res.data?.submitAdverseRecords.rejections).toEqual([
    { index: 1, rule: 'V01', field: 'taxType' },
    { index: 2, rule: 'V01', field: 'taxType' },
    { index: 3, rule: 'V06', field: 'key\uFFFDwith NUL' },
  ]);
  const [stored] = await system.subgraphs.adverse.storage.records.findByIds(res.data?.submitAdverseRecords.acceptedIds ?? []);
  expect(stored?.data['taxType']).toBe(drop);
  // the refused records are kept as received, NUL and all
  const kept = await system.subgraphs.adverse.storage.submissions.quarantined('tax:500000:inject-sql');
  expect(JSON.parse(kept[0]?.record ?? '{}').taxType).toBe('NUL\u0000inside');
  // the table is still there
  expect((await system.stored('adverse', 'AD04', [uscc])).length).toBeGreaterThan(0);
});
