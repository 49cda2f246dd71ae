// The entity cache: an answer is served from memory only at the versions it was read at, for the
// audience and selection it was read for; what it cannot check goes to the subgraph.
import { EntityCache, type SubgraphAnswer } from '../../cache/entity-cache';
import { audienceOf } from '../../cache/audience';
import { callerFromClaims } from '../../auth/caller';
import type { EntityVersions } from '../../storage/port';
import { usccCheckChar } from '../../schema/identifiers';

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;

const ENTITIES = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Enterprise{administrativePenalties{id decisionNo}}}}';
const ROOT = 'query Profile__identity__0($uscc:ID!){enterprise(uscc:$uscc){__typename uscc name}}';
const A = '91500000000000001A';
const B = '91500000000000002B';
const C = '91500000000000003C';
const member = audienceOf(callerFromClaims({ sub: 'u1', realm_access: { roles: ['credit-member'] }, agency: 'AIC', region: '500000' }), 'ADMINISTRATIVE_APPROVAL');

/** Versions in memory, as the database's triggers would keep them. */
class Versions implements EntityVersions {
  readonly versions = new Map<string, string>();
  failing: Error | null = null;
  delayMs = 0;
  bump(uscc: string): void {
    this.versions.set(uscc, String(Number(this.versions.get(uscc) ?? '0') + 1));
  }
  async read(usccs: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failing) throw this.failing;
    return new Map(['*', ...usccs].flatMap((u) => (this.versions.has(u) ? [[u, this.versions.get(u) ?? '0'] as const] : [])));
  }
  async close(): Promise<void> {}
}

/** A subgraph that answers each enterprise with its current data, and counts what it was asked. */
function subgraph(data: Map<string, string>) {
  const asked: string[][] = [];
  const send = async (variables: Record<string, unknown> | undefined): Promise<SubgraphAnswer> => {
    const reps = (variables?.['representations'] ?? []) as { uscc: string }[];
    asked.push(reps.map((r) => r.uscc));
    return { data: { _entities: reps.map((r) => ({ administrativePenalties: [{ id: r.uscc, decisionNo: data.get(r.uscc) ?? null }] })) } };
  };
  return { send, asked };
}

const reps = (...usccs: string[]) => ({ representations: usccs.map((uscc) => ({ __typename: 'Enterprise', uscc })) });
const penaltyOf = (answer: SubgraphAnswer, i: number) => (answer.data?.['_entities'] as { administrativePenalties: { decisionNo: string }[] }[])[i]?.administrativePenalties[0]?.decisionNo ?? null;

function setUp(options: Partial<ConstructorParameters<typeof EntityCache>[0]> = {}) {
  const versions = new Versions();
  const cache = new EntityCache({ admission: 'first', maxBytes: 1024 * 1024, versionTimeoutMs: 100, versions: { adverse: versions }, ...options });
  return { versions, cache };
}

const none = () => undefined;

it('answers a repeated fetch from memory, and each hit gets its own copy', async () => {
  const { cache } = setUp();
  const { send, asked } = subgraph(new Map([[A, 'D-1']]));
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  await cache.fetch(request, send, none);
  const second = await cache.fetch(request, send, none);
  expect(asked).toEqual([[A]]);
  expect(penaltyOf(second, 0)).toBe('D-1');
  const [served] = second.data?.['_entities'] as Record<string, unknown>[];
  if (served) served['administrativePenalties'] = 'merged by the gateway';
  expect(penaltyOf(await cache.fetch(request, send, none), 0)).toBe('D-1');
  expect(cache.stats).toEqual({ hits: 2, misses: 1, bypassed: 0 });
});

it('never serves an answer read at an older version of the enterprise', async () => {
  const { cache, versions } = setUp();
  const data = new Map([[A, 'D-1']]);
  const { send, asked } = subgraph(data);
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  await cache.fetch(request, send, none);
  data.set(A, 'D-2');
  versions.bump(A);
  expect(penaltyOf(await cache.fetch(request, send, none), 0)).toBe('D-2');
  expect(asked).toHaveLength(2);
});

it('keeps an answer read while a change commits at the version read before it: it is never served after the change', async () => {
  const { cache, versions } = setUp();
  const data = new Map([[A, 'D-1']]);
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  // the change commits while the subgraph answers: the answer may be old, the version is new
  await cache.fetch(
    request,
    async (v) => {
      const answer = await subgraph(data).send(v);
      data.set(A, 'D-2');
      versions.bump(A);
      return answer;
    },
    none,
  );
  expect(penaltyOf(await cache.fetch(request, subgraph(data).send, none), 0)).toBe('D-2');
});

it('a subgraph that starts again (new generation) makes every answer before it stale', async () => {
  const { cache, versions } = setUp();
  const { send, asked } = subgraph(new Map());
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A, B), audience: member };
  await cache.fetch(request, send, none);
  versions.bump('*');
  await cache.fetch(request, send, none);
  expect(asked).toEqual([
    [A, B],
    [A, B],
  ]);
});

it('asks the subgraph for the missing entities only and answers in the order asked, with error paths where they belong', async () => {
  const { cache } = setUp();
  const { send } = subgraph(
    new Map([
      [A, 'D-A'],
      [B, 'D-B'],
      [C, 'D-C'],
    ]),
  );
  await cache.fetch({ subgraph: 'adverse', query: ENTITIES, variables: reps(B), audience: member }, send, none);
  const asked: string[][] = [];
  const answer = await cache.fetch(
    { subgraph: 'adverse', query: ENTITIES, variables: reps(A, B, C), audience: member },
    async (v) => {
      const r = (v?.['representations'] ?? []) as { uscc: string }[];
      asked.push(r.map((x) => x.uscc));
      // the second one asked (C) fails in part
      return { data: { _entities: [{ administrativePenalties: [{ id: A, decisionNo: 'D-A' }] }, null] }, errors: [{ message: 'not read', path: ['_entities', 1, 'administrativePenalties'] }] };
    },
    none,
  );
  expect(asked).toEqual([[A, C]]);
  expect([penaltyOf(answer, 0), penaltyOf(answer, 1)]).toEqual(['D-A', 'D-B']);
  expect((answer.data?.['_entities'] as unknown[])[2]).toBeNull();
  expect(answer.errors?.[0]?.path).toEqual(['_entities', 2, 'administrativePenalties']);
  // the failed one was not kept; the others were
  const again: string[][] = [];
  await cache.fetch(
    { subgraph: 'adverse', query: ENTITIES, variables: reps(A, B, C), audience: member },
    async (v) => {
      again.push(((v?.['representations'] ?? []) as { uscc: string }[]).map((x) => x.uscc));
      return subgraph(new Map([[C, 'D-C']])).send(v);
    },
    none,
  );
  expect(again).toEqual([[C]]);
});

it('keeps answers apart by audience, purpose and selection', async () => {
  const { cache } = setUp();
  const { send, asked } = subgraph(new Map());
  const base = { subgraph: 'adverse', query: ENTITIES, variables: reps(A) };
  await cache.fetch({ ...base, audience: member }, send, none);
  await cache.fetch({ ...base, audience: audienceOf(callerFromClaims({ sub: 'u1', realm_access: { roles: ['credit-member'] }, agency: 'AIC', region: '500000' }), undefined) }, send, none);
  await cache.fetch(
    { ...base, audience: audienceOf(callerFromClaims({ sub: 'u2', realm_access: { roles: ['credit-member'] }, agency: 'TAX', region: '500000' }), 'ADMINISTRATIVE_APPROVAL') },
    send,
    none,
  );
  await cache.fetch({ ...base, audience: audienceOf({ anonymous: true, roles: new Set() }, undefined) }, send, none);
  await cache.fetch({ ...base, query: ENTITIES.replace('decisionNo', 'decisionNo punishedOn'), audience: member }, send, none);
  await cache.fetch({ ...base, variables: { ...reps(A), since: '2026-01-01' }, audience: member }, send, none);
  expect(asked).toHaveLength(6);
});

it('a credit subject speaking for another enterprise is another audience', () => {
  const own = audienceOf(callerFromClaims({ sub: 's', realm_access: { roles: ['credit-subject'] }, uscc: uscc('91500000MA5U00001') }), undefined);
  const other = audienceOf(callerFromClaims({ sub: 's', realm_access: { roles: ['credit-subject'] }, uscc: uscc('91500000MA5U00002') }), undefined);
  expect(own).toContain(uscc('91500000MA5U00001'));
  expect(own).not.toBe(other);
});

it('answers uncached when the versions cannot be read, or not in time', async () => {
  const { cache, versions } = setUp({ versionTimeoutMs: 20 });
  const errors: string[] = [];
  const withErrors = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 20, versions: { adverse: versions }, onVersionError: (s) => errors.push(s) });
  const { send, asked } = subgraph(new Map([[A, 'D-1']]));
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  versions.failing = new Error('connection refused');
  expect(penaltyOf(await withErrors.fetch(request, send, none), 0)).toBe('D-1');
  versions.failing = null;
  versions.delayMs = 60;
  expect(penaltyOf(await cache.fetch(request, send, none), 0)).toBe('D-1');
  expect(penaltyOf(await cache.fetch(request, send, none), 0)).toBe('D-1');
  expect(asked).toHaveLength(3);
  expect(errors).toEqual(['adverse']);
  expect(cache.stats.bypassed).toBe(2);
  withErrors.close();
});

it('passes by what it cannot key: other root fields, mutations, representations with more than the key, subgraphs without versions', async () => {
  const { cache } = setUp();
  let sent = 0;
  const send = async (): Promise<SubgraphAnswer> => {
    sent++;
    return { data: { _entities: [{}] } };
  };
  const twice = async (request: Parameters<EntityCache['fetch']>[0]) => {
    await cache.fetch(request, send, none);
    await cache.fetch(request, send, none);
  };
  await twice({ subgraph: 'adverse', query: 'query($q:String!){enterprises(name:$q){uscc}}', variables: { q: 'x' }, audience: member });
  await twice({ subgraph: 'adverse', query: 'mutation($representations:[_Any!]!){_entities(representations:$representations){__typename}}', variables: reps(A), audience: member });
  await twice({ subgraph: 'adverse', query: ENTITIES, variables: { representations: [{ __typename: 'BidderVerdict', checkId: 'x' }] }, audience: member });
  await twice({ subgraph: 'adverse', query: ENTITIES, variables: { representations: [{ __typename: 'Enterprise', uscc: A, legalRepresentative: {} }] }, audience: member });
  await twice({ subgraph: 'economic', query: ENTITIES, variables: reps(A), audience: member });
  expect(sent).toBe(10);
  expect(cache.size).toBe(0);
});

it('caches enterprise(uscc:) under the enterprise, with the enterprises it returned for the audit trail', async () => {
  const versions = new Versions();
  const cache = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { identity: versions } });
  let sent = 0;
  const send = async (): Promise<SubgraphAnswer> => {
    sent++;
    return { data: { enterprise: { __typename: 'Enterprise', uscc: A, name: 'Acme' } }, extensions: { enterprisesReturned: [A] } };
  };
  const request = { subgraph: 'identity', query: ROOT, variables: { uscc: A }, audience: member };
  await cache.fetch(request, send, none);
  const returned: string[] = [];
  const hit = await cache.fetch(request, send, (u) => returned.push(...u));
  expect(sent).toBe(1);
  expect(hit.data).toEqual({ enterprise: { __typename: 'Enterprise', uscc: A, name: 'Acme' } });
  expect(returned).toEqual([A]);
  versions.bump(A);
  await cache.fetch(request, send, none);
  expect(sent).toBe(2);
  await cache.fetch({ ...request, variables: { uscc: B } }, send, none);
  expect(sent).toBe(3);
});

it('keeps nothing read across midnight (China Standard Time): display windows may have moved', async () => {
  let now = new Date('2026-12-04T15:59:59.900Z');
  const versions = new Versions();
  const cache = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { adverse: versions }, now: () => now });
  const { send: answer, asked } = subgraph(new Map());
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  await cache.fetch(
    request,
    async (v) => {
      now = new Date('2026-12-04T16:00:00.100Z');
      return answer(v);
    },
    none,
  );
  await cache.fetch(request, answer, none);
  expect(asked).toHaveLength(2);
});

it('holds no more than its memory bound', async () => {
  const { cache } = setUp({ maxBytes: 64 * 1024 });
  const { send } = subgraph(new Map());
  for (let i = 0; i < 2_000; i++) await cache.fetch({ subgraph: 'adverse', query: ENTITIES, variables: reps(`915000000000${String(i).padStart(5, '0')}X`), audience: member }, send, none);
  expect(cache.bytes).toBeLessThanOrEqual(64 * 1024);
  expect(cache.size).toBeGreaterThan(10);
  cache.close();
});

it('keeps answers read a few minutes before midnight, and none read within two minutes of it', async () => {
  let now = new Date('2026-12-04T15:56:00Z');
  const cache = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { adverse: new Versions() }, now: () => now });
  const { send, asked } = subgraph(new Map());
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  await cache.fetch(request, send, none);
  await cache.fetch(request, send, none);
  expect(asked).toHaveLength(1);
  now = new Date('2026-12-04T15:59:00Z');
  await cache.fetch({ ...request, variables: reps(B) }, send, none);
  await cache.fetch({ ...request, variables: reps(B) }, send, none);
  expect(asked).toHaveLength(3);
});

it('does not try the versions again for a while after they failed', async () => {
  const versions = new Versions();
  let reads = 0;
  const counted: EntityVersions = { read: (u) => (reads++, versions.read(u)), close: async () => {} };
  const cache = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { adverse: counted } });
  versions.failing = new Error('down');
  const { send } = subgraph(new Map());
  for (let i = 0; i < 5; i++) await cache.fetch({ subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member }, send, none);
  expect(reads).toBe(1);
  expect(cache.stats.bypassed).toBe(5);
});

it('never keeps a selection that reads other enterprises (the enterprises a person represents)', async () => {
  const versions = new Versions();
  const cache = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { identity: versions } });
  let sent = 0;
  const send = async (): Promise<SubgraphAnswer> => {
    sent++;
    return { data: { enterprise: { legalRepresentative: { person: { representedEnterprises: [{ uscc: B }] } } } }, extensions: { enterprisesReturned: [A, B] } };
  };
  const query = 'query($uscc:ID!){enterprise(uscc:$uscc){legalRepresentative{person{representedEnterprises{uscc name}}}}}';
  await cache.fetch({ subgraph: 'identity', query, variables: { uscc: A }, audience: member }, send, none);
  await cache.fetch({ subgraph: 'identity', query, variables: { uscc: A }, audience: member }, send, none);
  expect(sent).toBe(2);
});

it('names the enterprises memory answered for the audit trail only when the answer goes out', async () => {
  const { cache } = setUp();
  const versions = new Versions();
  const identity = new EntityCache({ admission: 'first', maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { identity: versions } });
  const q = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Enterprise{name}}}';
  const ok = async (v: Record<string, unknown> | undefined): Promise<SubgraphAnswer> => {
    const r = (v?.['representations'] ?? []) as { uscc: string }[];
    return { data: { _entities: r.map(() => ({ name: 'x' })) }, extensions: { enterprisesReturned: r.map((x) => x.uscc) } };
  };
  await identity.fetch({ subgraph: 'identity', query: q, variables: reps(A), audience: member }, ok, none);
  const noted: string[] = [];
  await expect(
    identity.fetch(
      { subgraph: 'identity', query: q, variables: reps(A, B), audience: member },
      () => Promise.reject(new Error('a credit subgraph is unreachable')),
      (u) => noted.push(...u),
    ),
  ).rejects.toThrow('unreachable');
  expect(noted).toEqual([]);
  await identity.fetch({ subgraph: 'identity', query: q, variables: reps(A, B), audience: member }, ok, (u) => noted.push(...u));
  expect(noted).toEqual([A]);
  cache.close();
});

it('by default keeps an answer from the second ask about its enterprise on: one asked about once costs no version read', async () => {
  const versions = new Versions();
  let reads = 0;
  const counted: EntityVersions = { read: (u) => (reads++, versions.read(u)), close: async () => {} };
  const cache = new EntityCache({ maxBytes: 1 << 20, versionTimeoutMs: 100, versions: { adverse: counted } });
  const { send, asked } = subgraph(new Map());
  const request = { subgraph: 'adverse', query: ENTITIES, variables: reps(A), audience: member };
  await cache.fetch(request, send, none);
  expect(reads).toBe(0);
  await cache.fetch(request, send, none);
  await cache.fetch(request, send, none);
  expect(asked).toEqual([[A], [A]]);
  expect(reads).toBe(2);
  expect(cache.stats).toMatchObject({ hits: 1 });
  // a batch: the enterprise kept is answered from memory, the others asked for; kept from their second ask
  const batch = { ...request, variables: reps(A, B, C) };
  await cache.fetch(batch, send, none);
  expect(asked.at(-1)).toEqual([B, C]);
  await cache.fetch(batch, send, none);
  expect(asked.at(-1)).toEqual([B, C]);
  await cache.fetch(batch, send, none);
  expect(asked).toHaveLength(4);
  expect(cache.stats).toMatchObject({ hits: 6 });
});
