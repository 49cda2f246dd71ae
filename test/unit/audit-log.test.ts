// The audit trail's writer: a recorded event is in the database before record() resolves, and
// concurrent ones share a write; flush() covers everything appended before it; a buffered event
// survives failed writes, in order; the buffer is bounded; close() writes what is left.
import { ANONYMOUS } from '../../auth/caller';
import { buildAuditEvent, type AuditEvent } from '../../audit/audit-event';
import { AuditLog, AuditUnavailableError } from '../../audit/audit-log';
import { parse } from 'graphql';

const event = (n: number): AuditEvent => buildAuditEvent({ caller: ANONYMOUS, operationName: `op${n}`, startedAt: Date.now() });

it('does not wait for the database on append, and flushes in batches', async () => {
  const written: AuditEvent[][] = [];
  const log = new AuditLog(async (events) => void written.push([...events]), { flushIntervalMs: 60_000, batchSize: 3, maxRetryDelayMs: 10 });
  for (let n = 0; n < 7; n++) log.append(event(n));
  expect(await log.close()).toBe(0);
  expect(written.flat().map((e) => e.operationName)).toEqual(['op0', 'op1', 'op2', 'op3', 'op4', 'op5', 'op6']);
  expect(Math.max(...written.map((w) => w.length))).toBeLessThanOrEqual(3);
});

it('keeps events through failed flushes and writes them, in order, once the sink recovers', async () => {
  let failuresLeft = 2;
  const written: string[] = [];
  const log = new AuditLog(
    async (events) => {
      if (failuresLeft-- > 0) throw new Error('database down');
      written.push(...events.map((e) => e.operationName ?? ''));
    },
    { flushIntervalMs: 5, batchSize: 100, maxRetryDelayMs: 20 },
  );
  log.append(event(1));
  log.append(event(2));
  await new Promise((r) => setTimeout(r, 150));
  log.append(event(3));
  expect(await log.close()).toBe(0);
  expect(written).toEqual(['op1', 'op2', 'op3']);
});

it('flush() resolves only once every event appended before it is written, even with a write under way', async () => {
  const written: string[] = [];
  let release: () => void = () => undefined;
  let calls = 0;
  const log = new AuditLog(
    async (events) => {
      // the first write is held open while more events arrive
      if (calls++ === 0) await new Promise<void>((r) => (release = r));
      written.push(...events.map((e) => e.operationName ?? ''));
    },
    { flushIntervalMs: 60_000, batchSize: 100, maxRetryDelayMs: 10 },
  );
  log.append(event(1));
  const first = log.flush();
  log.append(event(2));
  log.append(event(3));
  const second = log.flush();
  release();
  await Promise.all([first, second]);
  // writes run side by side: the trail is ordered by time, not by arrival
  expect([...written].sort()).toEqual(['op1', 'op2', 'op3']);
  await log.close();
});

it('record() resolves only after the event is written, and concurrent records share writes (group commit)', async () => {
  const batches: string[][] = [];
  const log = new AuditLog(
    async (events) => {
      await new Promise((r) => setTimeout(r, 20));
      batches.push(events.map((e) => e.operationName ?? ''));
    },
    { flushIntervalMs: 60_000, batchSize: 500, maxRetryDelayMs: 10 },
  );
  const done: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, (_, n) =>
      log.record(event(n)).then(() => {
        // resolved only once its own event is among the written ones
        expect(batches.flat()).toContain(`op${n}`);
        done.push(n);
      }),
    ),
  );
  expect(done).toHaveLength(50);
  expect(batches.flat()).toHaveLength(50);
  // the first writes (4 at most at once) carry one event each; everything recorded meanwhile goes in the next
  expect(batches.length).toBeLessThanOrEqual(6);
  await log.close();
});

it('writes recorded events side by side, at most maxConcurrentWrites at once, so an answer waits for one write, not for the one before it', async () => {
  let running = 0;
  let most = 0;
  const log = new AuditLog(
    async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    },
    { flushIntervalMs: 60_000, batchSize: 500, maxRetryDelayMs: 10, maxConcurrentWrites: 3 },
  );
  await Promise.all(Array.from({ length: 10 }, (_, n) => log.record(event(n))));
  expect(most).toBe(3);
  await log.close();
});

it('record() rejects when the write fails; the recorded event is dropped (its answer is withheld), buffered ones are kept', async () => {
  let down = true;
  const written: string[] = [];
  const log = new AuditLog(
    async (events) => {
      if (down) throw new Error('database down');
      written.push(...events.map((e) => e.operationName ?? ''));
    },
    { flushIntervalMs: 60_000, batchSize: 100, maxRetryDelayMs: 10 },
  );
  log.append(event(1));
  await expect(log.record(event(2))).rejects.toBeInstanceOf(AuditUnavailableError);
  expect(log.pending).toBe(1);
  down = false;
  await log.record(event(3));
  expect(written).toEqual(['op1', 'op3']);
  await log.close();
});

it('with patience, keeps an answer waiting through a short outage and writes its event once the database is back; past it, fails the answer', async () => {
  let down = true;
  const written: string[] = [];
  const log = new AuditLog(
    async (events) => {
      if (down) throw new Error('leader changing');
      written.push(...events.map((e) => e.operationName ?? ''));
    },
    { flushIntervalMs: 60_000, batchSize: 100, maxRetryDelayMs: 10, recordPatienceMs: 2_000, retryDelayMs: 20 },
  );
  const waiting = log.record(event(1));
  let settled = false;
  void waiting.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, 200));
  // several attempts have failed; the answer still waits
  expect(settled).toBe(false);
  down = false;
  await waiting;
  expect(written).toEqual(['op1']);

  down = true;
  const started = Date.now();
  await expect(log.record(event(2))).rejects.toBeInstanceOf(AuditUnavailableError);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  expect(written).toEqual(['op1']);
  down = false;
  await log.close();
});

it('bounds what waits during an outage: past the limit, appending and recording are refused', async () => {
  const log = new AuditLog(async () => Promise.reject(new Error('down')), { flushIntervalMs: 60_000, batchSize: 100, maxRetryDelayMs: 10, maxPending: 3 });
  expect([1, 2, 3, 4].map((n) => log.append(event(n)))).toEqual([true, true, true, false]);
  await expect(log.record(event(5))).rejects.toBeInstanceOf(AuditUnavailableError);
  expect(log.pending).toBe(3);
  expect(await log.close(50)).toBe(3);
});

it('reports what it could not write by the shutdown deadline', async () => {
  const log = new AuditLog(async () => Promise.reject(new Error('down')), { flushIntervalMs: 60_000, batchSize: 10, maxRetryDelayMs: 10 });
  log.append(event(1));
  expect(await log.close(200)).toBe(1);
});

it('records enterprises from arguments, variables and results, and the indicators selected', () => {
  const document = parse('query P($u: ID!) { a: enterprise(uscc: $u) { totalAssets { amount } legalRepresentative { name } } b: enterprise(uscc: "91350100M000100Y43") { uscc } }');
  const e = buildAuditEvent({
    caller: ANONYMOUS,
    document,
    query: 'q',
    variables: { u: '91110000600037341L' },
    data: { a: null, b: { uscc: '91350100M000100Y43' } },
    errors: [{ path: ['a', 'totalAssets'], extensions: { code: 'UNAUTHENTICATED' } }],
    startedAt: Date.now(),
  });
  expect(e.enterprises).toEqual(['91110000600037341L', '91350100M000100Y43']);
  expect(e.indicators).toEqual(['EC01', 'ID02']);
  expect(e.refused).toEqual([{ path: 'a.totalAssets', code: 'UNAUTHENTICATED' }]);
  expect(e.outcome).toBe('PARTIAL');
  expect(e.documentHash).toMatch(/^[0-9a-f]{64}$/);
});
