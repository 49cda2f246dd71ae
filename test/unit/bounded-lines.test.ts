import { Readable } from 'node:stream';
import { boundedLines, type BoundedLine } from '../../submissions/bounded-lines';

async function collect(pieces: (string | Buffer)[], maxLine: number, maxBody = 1e9): Promise<BoundedLine[]> {
  const out: BoundedLine[] = [];
  for await (const l of boundedLines(Readable.from(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))), maxLine, maxBody)) out.push(l);
  return out;
}

it('splits lines across pieces, keeps multi-byte characters whole and drops a trailing CR', async () => {
  const text = Buffer.from('{"a":"重庆"}\r\n{"b":1}\n');
  expect(await collect([text.subarray(0, 8), text.subarray(8)], 100)).toEqual([
    { kind: 'line', text: '{"a":"重庆"}' },
    { kind: 'line', text: '{"b":1}' },
  ]);
  expect(await collect(['last line without newline'], 100)).toEqual([{ kind: 'line', text: 'last line without newline' }]);
});

it('reports a line over the limit by its size and goes on with the next, without keeping it', async () => {
  const long = 'x'.repeat(50);
  const lines = await collect(['ok\n', long.slice(0, 20), long.slice(20), '\nafter\n'], 10);
  expect(lines).toEqual([
    { kind: 'line', text: 'ok' },
    { kind: 'too-long', bytes: 50 },
    { kind: 'line', text: 'after' },
  ]);
  expect(await collect([long], 10)).toEqual([{ kind: 'too-long', bytes: 50 }]);
});

it('stops at the body limit', async () => {
  const lines = await collect(['a\n', 'b\n', 'c\n'], 10, 4);
  expect(lines).toEqual([{ kind: 'line', text: 'a' }, { kind: 'line', text: 'b' }, { kind: 'body-too-large' }]);
});
