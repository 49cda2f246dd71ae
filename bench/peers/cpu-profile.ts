// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by stage of a
// request (by the package or module a function lives in) and the top functions.
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Stage of a request a function belongs to, by where its code lives. */
const STAGES: [RegExp, string][] = [
  [/node:internal\/modules|\/tsx\/|esbuild|node:internal\/main/, 'start-up (loading modules)'],
  [/graphql\/(language|validation)|graphql-armor/, 'parse, validate and limits'],
  [/@apollo\/query-planner|@apollo\/federation-internals/, 'query planning'],
  [/\/jose\/|\/auth\//, 'token validation'],
  [/gateway\/audit\//, 'audit'],
  [/@apollo\/gateway\/dist\/(executeQueryPlan|datasources)|gateway\/data-source|undici|node:internal\/deps\/undici/, 'subgraph fetches'],
  [/graphql\/execution|@apollo\/gateway\/dist\/resultShaping/, 'result shaping and execution'],
  [/@apollo\/server|express|body-parser|raw-body|node:_http|node:net|node:internal\/(http|stream)/, 'HTTP server'],
  [/\/pg\/|pg-protocol|mongodb|bson/, 'database driver (audit writes)'],
  [/node:internal\/crypto/, 'token validation'],
];

function stageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  for (const [pattern, stage] of STAGES) if (pattern.test(url)) return stage;
  if (functionName === 'stringify' || functionName === 'parse') return 'JSON';
  return 'other';
}

export function summariseCpuProfile(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const busy = [...selfMicros].filter(([id]) => byId.get(id)?.callFrame.functionName !== '(idle)');
  const total = busy.reduce((n, [, us]) => n + us, 0);
  const stages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of busy) {
    const node = byId.get(id);
    if (!node) continue;
    stages.set(stageOf(node), (stages.get(stageOf(node)) ?? 0) + us);
    const where = node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|auth|subgraphs|schema)\//, '$1/');
    const key = `${node.callFrame.functionName || '(anonymous)'} — ${where || 'native'}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1)}%`;
  const lines = [`Busy CPU time sampled: ${(total / 1e6).toFixed(1)} s.`, '', '| stage | share of busy time |', '|---|---|'];
  for (const [stage, us] of [...stages].sort((a, b) => b[1] - a[1])) lines.push(`| ${stage} | ${pct(us)} |`);
  lines.push('', '| top functions by self time | share |', '|---|---|');
  for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`| ${fn.replace(/\|/g, '\\|')} | ${pct(us)} |`);
  return lines.join('\n');
}
