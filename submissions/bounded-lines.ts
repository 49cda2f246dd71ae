// Lines of a request body, read with back-pressure and within bounds: a line longer than
// `maxLineBytes` is reported and skipped without being held in memory, and the body stops being
// read once it passes `maxBodyBytes`. (readline keeps a whole line in memory, however long.)
import type { Readable } from 'node:stream';

export type BoundedLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'too-long'; readonly bytes: number } | { readonly kind: 'body-too-large' };

const NEWLINE = 0x0a;

export async function* boundedLines(input: Readable, maxLineBytes: number, maxBodyBytes: number): AsyncGenerator<BoundedLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let total = 0;
  const finish = (): BoundedLine | undefined => {
    if (skipping) {
      const bytes = pendingBytes;
      skipping = false;
      pending = [];
      pendingBytes = 0;
      return { kind: 'too-long', bytes };
    }
    const text = Buffer.concat(pending, pendingBytes).toString('utf8').replace(/\r$/, '');
    pending = [];
    pendingBytes = 0;
    return { kind: 'line', text };
  };
  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
    total += chunk.length;
    if (total > maxBodyBytes) {
      yield { kind: 'body-too-large' };
      return;
    }
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      const part = chunk.subarray(start, at);
      if (!skipping) pending.push(part);
      pendingBytes += part.length;
      if (pendingBytes > maxLineBytes) skipping = true;
      const line = finish();
      if (line) yield line;
      start = at + 1;
    }
    const rest = chunk.subarray(start);
    pendingBytes += rest.length;
    if (!skipping) {
      // a copy: the stream may reuse its buffer
      pending.push(Buffer.from(rest));
      if (pendingBytes > maxLineBytes) {
        skipping = true;
        pending = [];
      }
    }
  }
  if (pendingBytes > 0 || skipping) {
    const line = finish();
    if (line) yield line;
  }
}
