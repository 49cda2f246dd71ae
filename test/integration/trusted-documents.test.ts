// Trusted documents: with TRUSTED_DOCUMENTS=anonymous, callers without a token run only the
// manifest's operations (by id, or the same text); signed-in callers run any operation and keep
// automatic persisted queries.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadManifest } from '../../gateway/trusted-documents';
import { postGraphQL, startTestSystem, type TestSystem } from './harness';
import { serviceToken } from './tokens';

const SEARCH = 'query PublicSearch($q: String!) { searchEnterprises(query: $q, first: 5) { edges { node { uscc name } } } }';
const id = (body: string) => createHash('sha256').update(body).digest('hex');
const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
const manifest = path.join(dir, 'manifest.json');
writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: id(SEARCH), name: 'PublicSearch', type: 'query', body: SEARCH }] }));

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem(5, { TRUSTED_DOCUMENTS: 'anonymous', TRUSTED_DOCUMENTS_MANIFEST: manifest });
});
afterAll(() => system?.stop());

const byId = (hash: string, variables: Record<string, unknown>) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

it('lets an anonymous caller run a manifest operation by its id or by its text', async () => {
  const q = system.enterprise(0).directory.name.slice(0, 4);
  const viaId = await postGraphQL<{ searchEnterprises: { edges: unknown[] } }>(system.gateway.url, byId(id(SEARCH), { q }));
  expect(viaId.status).toBe(200);
  expect(viaId.data?.searchEnterprises.edges.length).toBeGreaterThan(0);
  const viaText = await postGraphQL(system.gateway.url, { query: SEARCH, variables: { q } });
  expect(viaText.status).toBe(200);
  expect(viaText.errors).toBeUndefined();
});

it('refuses an anonymous caller any other operation, by text or by an id it made up', async () => {
  const other = await postGraphQL(system.gateway.url, { query: '{ indicatorCatalogue { code } }' });
  expect(other.status).toBe(400);
  expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } });
  const madeUp = await postGraphQL(system.gateway.url, byId(id('{ indicatorCatalogue { code } }'), {}));
  expect(madeUp.status).toBe(400);
  expect(madeUp.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_ALLOWED');
});

it('lets signed-in callers run any operation, with automatic persisted queries', async () => {
  const headers = { authorization: `Bearer ${await serviceToken('svc-tax')}`, 'x-query-purpose': 'SUPERVISION' };
  const query = 'query Codes { indicatorCatalogue { code } }';
  const first = await postGraphQL(system.gateway.url, byId(id(query), {}), headers);
  expect(first.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  const registered = await postGraphQL<{ indicatorCatalogue: unknown[] }>(system.gateway.url, { query, ...byId(id(query), {}) }, headers);
  expect(registered.data?.indicatorCatalogue).toHaveLength(39);
  const again = await postGraphQL<{ indicatorCatalogue: unknown[] }>(system.gateway.url, byId(id(query), {}), headers);
  expect(again.data?.indicatorCatalogue).toHaveLength(39);
});

it('refuses a manifest whose ids are not the hashes of their operations', () => {
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'abc', name: 'X', type: 'query', body: SEARCH }] }));
  expect(() => loadManifest(bad)).toThrow(/has no body whose SHA-256 is its id/);
});
