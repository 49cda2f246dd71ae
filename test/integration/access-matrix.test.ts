// The access matrix: for each role and each of the 39 indicators (and each attribute with its
// own level), visible or refused exactly as the catalogue says, through the gateway and straight
// against the subgraphs with the same tokens; nothing refused reaches the client in any form. The
// levels expected are a table written from the specification; which records lie inside a public
// display window is display-windows.test.ts's to decide.
import { INDICATORS, SUBGRAPH_OF, indicatorByCode, type Disclosure, type IndicatorSpec } from '../../schema/catalogue';
import { isVisible } from '../../schema/display-windows';
import { maskIdNumber } from '../../schema/identifiers';
import type { NewRecord } from '../../storage/port';
import { recordId } from '../../storage/record-id';
import { todayIso } from '../../schema/today';
import { startTestSystem, type GraphQLResponse, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;
let sample: number[];
/** Strings any caller may see in the sample (a refused value equal to one of them proves nothing). */
let publicValues: Set<string>;

interface Role {
  readonly name: string;
  readonly token: () => Promise<string | undefined>;
  /** Levels the role reads; RESTRICTED attributes also when its agency submitted the record. */
  readonly levels: readonly Disclosure[];
  readonly agency?: string;
  readonly anonymous?: boolean;
}

/**
 * Who may see what, written out from the specification's table (credit-indicators.json,
 * `disclosure` of each indicator and attribute), not read from the catalogue: the catalogue is
 * what is checked. Every indicator not listed here is PUBLIC.
 */
const MEMBER_INDICATORS: ReadonlySet<string> = new Set(['ID08', 'ID09', 'AD06', 'AD09', 'RP03', 'RP09', 'EC01', 'EC02', 'EC03', 'EC04', 'EC05', 'EC06', 'EC07', 'EC08']);
/** Attributes with their own, stricter level; members see a RESTRICTED ID number masked (first 6 and last 4 kept). */
// the persons' ID numbers: the legal representative's (the spec), and the key persons' and natural-person shareholders' (added, the same level)
const ATTRIBUTE_LEVELS: Readonly<Record<string, Readonly<Record<string, Disclosure>>>> = {
  ID02: { idNumber: 'RESTRICTED' },
  ID03: { idNumber: 'RESTRICTED' },
  ID04: { idNumber: 'RESTRICTED' },
  ID10: { contactPhone: 'MEMBER' },
};
const MASKED_FOR_MEMBERS: ReadonlySet<string> = new Set(['ID02.idNumber', 'ID03.idNumber', 'ID04.idNumber']);
const levelOf = (code: string): Disclosure => (MEMBER_INDICATORS.has(code) ? 'MEMBER' : 'PUBLIC');

const ROLES: readonly Role[] = [
  { name: 'anonymous', token: async () => undefined, levels: ['PUBLIC'], anonymous: true },
  { name: 'bidding platform', token: () => serviceToken('svc-bidding-platform'), levels: ['PUBLIC'] },
  { name: 'member: tax bureau', token: () => serviceToken('svc-tax'), levels: ['PUBLIC', 'MEMBER'], agency: 'tax' },
  { name: 'member: court', token: () => userToken('court-clerk'), levels: ['PUBLIC', 'MEMBER'], agency: 'court' },
  { name: 'district submitter: aic 500103', token: () => serviceToken('svc-aic-yuzhong'), levels: ['PUBLIC', 'MEMBER'], agency: 'aic' },
  { name: 'credit administrator', token: () => serviceToken('svc-credit-admin'), levels: ['PUBLIC', 'MEMBER', 'RESTRICTED'] },
  { name: 'auditor', token: () => userToken('credit-auditor'), levels: ['PUBLIC'] },
  // the agency claim without the member role opens nothing beyond PUBLIC, not even the agency's own RESTRICTED attributes
  { name: 'submitter only: aic clerk', token: () => userToken('aic-clerk'), levels: ['PUBLIC'] },
  { name: 'no roles, agency claim aic', token: () => userToken('aic-guest'), levels: ['PUBLIC'] },
];

const served = (i: number): NewRecord[] =>
  Object.values(system.enterprise(i).records)
    .flat()
    .filter((r) => r.uscc !== null && isVisible('MEMBER', indicatorByCode(r.ind) as IndicatorSpec, r, todayIso()));

beforeAll(async () => {
  system = await startTestSystem(1500);
  const missing = new Set(INDICATORS.map((i) => i.code));
  sample = [];
  for (let i = 0; i < system.demo.size && missing.size > 0; i++) {
    const codes = new Set(
      served(i)
        .filter((r) => isVisible('PUBLIC', indicatorByCode(r.ind) as IndicatorSpec, r, todayIso()))
        .map((r) => r.ind),
    );
    if ([...codes].some((c) => missing.has(c))) {
      sample.push(i);
      for (const c of codes) missing.delete(c);
    }
  }
  expect([...missing]).toEqual([]);
  publicValues = new Set(
    sample.flatMap((i) =>
      served(i)
        .filter((r) => indicatorByCode(r.ind)?.disclosure === 'PUBLIC')
        .flatMap((r) =>
          Object.entries(r.data)
            .filter(([k]) => !indicatorByCode(r.ind)?.attributes.find((a) => a.name === k)?.disclosure)
            .map(([, v]) => v),
        )
        .filter((v): v is string => typeof v === 'string'),
    ),
  );
});
afterAll(() => system?.stop());

const selection = (ind: IndicatorSpec) => `${ind.field} { id agency ${ind.attributes.map((a) => a.name).join(' ')} }`;

type Errors = NonNullable<GraphQLResponse['errors']>;

function refusedPaths(errors: Errors | undefined, code: string): Set<string> {
  return new Set((errors ?? []).filter((e) => e.extensions?.['code'] === code).map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.')));
}

/** Checks one response of enterprises (gateway) or _entities (subgraph) against the catalogue. */
function checkMatrix(role: Role, indicators: readonly IndicatorSpec[], entities: Record<string, unknown>[], errors: Errors | undefined, root: string, indices: readonly number[] = sample): void {
  const code = role.anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  const refused = refusedPaths(errors, code);
  const everything = JSON.stringify({ entities, errors });
  entities.forEach((entity, n) => {
    const records = served(indices[n] ?? -1);
    for (const ind of indicators) {
      const value = entity[ind.field];
      const mayRead = role.levels.includes(levelOf(ind.code));
      if (!mayRead) {
        expect([role.name, ind.code, value ?? null]).toEqual([role.name, ind.code, null]);
        expect([role.name, ind.code, refused.has(`${root}.${ind.field}`)]).toEqual([role.name, ind.code, true]);
        // no value of a refused record leaks anywhere in the response
        for (const r of records.filter((x) => x.ind === ind.code)) {
          for (const v of Object.values(r.data)) {
            if (typeof v === 'string' && v.length >= 4 && !publicValues.has(v)) expect([role.name, ind.code, v, everything.includes(v)]).toEqual([role.name, ind.code, v, false]);
          }
        }
        continue;
      }
      const list = (ind.cardinality === 'ONE' ? (value ? [value] : []) : ((value as unknown[] | null) ?? [])) as Record<string, unknown>[];
      const expected = records.filter((r) => r.ind === ind.code && (role.levels.includes('MEMBER') || isVisible('PUBLIC', ind, r, todayIso())));
      expect([role.name, ind.code, list.length]).toEqual([role.name, ind.code, expected.length]);
      for (const [attribute, level] of Object.entries(ATTRIBUTE_LEVELS[ind.code] ?? {})) {
        for (const rec of list) {
          const source = records.find((r) => recordId(r) === rec['id']);
          const raw = source?.data[attribute];
          const full = role.levels.includes(level) || (level === 'RESTRICTED' && role.agency !== undefined && role.agency === rec['agency']);
          if (full) expect([role.name, ind.code, attribute, rec[attribute]]).toEqual([role.name, ind.code, attribute, raw ?? null]);
          else if (MASKED_FOR_MEMBERS.has(`${ind.code}.${attribute}`) && role.levels.includes('MEMBER')) expect(rec[attribute]).toBe(typeof raw === 'string' ? maskIdNumber(raw) : null);
          else {
            expect([role.name, ind.code, attribute, rec[attribute]]).toEqual([role.name, ind.code, attribute, null]);
            if (typeof raw === 'string') expect([role.name, attribute, everything.includes(raw)]).toEqual([role.name, attribute, false]);
          }
        }
      }
    }
  });
}

it("encodes the specification's disclosure levels: 39 indicators, and the attributes with a level of their own", () => {
  expect(INDICATORS).toHaveLength(39);
  expect(INDICATORS.map((i) => [i.code, i.disclosure])).toEqual(INDICATORS.map((i) => [i.code, levelOf(i.code)]));
  const ownLevels = Object.fromEntries(
    INDICATORS.flatMap((i) => {
      const levels = i.attributes.filter((a) => a.disclosure).map((a) => [a.name, a.disclosure]);
      return levels.length ? [[i.code, Object.fromEntries(levels)]] : [];
    }),
  );
  expect(ownLevels).toEqual(ATTRIBUTE_LEVELS);
  expect(INDICATORS.flatMap((i) => i.attributes.filter((a) => a.maskedForMembers).map((a) => `${i.code}.${a.name}`))).toEqual([...MASKED_FOR_MEMBERS]);
});

describe.each(ROLES.map((r) => [r.name, r] as const))('%s', (_name, role) => {
  it('sees exactly what the catalogue allows through the gateway', async () => {
    const fields = INDICATORS.map(selection).join(' ');
    if (role.anonymous) {
      // anonymous callers may ask for one enterprise at a time
      for (const i of sample) {
        const one = await system.query<{ enterprise: Record<string, unknown> }>(`query($u: ID!) { enterprise(uscc: $u) { uscc ${fields} } }`, { u: system.enterprise(i).directory.uscc });
        expect(one.status).toBe(200);
        checkMatrix(role, INDICATORS, one.data ? [one.data.enterprise] : [], one.errors, 'enterprise', [i]);
      }
      return;
    }
    const usccs = sample.map((i) => system.enterprise(i).directory.uscc);
    const res = await system.query<{ enterprises: Record<string, unknown>[] }>(`query($c: [ID!]!) { enterprises(usccs: $c) { uscc ${fields} } }`, { c: usccs }, await role.token());
    expect(res.status).toBe(200);
    expect(res.data?.enterprises).toHaveLength(usccs.length);
    checkMatrix(role, INDICATORS, res.data?.enterprises ?? [], res.errors, 'enterprises');
  });

  it('sees the same straight from each subgraph', async () => {
    const token = await role.token();
    for (const subgraph of ['identity', 'adverse', 'reputation', 'economic'] as const) {
      const indicators = INDICATORS.filter((i) => SUBGRAPH_OF[i.category] === subgraph);
      const representations = sample.map((i) => ({ __typename: 'Enterprise', uscc: system.enterprise(i).directory.uscc }));
      const res = await system.query<{ _entities: Record<string, unknown>[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { ${indicators.map(selection).join(' ')} } } }`,
        { r: representations },
        token,
        { url: system.subgraphs[subgraph].running.url },
      );
      expect(res.status).toBe(200);
      checkMatrix(role, indicators, res.data?._entities ?? [], res.errors, '_entities');
    }
  });
});

it('refuses MEMBER data to a member agency that states no purpose, and says why', async () => {
  const uscc = system.enterprise(sample[0] ?? 0).directory.uscc;
  const res = await system.query<{ enterprise: { name: string; totalAssets: unknown } }>(
    'query($u: ID!) { enterprise(uscc: $u) { name totalAssets { amount } } }',
    { u: uscc },
    await serviceToken('svc-tax'),
    { purpose: null },
  );
  expect(res.data?.enterprise.name).toBeDefined();
  expect(res.data?.enterprise.totalAssets).toBeNull();
  expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  expect(res.errors?.[0]?.message).toMatch(/x-query-purpose/);
});

it('answers 400 to a purpose that is not on the list', async () => {
  const res = await system.query('{ indicatorCatalogue { code } }', {}, await serviceToken('svc-tax'), { purpose: 'CURIOSITY' });
  expect(res.status).toBe(400);
  expect(res.errors?.[0]?.message).toMatch(/x-query-purpose must be one of SUPERVISION/);
});
