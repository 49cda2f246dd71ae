// Entity fetches are batched: 500 enterprises cost each subgraph one fetch from the gateway and
// one database command per collection it reads, counted with the driver's command monitoring.
import { countCommands } from '../../subgraphs/common/mongo';
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
      const { database, running } = system.subgraphs[s.name];
      running.requests.count = 0;
      return [s.name, countCommands(database.client, database.db.databaseName)];
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
  for (const c of Object.values(counters)) c.stop();
  expect(requests).toEqual({ identity: 1, adverse: 1, reputation: 1, economic: 1 });
  // identity reads the enterprise directory and the records collection; the others, records only
  expect(commands).toEqual({ identity: 2, adverse: 1, reputation: 1, economic: 1 });
});
