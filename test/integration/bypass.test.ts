// The same rule whatever the spelling and whatever the hop: root fields judged as executed
// (fragments, @include), subgraphs applying the policy themselves, person links by level.
import { HOP_SIGNATURE_HEADER, signHop } from '../../platform/hop-signature';
import { startTestSystem, type TestSystem } from './harness';
import { serviceToken, userToken } from './tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(20);
});
afterAll(() => system?.stop());

const codes = () => [system.enterprise(0).directory.uscc, system.enterprise(1).directory.uscc];
const subgraphUrl = (name: 'identity' | 'adverse' | 'reputation' | 'economic') => system.subgraphs[name].running.url;

describe('an anonymous caller', () => {
  it.each([
    ['an inline fragment', 'query($c: [ID!]!) { ... on Query { enterprises(usccs: $c) { name } } }'],
    ['nested inline fragments', 'query($c: [ID!]!) { ... on Query { ... on Query { ... { enterprises(usccs: $c) { name } } } } }'],
    ['a fragment spread', 'query($c: [ID!]!) { ...F } fragment F on Query { ... on Query { enterprises(usccs: $c) { name } } }'],
    ['@include(if: true)', 'query($c: [ID!]!) { enterprises(usccs: $c) @include(if: true) { name } }'],
    ['@include with a variable', 'query($c: [ID!]!, $yes: Boolean!) { ... @include(if: $yes) { enterprises(usccs: $c) { name } } }'],
    ['beside a public field', 'query($c: [ID!]!) { indicatorCatalogue { code } ... on Query { enterprises(usccs: $c) { name } } }'],
  ])('is refused enterprises spelled with %s', async (_how, query) => {
    const res = await system.query(query, { c: codes(), yes: true });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('may still use the public queries through fragments, and skipped fields do not count', async () => {
    const res = await system.query<{ enterprise: { name: string } }>('query($u: ID!, $c: [ID!]!) { ... on Query { enterprise(uscc: $u) { name } } enterprises(usccs: $c) @skip(if: true) { name } }', {
      u: codes()[0],
      c: codes(),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
  });

  it('is refused enterprises and bidderCheck straight on the identity subgraph', async () => {
    const res = await system.query('query($c: [ID!]!) { ... on Query { enterprises(usccs: $c) { uscc } } }', { c: codes() }, undefined, { url: subgraphUrl('identity') });
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('gets no bidder verdict from any subgraph through _entities', async () => {
    const identity = await system.query<{ bidderCheck: { results: { checkId: string }[] } }>(
      'query($c: [ID!]!) { bidderCheck(usccs: $c) { results { checkId } } }',
      { c: codes() },
      await serviceToken('svc-bidding-platform'),
      { url: subgraphUrl('identity') },
    );
    const checkId = identity.data?.bidderCheck.results[0]?.checkId;
    expect(checkId).toBeDefined();
    const representations = [{ __typename: 'BidderVerdict', checkId, legalRepresentative: { personKey: 'x', maskedIdNumber: null } }];
    for (const [subgraph, selection] of [
      ['identity', 'verdict hits { rule } legalRepresentative { maskedIdNumber }'],
      ['adverse', 'adverseHits { rule summary }'],
      ['reputation', 'reputationHits { rule }'],
    ] as const) {
      const res = await system.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on BidderVerdict { ${selection} } } }`, { r: representations }, undefined, {
        url: subgraphUrl(subgraph),
      });
      expect([subgraph, res.errors?.[0]?.extensions?.['code']]).toEqual([subgraph, 'UNAUTHENTICATED']);
      expect(JSON.stringify(res.data ?? null)).not.toMatch(/rule|summary|maskedIdNumber/);
    }
  });

  it('cannot follow a legal representative to the other enterprises of the same person', async () => {
    const query = 'query($u: ID!) { enterprise(uscc: $u) { name legalRepresentative { name person { representedEnterprises { uscc } } } } }';
    const anonymous = await system.query<{ enterprise: { name: string; legalRepresentative: { person: unknown } } }>(query, { u: codes()[0] });
    expect(anonymous.data?.enterprise.name).toBeDefined();
    expect(anonymous.data?.enterprise.legalRepresentative.person).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const bidding = await system.query<{ enterprise: { legalRepresentative: { person: unknown } } }>(query, { u: codes()[0] }, await userToken('bidding-operator'));
    expect(bidding.data?.enterprise.legalRepresentative.person).toBeNull();
    expect(bidding.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const member = await system.query<{ enterprise: { legalRepresentative: { person: { representedEnterprises: { uscc: string }[] } } } }>(query, { u: codes()[0] }, await serviceToken('svc-tax'));
    expect(member.errors).toBeUndefined();
    expect(member.data?.enterprise.legalRepresentative.person.representedEnterprises.map((e) => e.uscc)).toContain(codes()[0]);
  });

  it('cannot reach a person straight on the subgraphs either', async () => {
    for (const [subgraph, selection] of [
      ['identity', 'representedEnterprises { uscc }'],
      ['adverse', 'dishonestJudgmentDebtor { caseNo }'],
    ] as const) {
      const res = await system.query(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`, { r: [{ __typename: 'Person', personKey: 'any' }] }, undefined, {
        url: subgraphUrl(subgraph),
      });
      expect([subgraph, res.errors?.[0]?.extensions?.['code']]).toEqual([subgraph, 'UNAUTHENTICATED']);
    }
  });
});

describe('a subgraph reached directly', () => {
  it('answers only requests the gateway signed: none unsigned, stale, forged or moved to another body', async () => {
    const token = await serviceToken('svc-tax');
    const query = '{ indicatorCatalogue { code } }';
    const url = subgraphUrl('identity');
    const send = (headers: Record<string, string>, body = JSON.stringify({ query })) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-query-purpose': 'SUPERVISION', ...headers }, body });
    const body = JSON.stringify({ query });
    const authorization = `Bearer ${token}`;
    const refusals: [string, Record<string, string>, string?][] = [
      ['unsigned', {}],
      ['malformed', { [HOP_SIGNATURE_HEADER]: 'x' }],
      ['stale', { [HOP_SIGNATURE_HEADER]: signHop(system.hopKey, { body, authorization }, Date.now() - 120_000) }],
      ['another key', { [HOP_SIGNATURE_HEADER]: signHop('k'.repeat(43), { body, authorization }) }],
      ['another body', { [HOP_SIGNATURE_HEADER]: signHop(system.hopKey, { body, authorization }) }, JSON.stringify({ query: '{ enterprises(usccs: []) { uscc } }' })],
      ['another token', { [HOP_SIGNATURE_HEADER]: signHop(system.hopKey, { body, authorization: 'Bearer other' }) }],
    ];
    for (const [what, headers, other] of refusals) {
      const res = await send(headers, other);
      expect([what, res.status]).toEqual([what, 401]);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    expect((await send({ [HOP_SIGNATURE_HEADER]: signHop(system.hopKey, { body, authorization }) })).status).toBe(200);
  });

  it('takes at most 2,000 representations in one _entities request', async () => {
    const r = Array.from({ length: 2_001 }, () => ({ __typename: 'Enterprise', uscc: '91500000000000000X' }));
    const res = await system.query('query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', { representations: r }, undefined, {
      url: subgraphUrl('economic'),
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/^representations: at most 2000/);
  });

  it('does not give its SDL to anyone, administrators included', async () => {
    for (const [token, status] of [
      [undefined, 401],
      [await serviceToken('svc-credit-admin'), 403],
    ] as const) {
      const res = await system.query('{ _service { sdl } }', {}, token, { url: subgraphUrl('identity') });
      expect(res.status).toBe(status);
      expect(res.errors?.[0]?.extensions?.['code']).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(JSON.stringify(res)).not.toMatch(/@inaccessible|type Query/);
    }
  });

  it('answers a forged data-quality period key with BAD_USER_INPUT, not an internal error', async () => {
    for (const periodKey of ['not-json', Buffer.from('null').toString('base64url'), Buffer.from('{"from":1}').toString('base64url')]) {
      const res = await system.query(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on DataQualityReport { adverse { agency } } } }',
        { r: [{ __typename: 'DataQualityReport', periodKey }] },
        await serviceToken('svc-credit-admin'),
        { url: subgraphUrl('adverse') },
      );
      expect([periodKey, res.errors?.[0]?.extensions?.['code']]).toEqual([periodKey, 'BAD_USER_INPUT']);
    }
  });

  it('suggests no field names and applies the same limits as the gateway', async () => {
    const typo = await system.query('{ indicatorCatalog { code } }', {}, undefined, { url: subgraphUrl('identity') });
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    // nor enum values, inline or in variables, at the subgraph or the gateway
    const bidding = await serviceToken('svc-bidding-platform');
    const check = 'query($q: QualificationRequirementInput) { bidderCheck(usccs: ["91500000000000000X"], requiredQualification: $q) { ruleSetVersion } }';
    for (const url of [subgraphUrl('identity'), system.gateway.url]) {
      const inVariable = await system.query(check, { q: { type: '建筑工程施工总承包', minGrade: 'SECND' } }, bidding, { url });
      expect(inVariable.errors?.[0]?.message).toMatch(/SECND/);
      expect(inVariable.errors?.[0]?.message).not.toMatch(/Did you mean|SECOND/);
      const inline = await system.query('{ bidderCheck(usccs: ["91500000000000000X"], requiredQualification: { type: "x", minGrade: SECND }) { ruleSetVersion } }', {}, bidding, { url });
      expect(inline.errors?.[0]?.message).not.toMatch(/Did you mean|SECOND/);
    }
    const aliases = Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ');
    const res = await system.query(`{ ${aliases} }`, {}, undefined, { url: subgraphUrl('adverse') });
    expect(res.errors?.[0]).toMatchObject({ message: 'the query has too many aliases', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });
});
