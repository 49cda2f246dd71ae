// The console's build output the gateway relies on (the persisted query manifest), the policy its
// pages are served with, and the CSV records a clerk uploads.
import { createHash } from 'node:crypto';
import { manifestOf } from '../../console/build/persisted-manifest';
import { contentSecurityPolicy } from '../../gateway/console';
import { CsvRecords } from '../../gateway/csv-records';
import { indicatorByCode } from '../../schema/catalogue';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('persisted query manifest', () => {
  it("lists every operation under the SHA-256 of its body, with its name and type, in Apollo's format", () => {
    const search = 'query SearchEnterprises($query: String!) { searchEnterprises(query: $query) { edges { cursor } } }';
    const submit = 'mutation Submit($b: ID!) { submitAdverseRecords(batchId: $b, indicator: "AD01", records: []) { received } }';
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
