// Whole answers: kept only when every subgraph fetch behind them was read at a known version,
// served only while every one of those versions is still current, for the same audience, query,
// variables and day.
import { EntityCache, type SubgraphAnswer } from '../../cache/entity-cache';
import { OperationRecord } from '../../cache/operation-cache';
import { operationCachePlugin } from '../../cache/operation-cache-plugin';
import { audienceOf } from '../../cache/audience';
import { callerFromClaims } from '../../auth/caller';
import type { EntityVersions } from '../../storage/port';

const ENTITIES = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Enterprise{administrativePenalties{id decisionNo}}}}';
const ROOT = 'query Profile__identity__0($uscc:ID!){enterprise(uscc:$uscc){__typename uscc name}}';
const A = '91500000000000001A';
const B = '91500000000000002B';
const member = audienceOf(callerFromClaims({ sub: 'u1', realm_access: { roles: ['credit-member'] }, agency: 'AIC', region: '500000' }), 'ADMINISTRATIVE_APPROVAL');
const other = audienceOf(callerFromClaims({ sub: 'u2', realm_access: { roles: ['credit-member'] }, agency: 'TAX', region: '500000' }), 'ADMINISTRATIVE_APPROVAL');

class Versions implements EntityVersions {
  readonly versions = new Map<string, string>();
  failing: Error | null = null;
  bump(uscc: string): void {
    this.versions.set(uscc, String(Number(this.versions.get(uscc) ?? '0') + 1));
  }
  async read(usccs: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (this.failing) throw this.failing;
    return new Map(['*', ...usccs].flatMap((u) => (this.versions.has(u) ? [[u, this.versions.get(u) ?? '0'] as const] : [])));
  }
  async close(): Promise<void> {}
}

const none = () => undefined;
const reps = (...usccs: string[]) => ({ representations: usccs.map((uscc) => ({ __typename: 'Enterprise', uscc })) });
const entitiesAnswer = async (variables: Record<string, unknown> | undefined): Promise<SubgraphAnswer> => ({
  data: { _entities: ((variables?.['representations'] ?? []) as { uscc: string }[]).map((r) => ({ administrativePenalties: [{ id: r.uscc, decisionNo: 'D' }] })) },
});
const rootAnswer = async (variables: Record<string, unknown> | undefined): Promise<SubgraphAnswer> => ({
  data: { enterprise: { __typename: 'Enterprise', uscc: variables?.['uscc'], name: 'n' } },
  extensions: { enterprisesReturned: [variables?.['uscc']] },
});

function setUp(admission: 'first' | 'second' = 'first', now?: () => Date) {
  const identity = new Versions();
  const adverse = new Versions();
  const cache = new EntityCache({ admission, maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { identity, adverse }, ...(now ? { now } : {}) });
  /** One operation as the gateway runs it: the identity root field, then the adverse entities, each through the entity cache. */
  const run = async (uscc: string, record: OperationRecord) => {
    await cache.fetch({ subgraph: 'identity', query: ROOT, variables: { uscc }, audience: member }, rootAnswer, none, record);
    await cache.fetch({ subgraph: 'adverse', query: ENTITIES, variables: reps(uscc), audience: member }, entitiesAnswer, none, record);
  };
  return { identity, adverse, cache, run };
}

const key = (cache: EntityCache, variables = `[["u","${A}"]]`, audience = member) => {
  const k = cache.operations.keyOf(audience, 'hash-of-query', 'Profile', variables);
  if (!k) throw new Error('no key');
  return k;
};

it('keeps an answer all of whose fetches were stamped, and serves it while every version holds', async () => {
  const { cache, run } = setUp();
  const record = new OperationRecord();
  await run(A, record);
  expect(record.cacheable).toBe(true);
  expect([...record.stamps.keys()].sort()).toEqual(['adverse', 'identity']);
  cache.operations.store(key(cache), record, { enterprise: { uscc: A } }, [A]);
  expect(await cache.operations.lookup(key(cache))).toEqual({ data: { enterprise: { uscc: A } }, returned: [A] });
  expect(cache.operations.stats).toEqual({ hits: 1, misses: 0, bypassed: 0 });
});

it('serves nothing once any subgraph part of the answer changed, or the subgraph started again', async () => {
  const { cache, run, adverse, identity } = setUp();
  for (const change of [() => adverse.bump(A), () => identity.bump(A), () => adverse.bump('*')]) {
    const record = new OperationRecord();
    await run(A, record);
    cache.operations.store(key(cache), record, { enterprise: { uscc: A } }, [A]);
    expect(await cache.operations.lookup(key(cache))).toBeDefined();
    change();
    expect(await cache.operations.lookup(key(cache))).toBeUndefined();
  }
  // a change to another enterprise leaves the answer current
  const record = new OperationRecord();
  await run(A, record);
  cache.operations.store(key(cache), record, { enterprise: { uscc: A } }, [A]);
  adverse.bump(B);
  expect(await cache.operations.lookup(key(cache))).toBeDefined();
});

it('keeps an answer apart by audience and variables', async () => {
  const { cache, run } = setUp();
  const record = new OperationRecord();
  await run(A, record);
  cache.operations.store(key(cache), record, { enterprise: { uscc: A } }, [A]);
  expect(await cache.operations.lookup(key(cache, `[["u","${A}"]]`, other))).toBeUndefined();
  expect(await cache.operations.lookup(key(cache, `[["u","${B}"]]`))).toBeUndefined();
});

it('does not keep an answer with a fetch it could not stamp: a first ask, an unkeyed fetch, unreadable versions, an error', async () => {
  // first ask: no version was read for it
  const second = setUp('second');
  const firstAsk = new OperationRecord();
  await second.run(A, firstAsk);
  expect(firstAsk.cacheable).toBe(false);
  const secondAsk = new OperationRecord();
  await second.run(A, secondAsk);
  expect(secondAsk.cacheable).toBe(true);

  const { cache, adverse, run } = setUp();
  const unkeyed = new OperationRecord();
  await run(A, unkeyed);
  await cache.fetch({ subgraph: 'adverse', query: 'query($q:String!){enterprises(name:$q){uscc}}', variables: { q: 'x' }, audience: member }, entitiesAnswer, none, unkeyed);
  expect(unkeyed.cacheable).toBe(false);

  adverse.failing = new Error('down');
  const unreadable = new OperationRecord();
  await run(B, unreadable);
  expect(unreadable.cacheable).toBe(false);
  adverse.failing = null;

  const failed = new OperationRecord();
  const withError = async (): Promise<SubgraphAnswer> => ({ data: { _entities: [null] }, errors: [{ message: 'x', path: ['_entities', 0] }] });
  await cache.fetch({ subgraph: 'identity', query: ROOT, variables: { uscc: A }, audience: member }, rootAnswer, none, failed);
  await cache.fetch({ subgraph: 'adverse', query: ENTITIES, variables: reps('91500000000000009X'), audience: member }, withError, none, failed);
  expect(failed.cacheable).toBe(false);

  // nothing stamped at all (no subgraph fetch): nothing to check an answer by
  expect(new OperationRecord().cacheable).toBe(false);
});

it('does not keep an answer read across midnight (China Standard Time), nor look one up near it', async () => {
  let now = new Date('2026-12-04T15:50:00Z'); // 23:50 in China
  const { cache, run } = setUp('first', () => now);
  const record = new OperationRecord();
  await run(A, record);
  const before = key(cache);
  now = new Date('2026-12-04T16:05:00Z'); // 00:05 the next day
  cache.operations.store(before, record, { enterprise: { uscc: A } }, [A]);
  expect(cache.operations.size).toBe(0);
  now = new Date('2026-12-04T15:59:30Z');
  expect(cache.operations.keyOf(member, 'h', null, '')).toBeNull();
});

it('answers unreadable versions with no answer (the operation runs uncached)', async () => {
  const { cache, run, identity } = setUp();
  const record = new OperationRecord();
  await run(A, record);
  cache.operations.store(key(cache), record, { enterprise: { uscc: A } }, [A]);
  identity.failing = new Error('down');
  expect(await cache.operations.lookup(key(cache))).toBeUndefined();
  expect(cache.operations.stats.bypassed).toBe(1);
});

it('gives every hit a copy of its own: what one request changes, the next does not see', async () => {
  const { cache, run } = setUp();
  const record = new OperationRecord();
  await run(A, record);
  const data = { enterprise: { uscc: A, penalties: [{ id: 'p' }] } };
  cache.operations.store(key(cache), record, data, [A]);
  data.enterprise.uscc = 'changed after it was kept';
  const hit = await cache.operations.lookup(key(cache));
  expect(hit?.data).toEqual({ enterprise: { uscc: A, penalties: [{ id: 'p' }] } });
  (hit?.data['enterprise'] as { uscc: string }).uscc = 'changed by the first request';
  expect((await cache.operations.lookup(key(cache)))?.data).toEqual({ enterprise: { uscc: A, penalties: [{ id: 'p' }] } });
});

it('one enterprise read at two versions within one answer makes it one not kept', () => {
  const record = new OperationRecord();
  record.depend('adverse', A, '1/0');
  record.depend('adverse', A, '2/0');
  expect(record.cacheable).toBe(false);
});

it('keeps what the record heard until it was stored, not what it hears after', async () => {
  const { cache, run } = setUp();
  const record = new OperationRecord();
  await run(A, record);
  cache.operations.store(key(cache), record, { enterprise: { uscc: A } }, [A]);
  const kept = record.stamps.get('adverse')?.get(A);
  record.depend('adverse', A, `${kept ?? ''}-later`);
  expect(await cache.operations.lookup(key(cache))).toBeDefined();
});

describe('the plugin', () => {
  type Hooks = {
    responseForOperation(rc: unknown): Promise<unknown>;
    willSendResponse(rc: unknown): Promise<void>;
  };
  const caller = callerFromClaims({ sub: 'u1', realm_access: { roles: ['credit-member'] }, agency: 'AIC', region: '500000' });
  const start = async (cache: EntityCache) => (await operationCachePlugin(cache.operations).requestDidStart?.({} as never)) as unknown as Hooks;
  const requestContext = (contextValue: Record<string, unknown>) => ({
    operation: { operation: 'query' },
    queryHash: 'h',
    request: { operationName: 'Profile', variables: { u: A } },
    contextValue,
    response: { body: { kind: 'single', singleResult: { data: { enterprise: { uscc: A } } } } },
  });

  it('answers a repeated query whole, and keeps nothing of two operations run at once on one context', async () => {
    const { cache, run } = setUp();
    const context: Record<string, unknown> = { caller, purpose: 'ADMINISTRATIVE_APPROVAL', returnedEnterprises: new Set<string>() };
    const [first, second] = [await start(cache), await start(cache)];
    expect(await first.responseForOperation(requestContext(context))).toBeNull();
    const firstRecord = context['operationRecord'] as OperationRecord;
    expect(await second.responseForOperation(requestContext(context))).toBeNull();
    await run(A, firstRecord);
    await first.willSendResponse(requestContext(context));
    await second.willSendResponse(requestContext(context));
    expect(cache.operations.size).toBe(0);
    expect(context['operationRecord']).toBeUndefined();

    // one at a time, the same query is kept and answered whole
    const alone = await start(cache);
    await alone.responseForOperation(requestContext(context));
    await run(A, context['operationRecord'] as OperationRecord);
    await alone.willSendResponse(requestContext(context));
    expect(cache.operations.size).toBe(1);
    const again = await start(cache);
    expect(await again.responseForOperation(requestContext(context))).toMatchObject({ body: { singleResult: { data: { enterprise: { uscc: A } } } } });
  });
});
