// Cross-subgraph queries through the gateway, with real tokens, services and demo data.
import { indicatorByCode, type IndicatorSpec } from '../../schema/catalogue';
import { isVisible } from '../../schema/display-windows';
import { usccCheckChar } from '../../schema/identifiers';
import { todayIso } from '../../schema/today';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

let system: TestSystem;
let admin: string;

beforeAll(async () => {
  system = await startTestSystem(300);
  admin = await serviceToken('svc-credit-admin');
});
afterAll(() => system?.stop());

function firstIndexWith(predicate: (i: number) => boolean): number {
  for (let i = 0; i < system.demo.size; i++) if (predicate(i)) return i;
  throw new Error('no demo enterprise matches');
}

describe('one query across all four subgraphs', () => {
  it('returns identity, adverse, reputation and economic data of one enterprise', async () => {
    const AD01 = indicatorByCode('AD01') as IndicatorSpec;
    const shown = (r: { ind: string; data: Record<string, unknown> }) => r.ind === 'AD01' && isVisible('MEMBER', AD01, r, todayIso());
    const i = firstIndexWith((n) => system.enterprise(n).records.adverse.some(shown));
    const demo = system.enterprise(i);
    const penalty = demo.records.adverse.find(shown);
    const res = await system.query<{ enterprise: Record<string, unknown> }>(
      `query Profile($uscc: ID!) {
        enterprise(uscc: $uscc) {
          uscc name region
          registration { name establishedOn registrationAuthority }
          legalRepresentative { name idNumber }
          administrativePenalties { id decisionNo severity agency agencyRegion receivedAt }
          taxCreditRatings { year grade }
          totalAssets { year amount }
        }
      }`,
      { uscc: demo.directory.uscc },
      admin,
    );
    expect(res.errors).toBeUndefined();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a whole profile, checked field by field below
    const e = res.data?.enterprise as Record<string, any>;
    expect(e['uscc']).toBe(demo.directory.uscc);
    expect(e['name']).toBe(demo.directory.name);
    expect(e['registration'].name).toBe(demo.directory.name);
    const rep = demo.records.identity.find((r) => r.ind === 'ID02');
    expect(e['legalRepresentative']).toEqual({ name: rep?.data['name'], idNumber: rep?.data['idNumber'] });
    expect(e['administrativePenalties']).toEqual(expect.arrayContaining([expect.objectContaining({ decisionNo: penalty?.data['decisionNo'], agency: penalty?.agency })]));
    const assets = demo.records.economic.filter((r) => r.ind === 'EC01').map((r) => ({ year: r.data['year'], amount: r.data['amount'] }));
    expect(e['totalAssets']).toEqual(assets.sort((a, b) => Number(b.year) - Number(a.year)));
    for (const a of e['totalAssets']) expect(a.amount).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('finds an enterprise by its legacy registration number', async () => {
    const i = firstIndexWith((n) => system.enterprise(n).directory.registrationNo !== undefined);
    const demo = system.enterprise(i).directory;
    const res = await system.query<{ enterprise: { uscc: string } }>('query($no: String) { enterprise(registrationNo: $no) { uscc } }', { no: demo.registrationNo });
    expect(res.data?.enterprise.uscc).toBe(demo.uscc);
  });
});

describe('enterprises(usccs:)', () => {
  it('keeps the order asked and answers null for unknown codes', async () => {
    const codes = [5, 1, 17].map((i) => system.enterprise(i).directory.uscc);
    const unknown = '91500103MA5U0000X';
    const unknownCode = unknown + usccCheckChar(unknown);
    const res = await system.query<{ enterprises: ({ uscc: string } | null)[] }>(
      'query($c: [ID!]!) { enterprises(usccs: $c) { uscc operatingStatus { status } } }',
      { c: [codes[0], unknownCode, codes[1], codes[2]] },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.enterprises.map((e) => e?.uscc ?? null)).toEqual([codes[0], null, codes[1], codes[2]]);
  });
});

describe('searchEnterprises', () => {
  type Page = { searchEnterprises: { edges: { cursor: string; node: { uscc: string; name: string; region: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  const SEARCH = `query($q: String!, $region: String, $first: Int, $after: String) {
    searchEnterprises(query: $q, region: $region, first: $first, after: $after) {
      edges { cursor node { uscc name region } } pageInfo { hasNextPage endCursor }
    }
  }`;
  const allNames = () => Array.from({ length: system.demo.size }, (_, i) => system.enterprise(i).directory);

  it('finds every enterprise whose name contains a substring, page by page, without overlap', async () => {
    const expected = allNames()
      .filter((d) => d.name.includes('建筑工程'))
      .map((d) => d.uscc)
      .sort();
    expect(expected.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof system.query<Page>>> = await system.query<Page>(SEARCH, { q: '建筑工程', first: 4, after });
      expect(res.errors).toBeUndefined();
      const page = res.data?.searchEnterprises;
      if (!page) throw new Error('no page');
      seen.push(...page.edges.map((e) => e.node.uscc));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });

  it('finds by name prefix and filters by region', async () => {
    const target = system.enterprise(3).directory;
    const prefix = target.name.slice(0, 4);
    const expected = allNames()
      .filter((d) => d.name.startsWith(prefix) && d.region === target.region)
      .map((d) => d.uscc)
      .sort();
    const res = await system.query<Page>(SEARCH, { q: prefix, region: target.region, first: 100 });
    expect(res.data?.searchEnterprises.edges.map((e) => e.node.uscc)).toEqual(expected);
  });

  it('finds by exact code', async () => {
    const target = system.enterprise(7).directory;
    const res = await system.query<Page>(SEARCH, { q: target.uscc });
    expect(res.data?.searchEnterprises.edges.map((e) => e.node.uscc)).toEqual([target.uscc]);
  });
});

describe('indicatorCatalogue', () => {
  it('lists the 39 indicators with their categories and disclosure', async () => {
    const res = await system.query<{ indicatorCatalogue: { code: string; category: string; field: string; disclosure: string; attributes: { name: string }[] }[] }>(
      '{ indicatorCatalogue { code category field disclosure attributes { name } } }',
    );
    const list = res.data?.indicatorCatalogue ?? [];
    expect(list).toHaveLength(39);
    expect(list.find((i) => i.code === 'AD08')).toMatchObject({ category: 'ADVERSE', field: 'dishonestJudgmentDebtor', disclosure: 'PUBLIC' });
    expect(list.find((i) => i.code === 'EC01')?.disclosure).toBe('MEMBER');
  });
});
