// The console's build output the gateway relies on (the persisted query manifest), the policy its
// pages are served with, and the CSV records a clerk uploads.
import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import { Client } from '@urql/core';
import { consoleExchanges } from '../../console/src/graphql/exchanges';
import { manifestOf } from '../../console/build/persisted-manifest';
import type { Request, Response } from 'express';
import { contentSecurityPolicy } from '../../gateway/console';
import { trustedDocuments } from '../../gateway/trusted-documents';
import { CsvRecords } from '../../submissions/csv-records';
import { indicatorByCode } from '../../schema/catalogue';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('persisted query manifest', () => {
  const search = 'query SearchEnterprises($query: String!) { searchEnterprises(query: $query) { edges { cursor } } }';
  const submit = 'mutation Submit($b: ID!) { submitAdverseRecords(batchId: $b, indicator: "AD01", records: []) { received } }';

  it("lists every operation under the SHA-256 of its body, with its name and type, in Apollo's format", () => {
    const manifest = manifestOf({ [sha256(search)]: search, [sha256(submit)]: submit });
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.version).toBe(1);
    expect(manifest.operations).toEqual([
      { id: sha256(search), name: 'SearchEnterprises', type: 'query', body: search },
      { id: sha256(submit), name: 'Submit', type: 'mutation', body: submit },
    ]);
  });

  it('refuses a document whose hash is not the SHA-256 of its body, which the gateway would never match', () => {
    expect(() => manifestOf({ ['sha256:' + sha256('query A { a }')]: 'query A { a }' })).toThrow(/does not hash to its id/);
  });

  it('the console client sends a manifest id and variables, never a query text, for queries and mutations alike', async () => {
    const sent: Record<string, unknown>[] = [];
    const client = new Client({
      url: 'http://gateway.invalid/graphql',
      exchanges: consoleExchanges(),
      fetch: async (_url, init) => {
        sent.push(JSON.parse(init?.body as string) as Record<string, unknown>);
        // a gateway without the console's manifest: the client must not fall back to sending the text
        return new Response(JSON.stringify({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    // what code generation emits: the document without source locations, and its id
    const document = (body: string) => Object.assign(parse(body, { noLocation: true }), { __meta__: { hash: sha256(body) } });
    expect((await client.query(document(search), { query: 'x' }).toPromise()).error?.message).toContain('PersistedQueryNotFound');
    await client.mutation(document(submit), { b: 'b-1' }).toPromise();
    expect(sent).toEqual([
      expect.objectContaining({ variables: { query: 'x' }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(search) } } }),
      expect.objectContaining({ variables: { b: 'b-1' }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(submit) } } }),
    ]);
    expect(sent.some((body) => 'query' in body)).toBe(false);
  });
});

describe('console operations at the gateway', () => {
  const body = 'query SearchEnterprises($q: String!) { searchEnterprises(query: $q) { edges { cursor } } }';
  const operations = new Map([[sha256(body), body]]);
  const run = (mode: 'off' | 'anonymous', request: Record<string, unknown>) => {
    const req = { method: 'POST', body: request, caller: { anonymous: true, roles: new Set() } } as unknown as Request;
    let status = 200;
    const res = { status: (s: number) => ((status = s), res), json: () => res } as unknown as Response;
    let passed = false;
    trustedDocuments({ mode, operations })(req, res, () => (passed = true));
    return { passed, status, query: (req.body as { query?: string }).query };
  };

  it.each(['off', 'anonymous'] as const)('runs an operation of the manifest sent by id alone (TRUSTED_DOCUMENTS=%s)', (mode) => {
    expect(run(mode, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(body) } } })).toEqual({ passed: true, status: 200, query: body });
  });

  it('leaves other operations to the mode: off runs them, anonymous refuses them', () => {
    const other = { query: '{ indicatorCatalogue { code } }' };
    expect(run('off', other).passed).toBe(true);
    expect(run('anonymous', other)).toMatchObject({ passed: false, status: 400 });
  });
});

describe('content security policy of the console', () => {
  it('lets the pages load and call their own origin and Keycloak only', () => {
    const policy = contentSecurityPolicy('http://127.0.0.1:8080/');
    const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8080']);
    expect(directives.get('frame-src')).toEqual(["'self'", 'http://127.0.0.1:8080']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe');
  });
});

describe('CSV records', () => {
  const penalties = () => new CsvRecords(indicatorByCode('AD01') ?? fail('AD01'));

  it('reads the header, then types cells by the catalogue and leaves empty cells out', () => {
    const csv = penalties();
    expect(csv.line('\uFEFFuscc,decisionNo,penaltyTypes,fineAmount,basis')).toEqual({ kind: 'header' });
    expect(csv.line('91500103000000007B,"渝工商罚〔2026〕1号, 附件",WARNING;FINE,1000.00,')).toEqual({
      kind: 'record',
      record: { uscc: '91500103000000007B', decisionNo: '渝工商罚〔2026〕1号, 附件', penaltyTypes: ['WARNING', 'FINE'], fineAmount: '1000.00' },
    });
  });

  it('keeps a column named __proto__ as an attribute, which validation then rejects, rather than dropping it', () => {
    const csv = penalties();
    csv.line('uscc,__proto__');
    const line = csv.line('91500103000000007B,x');
    expect(line.kind === 'record' && Object.keys(line.record as object)).toEqual(['uscc', '__proto__']);
  });

  it('numbers integers and years, and reports a line that does not fit the header or is not CSV', () => {
    const csv = new CsvRecords(indicatorByCode('EC07') ?? fail('EC07'));
    csv.line('uscc,year,count');
    expect(csv.line('91500103000000007B,2025,120')).toEqual({ kind: 'record', record: { uscc: '91500103000000007B', year: 2025, count: 120 } });
    expect(csv.line('91500103000000007B,2025')).toEqual({ kind: 'bad', message: 'the line has 2 cells, the header 3' });
    expect(csv.line('91500103000000007B,"2025,120')).toMatchObject({ kind: 'bad', message: expect.stringMatching(/^the line is not valid CSV/) });
  });
});

function fail(code: string): never {
  throw new Error(`${code} is not in the catalogue`);
}
