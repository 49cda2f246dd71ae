// No disclosure without its query record, even on a crash: a gateway process is killed (SIGKILL)
// in the middle of a steady load of member queries, and every answer that carried member data
// has its audit event in the database. bench/audit-crash.ts runs the same for 20 rounds.
import { killGroup, startGatewayProcess } from './processes';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';
import { crashRound } from '../../bench/audit-crash-round';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(5);
});
afterAll(() => system?.stop());

it('finds an audit row for every member answer sent before a kill -9, in each of 3 rounds', async () => {
  const token = await serviceToken('svc-tax');
  const uscc = system.enterprise(0).directory.uscc;
  for (let round = 0; round < 3; round++) {
    const gateway = await startGatewayProcess(system);
    const result = await crashRound({
      url: gateway.url,
      token,
      uscc,
      round,
      kill: () => killGroup(gateway.proc, 'SIGKILL'),
      audited: async (names) => {
        const events = await system.audit.find({ enterprise: uscc, from: new Date(Date.now() - 600_000), to: new Date(Date.now() + 60_000), limit: 10_000 });
        const seen = new Set(events.map((e) => e.operationName));
        return names.filter((n) => seen.has(n));
      },
    });
    // the load ran long enough to disclose something before the kill
    expect(result.disclosed.length).toBeGreaterThan(0);
    expect(result.missing).toEqual([]);
  }
}, 120_000);
