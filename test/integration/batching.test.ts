// Entity fetches are batched: 500 enterprises cost each subgraph one fetch from the gateway and
// one database statement per table it reads, counted by the storage adapter.
import { SUBGRAPHS } from '../../subgraphs/index';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(500);
});
afterAll(() => system?.stop());

it('resolves 500 enterprises across four subgraphs with a constant number of fetches and commands', async () => {
  const token = await serviceToken('svc-credit-admin');
  const codes = Array.from({ length: 500 }, (_, i) => system.enterprise(i).directory.uscc);
  const counters = Object.fromEntries(
    SUBGRAPHS.map((s) => {
      const { storage, running } = system.subgraphs[s.name];
      running.requests.count = 0;
      storage.statements.reset();
      return [s.name, storage.statements];
    }),
  );
  const res = await system.query<{ enterprises: { uscc: string; legalRepresentative: { name: string } | null }[] }>(
    `query($c: [ID!]!) { enterprises(usccs: $c) {
      uscc name legalRepresentative { name } operatingStatus { status }
      administrativePenalties { decisionNo } taxArrears { active }
      qualificationGrades { grade } taxCreditRatings { grade }
      totalAssets { amount } insuredEmployees { count }
    } }`,
    { c: codes },
    token,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.enterprises.map((e) => e.uscc)).toEqual(codes);
  expect(res.data?.enterprises.every((e) => e.legalRepresentative !== null)).toBe(true);

  const requests = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, system.subgraphs[s.name].running.requests.count]));
  const commands = Object.fromEntries(Object.entries(counters).map(([name, c]) => [name, c.count]));
  expect(requests).toEqual({ identity: 1, adverse: 1, reputation: 1, economic: 1 });
  // identity reads the enterprise directory and the records table; the others, records only
  expect(commands).toEqual({ identity: 2, adverse: 1, reputation: 1, economic: 1 });
});
