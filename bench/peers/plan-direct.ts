// The floor under every gateway for one query: the subgraph requests of its query plan, sent
// straight from the load generator with nothing else done (no token check, no limits, no audit,
// no result shaping beyond merging what the entity fetches need). No gateway answering the same
// query from the same subgraphs can be faster than this on the same machine, so it bounds the
// throughput any gateway can reach without answering from memory.
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlanSelectionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import http from 'node:http';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface PlanDirect {
  /** Runs the plan once with the operation's variables; rejects on any subgraph error. */
  run(variables: Record<string, unknown>, headers: Record<string, string>): Promise<void>;
  /** The subgraph requests one operation makes. */
  readonly requestsPerOperation: number;
  close(): void;
}

export function planDirect(supergraphSdl: string, query: string): PlanDirect {
  const supergraph = Supergraph.build(supergraphSdl);
  const root = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))).node;
  if (root?.kind === 'Subscription') throw new Error('subscriptions have no floor here');
  const urls = new Map(
    supergraph
      .subgraphs()
      .names()
      .map((name) => [name, new URL(supergraph.subgraphs().get(name)?.url ?? '')]),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const post = (service: string, body: string, headers: Record<string, string>): Promise<JsonObject> =>
    new Promise((resolve, reject) => {
      const url = urls.get(service);
      if (!url) return reject(new Error(`no URL for subgraph ${service}`));
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const parsed = JSON.parse(text) as { data?: JsonObject; errors?: unknown[] };
          if (res.statusCode !== 200 || parsed.errors?.length || !parsed.data) reject(new Error(`${service}: ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(parsed.data);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  const execute = async (node: PlanNode, data: JsonObject, variables: Record<string, unknown>, headers: Record<string, string>): Promise<void> => {
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await execute(child, data, variables, headers);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => execute(child, data, variables, headers)));
        return;
      case 'Flatten': {
        const entities = collect(data, node.path);
        if (node.node.kind !== 'Fetch') throw new Error(`unexpected ${node.node.kind} under Flatten`);
        const fetch = node.node;
        const representations = entities.map((entity) => select(entity, fetch.requires ?? []));
        const result = await post(fetch.serviceName, JSON.stringify({ query: fetch.operation, variables: { ...pick(variables, fetch.variableUsages), representations } }), headers);
        const answered = result['_entities'];
        if (!Array.isArray(answered)) throw new Error(`${fetch.serviceName}: no _entities`);
        entities.forEach((entity, i) => merge(entity, answered[i] ?? null));
        return;
      }
      case 'Fetch': {
        const result = await post(node.serviceName, JSON.stringify({ query: node.operation, variables: pick(variables, node.variableUsages) }), headers);
        merge(data, result);
        return;
      }
      default:
        throw new Error(`plan node ${node.kind} is not supported here`);
    }
  };

  const count = (node: PlanNode | undefined): number => {
    if (!node) return 0;
    if (node.kind === 'Fetch') return 1;
    if (node.kind === 'Flatten') return count(node.node);
    if (node.kind === 'Sequence' || node.kind === 'Parallel') return node.nodes.reduce((n, child) => n + count(child), 0);
    return 0;
  };

  return {
    requestsPerOperation: count(root),
    run: async (variables, headers) => {
      if (root) await execute(root, {}, variables, headers);
    },
    close: () => agent.destroy(),
  };
}

function pick(variables: Record<string, unknown>, names: readonly string[] | undefined): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names ?? []) if (name in variables) picked[name] = variables[name];
  return picked;
}

/** The objects at `path` ('@' walks into a list). */
function collect(data: Json, path: readonly (string | number)[]): JsonObject[] {
  if (path.length === 0) return data !== null && typeof data === 'object' && !Array.isArray(data) ? [data] : [];
  const [head, ...rest] = path;
  if (head === '@') return Array.isArray(data) ? data.flatMap((item) => collect(item, rest)) : [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  return collect(data[String(head)] ?? null, rest);
}

/** The fields a fetch requires of an entity, as its representation. */
function select(source: JsonObject, selections: readonly QueryPlanSelectionNode[]): JsonObject {
  const out: JsonObject = {};
  for (const selection of selections) {
    if (selection.kind === 'InlineFragment') {
      if (!selection.typeCondition || selection.typeCondition === source['__typename']) Object.assign(out, select(source, selection.selections));
      continue;
    }
    const value = source[selection.name] ?? null;
    out[selection.name] = selection.selections && value !== null && typeof value === 'object' && !Array.isArray(value) ? select(value, selection.selections) : value;
  }
  return out;
}

function merge(target: JsonObject, source: Json): void {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return;
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing && typeof existing === 'object' && !Array.isArray(existing) && value && typeof value === 'object' && !Array.isArray(value)) merge(existing, value);
    else target[key] = value;
  }
}
