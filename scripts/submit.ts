// `npm run submit -- --indicator AD01 --file penalties.ndjson [--batch-id ID]
//    [--gateway http://127.0.0.1:4000] [--token T | --client-id ID --client-secret S] [--keycloak URL]`
// Streams an NDJSON file of records to POST /submissions/{indicator}, with a progress bar, and
// prints the report. Re-running with the same batch id resumes and never stores a record twice.
import { clientCredentialsToken } from '../auth/client-token';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { progressBar } from './progress';

const OPTIONS = ['indicator', 'file', 'batch-id', 'gateway', 'token', 'client-id', 'client-secret', 'keycloak'] as const;

// an unknown option or a missing value is an error that names it (node:util parseArgs, strict)
const { values } = parseArgs({ options: Object.fromEntries(OPTIONS.map((o) => [o, { type: 'string' }])) as Record<(typeof OPTIONS)[number], { type: 'string' }>, strict: true });

function option(name: (typeof OPTIONS)[number]): string | undefined {
  return values[name];
}

function required(name: (typeof OPTIONS)[number]): string {
  const value = option(name);
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

async function tokenFromOptions(): Promise<string> {
  const token = option('token') ?? process.env['CREDIT_TOKEN'];
  if (token) return token;
  const clientId = required('client-id');
  const secret = option('client-secret') ?? process.env['CREDIT_CLIENT_SECRET'];
  if (!secret) throw new Error('--client-secret (or CREDIT_CLIENT_SECRET) is required with --client-id');
  const keycloak = option('keycloak') ?? process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:8080';
  return (await clientCredentialsToken(keycloak, clientId, secret)).accessToken;
}

const bytesBar = (done: number, total: number) => progressBar(total === 0 ? 1 : done / total, `${(done / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB`);

async function main(): Promise<void> {
  const indicator = required('indicator');
  const file = required('file');
  const batchId = option('batch-id') ?? `${path.basename(file).replace(/[^A-Za-z0-9._-]/g, '_')}-${statSync(file).mtimeMs.toFixed(0)}`;
  const gateway = (option('gateway') ?? process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
  const token = await tokenFromOptions();
  const size = statSync(file).size;
  let sent = 0;
  const source = createReadStream(file);
  source.on('data', (chunk) => {
    sent += chunk.length;
    if (process.stderr.isTTY) process.stderr.write(`\r${bytesBar(sent, size)}`);
  });
  const res = await fetch(`${gateway}/submissions/${encodeURIComponent(indicator)}?batchId=${encodeURIComponent(batchId)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
    body: Readable.toWeb(source) as ReadableStream,
    duplex: 'half',
  });
  if (process.stderr.isTTY) process.stderr.write(`\r${bytesBar(size, size)}\n`);
  const report = await res.text();
  process.stdout.write(`${report}\n`);
  if (!res.ok) process.exit(1);
  process.stderr.write(`batch ${batchId}: the same command with --batch-id ${batchId} re-sends safely\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`submit failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
