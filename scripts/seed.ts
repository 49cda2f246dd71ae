// `npm run seed -- --size 2000 [--seed N] [--force]`: loads the deterministic demo data set into
// the configured store (DATABASE_URL or MONGODB_URI). Without --force it does nothing when the
// directory already holds at least `size` enterprises; a smaller data set is completed.
import { parseArgs } from 'node:util';
import { databaseName, dbPrefixFromEnv, openSubgraphStorage, storageConfigFromEnv, type StorageConfig } from '../storage/index';
import type { SubgraphStorage } from '../storage/port';
import { personHashKeyFromEnv } from '../schema/person-hash';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/index';
import { DEFAULT_SEED } from './demo-data/generate';
import { loadDemoData } from './demo-data/load';
import { progressReporter } from './progress';

export interface SeedOptions {
  readonly size: number;
  readonly seed: number;
  readonly dbPrefix: string;
  readonly force: boolean;
  readonly quiet?: boolean;
}

export async function openAllSubgraphStores(config: StorageConfig, dbPrefix: string): Promise<Record<SubgraphName, SubgraphStorage>> {
  const entries = await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await openSubgraphStorage(config, databaseName(dbPrefix, s.name))] as const));
  return Object.fromEntries(entries) as Record<SubgraphName, SubgraphStorage>;
}

export async function seed(config: StorageConfig, options: SeedOptions): Promise<void> {
  const stores = await openAllSubgraphStores(config, options.dbPrefix);
  const say = (text: string) => options.quiet || process.stdout.write(text);
  try {
    const existing = await stores.identity.directory.count();
    if (existing >= options.size && !options.force) {
      say(`demo data present (${existing} enterprises), nothing to do\n`);
      return;
    }
    const started = Date.now();
    const report = progressReporter();
    // records are keyed, so a load resumes where an interrupted one stopped (the last chunk is written again)
    const from = options.force ? 0 : Math.max(0, existing - 2_000);
    const result = await loadDemoData(stores, {
      size: options.size,
      seed: options.seed,
      from,
      chunk: 1_000,
      personHashKey: personHashKeyFromEnv(process.env),
      onProgress: options.quiet
        ? undefined
        : (done, records) => {
            const seconds = (Date.now() - started) / 1000;
            report(
              (done - from) / (options.size - from),
              `${done}/${options.size} enterprises, ${records} records, ${Math.round(records / Math.max(seconds, 0.001))} records/s`,
              done === options.size,
            );
          },
    });
    say(`seeded ${result.enterprises} enterprises and ${result.records} records in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await Promise.all(Object.values(stores).map((s) => s.close()));
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '2000' }, seed: { type: 'string', default: String(DEFAULT_SEED) }, force: { type: 'boolean', default: false } } });
  const whole = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number`);
    return n;
  };
  Promise.resolve()
    .then(() => seed(storageConfigFromEnv(process.env), { size: whole('size', values.size), seed: whole('seed', values.seed), dbPrefix: dbPrefixFromEnv(process.env), force: values.force }))
    .catch((err: unknown) => {
      process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
