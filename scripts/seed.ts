// `npm run seed -- --size 2000 [--seed N] [--force]`: loads the deterministic demo data set.
// Without --force it does nothing when the directory already holds at least `size` enterprises.
import { MongoClient } from 'mongodb';
import { personHashKeyFromEnv } from '../subgraphs/common/person-hash';
import { databaseName } from '../subgraphs/index';
import { DEFAULT_SEED } from './demo-data/generate';
import { loadDemoData } from './demo-data/load';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
  return value;
}

export async function seed(uri: string, options: { size: number; seed: number; dbPrefix: string; force: boolean }): Promise<void> {
  const client = new MongoClient(uri);
  try {
    const existing = await client.db(databaseName(options.dbPrefix, 'identity')).collection('enterprises').estimatedDocumentCount();
    if (existing >= options.size && !options.force) {
      process.stdout.write(`demo data present (${existing} enterprises), nothing to do\n`);
      return;
    }
    const started = Date.now();
    let last = 0;
    const result = await loadDemoData(client, {
      ...options,
      personHashKey: personHashKeyFromEnv(process.env),
      onProgress: (done) => {
        if (done - last >= 10_000 || done === options.size) {
          last = done;
          process.stdout.write(`  ${done}/${options.size} enterprises\n`);
        }
      },
    });
    process.stdout.write(`seeded ${result.enterprises} enterprises and ${result.records} records in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await client.close();
  }
}

if (require.main === module) {
  seed(process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/', {
    size: argument('size', 2000),
    seed: argument('seed', DEFAULT_SEED),
    dbPrefix: process.env['MONGODB_DB_PREFIX'] ?? 'credit',
    force: process.argv.includes('--force'),
  }).catch((err: unknown) => {
    process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
