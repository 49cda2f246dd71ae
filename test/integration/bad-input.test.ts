// Bad arguments get BAD_USER_INPUT naming the argument, never a 500 or a stack trace.
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(() => system?.stop());

/** Asked with a bidding platform's token: anonymous callers may not use every query. */
async function expectBadInput(query: string, variables: Record<string, unknown>, argument: RegExp): Promise<void> {
  const res = await system.query(query, variables, await serviceToken('svc-bidding-platform'));
  expect(res.status).toBe(200);
  const error = res.errors?.[0];
  expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(error?.message).toMatch(argument);
  expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+|mongodb:\/\/|postgres(ql)?:\/\/|127\.0\.0\.1/);
}

it('names an invalid USCC in enterprise(uscc:)', async () => {
  await expectBadInput('query($u: ID) { enterprise(uscc: $u) { name } }', { u: '91350100M000100Y44' }, /^uscc: .*not a valid unified social credit code/);
});

it('names an invalid registration number', async () => {
  await expectBadInput('query($r: String) { enterprise(registrationNo: $r) { name } }', { r: '500103000000001' }, /^registrationNo: .*not a valid registration number/);
});

it('asks for exactly one of uscc and registrationNo', async () => {
  await expectBadInput('{ enterprise { name } }', {}, /exactly one of uscc or registrationNo/);
});

it('names the position of an invalid code in enterprises(usccs:)', async () => {
  const good = system.enterprise(0).directory.uscc;
  await expectBadInput('query($c: [ID!]!) { enterprises(usccs: $c) { name } }', { c: [good, good, 'NOT-A-CODE'] }, /^usccs\[2\]: /);
});

it('refuses more than 1,000 codes in one query', async () => {
  const good = system.enterprise(0).directory.uscc;
  await expectBadInput('query($c: [ID!]!) { enterprises(usccs: $c) { name } }', { c: Array(1001).fill(good) }, /^usccs: at most 1000/);
});

it('names an unknown region, an empty query, a page size out of range and a foreign cursor', async () => {
  const search = 'query($q: String!, $r: String, $f: Int, $a: String) { searchEnterprises(query: $q, region: $r, first: $f, after: $a) { edges { cursor } } }';
  await expectBadInput(search, { q: '建筑', r: '110101' }, /^region: /);
  await expectBadInput(search, { q: '   ' }, /^query: must not be empty/);
  await expectBadInput(search, { q: '建筑', f: 0 }, /^first: must be between 1 and 1000/);
  await expectBadInput(search, { q: '建筑', a: 'bm90LWEtY3Vyc29y' }, /^after: /);
});

it('names a malformed Date argument, written inline or passed as a variable, before any subgraph is asked', async () => {
  const uscc = system.enterprise(0).directory.uscc;
  const token = await serviceToken('svc-bidding-platform');
  const literal = await system.query('query($u: ID!) { enterprise(uscc: $u) { administrativePenalties(since: "2024-02-30") { id } } }', { u: uscc });
  expect(literal.status).toBe(400);
  expect(literal.errors?.[0]).toMatchObject({
    message: expect.stringMatching(/^since: Date must be an ISO date YYYY-MM-DD; got "2024-02-30"/),
    extensions: { code: 'BAD_USER_INPUT', argument: 'since' },
  });
  const variable = await system.query('query($c: [ID!]!, $d: Date) { bidderCheck(usccs: $c, bidDate: $d) { bidDate } }', { c: [uscc], d: '2026-02-30' }, token);
  expect(variable.status).toBe(400);
  expect(variable.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^bidDate: Date must be an ISO date/), extensions: { code: 'BAD_USER_INPUT', argument: 'bidDate' } });
  expect(JSON.stringify(variable)).not.toMatch(/SUBGRAPH_ERROR|HTTP 400/);
  const fine = await system.query('query($c: [ID!]!, $d: Date) { bidderCheck(usccs: $c, bidDate: $d) { bidDate } }', { c: [uscc], d: '2026-02-28' }, token);
  expect(fine.errors).toBeUndefined();
});
