// Anonymous callers get the public queries only, at a bounded rate per address.
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(10, { GATEWAY_ANONYMOUS_PER_MINUTE: '5' });
});
afterAll(() => system?.stop());

it('limits anonymous callers to the public queries', async () => {
  const uscc = system.enterprise(0).directory.uscc;
  const bulk = await system.query('query($c: [ID!]!) { enterprises(usccs: $c) { name } }', { c: [uscc] });
  expect(bulk.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect(bulk.errors?.[0]?.message).toMatch(/^sign in to use enterprises/);
  const signedIn = await system.query<{ enterprises: { name: string }[] }>('query($c: [ID!]!) { enterprises(usccs: $c) { name } }', { c: [uscc] }, await serviceToken('svc-bidding-platform'));
  expect(signedIn.data?.enterprises[0]?.name).toBe(system.enterprise(0).directory.name);
});

it('answers 429 once an address exceeds its anonymous budget, and keeps serving signed-in callers', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await system.query('{ indicatorCatalogue { code } }')).status);
  // the first test used one anonymous request of this address's five
  expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
  expect(statuses.slice(4)).toEqual([429, 429]);
  const limited = await system.query('{ indicatorCatalogue { code } }');
  expect(limited.errors?.[0]?.message).toMatch(/too many anonymous requests/);
  const signedIn = await system.query('{ indicatorCatalogue { code } }', {}, await serviceToken('svc-tax'));
  expect(signedIn.status).toBe(200);
});
