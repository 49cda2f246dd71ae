// Bearer tokens are validated on every hop against the running Keycloak: signature, expiry,
// issuer and audience. No token means an anonymous caller who sees PUBLIC data only.
import { postGraphQL, startTestSystem, type TestSystem } from './harness';
import { foreignRealmToken, serviceToken, userToken } from './tokens';

let system: TestSystem;
let uscc: string;

beforeAll(async () => {
  system = await startTestSystem(50);
  uscc = system.enterprise(0).directory.uscc;
});
afterAll(() => system?.stop());

const PROFILE = 'query($u: ID!) { enterprise(uscc: $u) { name totalAssets { amount } legalRepresentative { name idNumber } } }';

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  claims['realm_access'] = { roles: ['credit-admin'] };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('the gateway', () => {
  it('serves an anonymous caller PUBLIC data and refuses MEMBER data with UNAUTHENTICATED', async () => {
    const res = await system.query<{ enterprise: { name: string; totalAssets: unknown; legalRepresentative: { name: string; idNumber: string | null } } }>(PROFILE, { u: uscc });
    expect(res.status).toBe(200);
    expect(res.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
    expect(res.data?.enterprise.totalAssets).toBeNull();
    expect(res.data?.enterprise.legalRepresentative.idNumber).toBeNull();
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code']])).toEqual(
      expect.arrayContaining([
        ['enterprise.totalAssets', 'UNAUTHENTICATED'],
        ['enterprise.legalRepresentative.idNumber', 'UNAUTHENTICATED'],
      ]),
    );
  });

  it('gives a member agency MEMBER data and the legal representative ID number masked', async () => {
    const res = await system.query<{ enterprise: { totalAssets: unknown[]; legalRepresentative: { idNumber: string } } }>(PROFILE, { u: uscc }, await serviceToken('svc-court'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.enterprise.totalAssets.length).toBeGreaterThan(0);
    const full = String(system.enterprise(0).records.identity.find((r) => r.ind === 'ID02')?.data['idNumber']);
    expect(res.data?.enterprise.legalRepresentative.idNumber).toBe(`${full.slice(0, 6)}********${full.slice(-4)}`);
  });

  it('gives a bidding platform PUBLIC data only', async () => {
    const res = await system.query<{ enterprise: { name: string; totalAssets: unknown } }>(PROFILE, { u: uscc }, await userToken('bidding-operator'));
    expect(res.data?.enterprise.name).toBeDefined();
    expect(res.data?.enterprise.totalAssets).toBeNull();
    expect(res.errors?.find((e) => e.path?.join('.') === 'enterprise.totalAssets')?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('answers 401 to a token whose signature does not match its claims', async () => {
    const res = await system.query(PROFILE, { u: uscc }, tamper(await userToken('bidding-operator')));
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toMatch(/signature/);
    expect(res.data).toBeUndefined();
  });

  it('answers 401 to a token from another realm (wrong issuer)', async () => {
    const res = await system.query(PROFILE, { u: uscc }, await foreignRealmToken());
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toMatch(/issuer/);
  });

  it('accepts the Bearer scheme in any case, through the gateway and on to the subgraphs', async () => {
    const token = await serviceToken('svc-court');
    for (const scheme of ['bearer', 'BEARER', 'bEaReR ']) {
      const res = await postGraphQL<{ enterprise: { totalAssets: unknown[] } }>(
        system.gateway.url,
        { query: PROFILE, variables: { u: uscc } },
        { authorization: `${scheme} ${token}`, 'x-query-purpose': 'SUPERVISION' },
      );
      expect([scheme, res.status, res.errors]).toEqual([scheme, 200, undefined]);
      expect(res.data?.enterprise.totalAssets.length).toBeGreaterThan(0);
    }
  });

  it('answers 401 to a malformed Authorization header and to a token that is not a JWT', async () => {
    const basic = await postGraphQL(system.gateway.url, { query: '{ indicatorCatalogue { code } }' }, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect(basic.errors?.[0]?.message).toMatch(/Bearer/);
    const garbage = await system.query('{ indicatorCatalogue { code } }', {}, 'abc.def.ghi');
    expect(garbage.status).toBe(401);
    expect(garbage.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('answers 401 once a token has expired, with no clock leeway, though it was accepted (and remembered) before', async () => {
    const token = await userToken('credit-admin', 'credit-cli-short');
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number }).exp;
    const fresh = await system.query('{ indicatorCatalogue { code } }', {}, token);
    expect(fresh.status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 1_100));
    const res = await system.query('{ indicatorCatalogue { code } }', {}, token);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toMatch(/expired/);
  });
});

describe('a subgraph reached directly', () => {
  it('validates the token itself: a tampered token is refused with 401', async () => {
    const url = system.subgraphs.identity.running.url;
    const token = tamper(await userToken('bidding-operator'));
    const res = await system.query('{ indicatorCatalogue { code } }', {}, token, { url });
    expect(res.status).toBe(401);
  });

  it('applies the same access rules as through the gateway', async () => {
    const url = system.subgraphs.economic.running.url;
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { totalAssets { amount } } } }';
    const anonymous = await system.query(query, { r: [{ __typename: 'Enterprise', uscc }] }, undefined, { url });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const member = await system.query<{ _entities: { totalAssets: unknown[] }[] }>(query, { r: [{ __typename: 'Enterprise', uscc }] }, await serviceToken('svc-tax'), { url });
    expect(member.errors).toBeUndefined();
    expect(member.data?._entities[0]?.totalAssets.length).toBeGreaterThan(0);
  });
});
