// Writes each subgraph's schema.graphql (the files rover.yaml names) and composes them with
// @apollo/composition into schema/supergraph.graphql, as `rover supergraph compose` would.
// `--check` writes nothing and fails when a committed file is stale.
import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, printSchema } from 'graphql';
import { SUBGRAPHS } from '../subgraphs';
import { parse as parseYaml } from 'yaml';
import { profileOperations } from '../console/build/profile-document';
import { ROOT } from '../platform/paths';

export function subgraphSchemaPath(name: string): string {
  return path.join(ROOT, 'subgraphs', name, 'schema.graphql');
}

export const SUPERGRAPH_PATH = path.join(ROOT, 'schema', 'supergraph.graphql');
/** The schema clients see (no federation directives): the console's operations are typed against it. */
export const API_SCHEMA_PATH = path.join(ROOT, 'schema', 'api-schema.graphql');
const PROFILE_OPERATIONS_PATH = path.join(ROOT, 'console', 'src', 'operations', 'profile.generated');

/** routing_url of each subgraph, read from rover.yaml so the two never disagree. */
export function routingUrls(): Map<string, string> {
  const config = parseYaml(readFileSync(path.join(ROOT, 'rover.yaml'), 'utf8')) as { subgraphs?: Record<string, { routing_url?: unknown }> } | null;
  const urls = new Map<string, string>();
  for (const [name, subgraph] of Object.entries(config?.subgraphs ?? {})) {
    if (typeof subgraph.routing_url === 'string') urls.set(name, subgraph.routing_url);
  }
  return urls;
}

/** The subgraph schemas, the supergraph and the API schema clients see. */
export function composeSupergraph(): { subgraphs: Map<string, string>; supergraph: string; apiSchema: string } {
  const urls = routingUrls();
  const subgraphs = new Map(SUBGRAPHS.map((s) => [s.name, s.typeDefs.trim() + '\n']));
  const result = composeServices(
    SUBGRAPHS.map((s) => {
      const url = urls.get(s.name);
      if (!url) throw new Error(`rover.yaml has no routing_url for ${s.name}`);
      return { name: s.name, url, typeDefs: parse(s.typeDefs) };
    }),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return { subgraphs, supergraph: result.supergraphSdl, apiSchema: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) };
}

function main(): void {
  const check = process.argv.includes('--check');
  const { subgraphs, supergraph, apiSchema } = composeSupergraph();
  const profile = profileOperations(apiSchema);
  const outputs: [string, string][] = [...subgraphs].map(([name, sdl]) => [subgraphSchemaPath(name), sdl]);
  outputs.push([SUPERGRAPH_PATH, supergraph], [API_SCHEMA_PATH, apiSchema + '\n'], [`${PROFILE_OPERATIONS_PATH}.graphql`, profile.document], [`${PROFILE_OPERATIONS_PATH}.ts`, profile.module]);
  const stale: string[] = [];
  for (const [file, content] of outputs) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current === content) continue;
    stale.push(path.relative(ROOT, file));
    if (!check) writeFileSync(file, content);
  }
  if (check && stale.length) {
    process.stderr.write(`stale: ${stale.join(', ')}; run npm run compose\n`);
    process.exit(1);
  }
  process.stdout.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'supergraph is up to date\n');
}

if (require.main === module) main();
