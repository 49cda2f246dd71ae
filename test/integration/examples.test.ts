// The README's submission examples, run as written: the submit CLI with the sample files in
// examples/, against a running gateway, with the demo service accounts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestSystem, type TestSystem } from './harness';
import { ROOT } from '../../platform/paths';

const run = promisify(execFile);

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(10);
});
afterAll(() => system?.stop());

async function submit(indicator: string, file: string, batchId: string, clientId: string) {
  const gateway = system.gateway.url.replace(/\/graphql$/, '');
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/submit.ts',
      '--indicator',
      indicator,
      '--file',
      `examples/${file}`,
      '--batch-id',
      batchId,
      '--client-id',
      clientId,
      '--client-secret',
      `${clientId}-secret`,
      '--gateway',
      gateway,
    ],
    { cwd: ROOT, env: { ...process.env } },
  );
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as { received: number; accepted: number; rejected: number; rejections: { index: number; rule: string; field: string }[] };
}

it.each([
  ['AD01', 'penalties.ndjson', 'svc-tax', 5, 4],
  ['RP01', 'licences.ndjson', 'svc-tax', 3, 3],
  ['EC01', 'total-assets.ndjson', 'svc-aic-city', 3, 3],
  ['ID06', 'registration-changes.ndjson', 'svc-aic-city', 2, 2],
])('submits %s from examples/%s as %s', async (indicator, file, clientId, received, accepted) => {
  const report = await submit(indicator, file, `example-${indicator}`, clientId);
  expect(report).toMatchObject({ received, accepted, rejected: received - accepted });
  if (indicator === 'AD01') expect(report.rejections).toEqual([expect.objectContaining({ index: 4, rule: 'V04', field: 'decidedOn' })]);
  // sent again: the stored report, nothing stored twice
  expect(await submit(indicator, file, `example-${indicator}`, clientId)).toMatchObject({ received, accepted });
});
