// The gateway's call to a subgraph: a query whose connection was cut is sent once more (it reads,
// so sending it twice changes nothing); a mutation never is (it may have been acted on).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetcherWithTimeout } from '../../gateway/data-source';

let server: http.Server;
let url: string;
const seen: string[] = [];
let cutNext = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(body);
      // an instance killed mid-answer: the connection ends without a response
      if (cutNext > 0) {
        cutNext--;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const fetcher = fetcherWithTimeout('adverse', 5_000, 5_000, 'k'.repeat(32));
const post = (query: string) => fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

it('sends a query again once when its connection is cut, and answers', async () => {
  cutNext = 1;
  const res = await post('query { enterprise(uscc: "x") { name } }');
  expect(await res.json()).toEqual({ data: { ok: true } });
  expect(seen).toHaveLength(2);
});

it('gives up on a query after the second cut, as unavailable', async () => {
  cutNext = 2;
  await expect(post('{ enterprise(uscc: "x") { name } }')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  expect(seen).toHaveLength(2);
});

it('never sends a mutation twice', async () => {
  cutNext = 1;
  await expect(post('mutation { submitAdverseRecords(batchId: "b", indicator: "AD04", records: []) { accepted } }')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  expect(seen).toHaveLength(1);
});
