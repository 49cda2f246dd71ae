// A masked error's cause is logged, with its stack, under the request id; an error the client
// reads in full is not logged as a failure.
import { GraphQLError } from 'graphql';
import { createLogger } from '../../platform/logger';
import { operationLog, type LoggedContext } from '../../platform/request-log';
import { StoreUnavailableError } from '../../storage/port';

async function encounter(errors: GraphQLError[]): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('test', { LOG_LEVEL: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const plugin = operationLog<LoggedContext>(logger, 'test');
  const listener = await plugin.requestDidStart?.({} as never);
  await listener?.didEncounterErrors?.({ errors, contextValue: { requestId: 'req-1' }, operationName: 'Op' } as never);
  return lines;
}

it('logs the cause and stack of an error the client only sees as "internal error"', async () => {
  const cause = new TypeError('cannot read properties of undefined');
  const lines = await encounter([new GraphQLError('cannot read properties of undefined', { originalError: cause, path: ['enterprise', 'name'] })]);
  expect(lines).toEqual([
    expect.objectContaining({
      level: 50,
      msg: 'masked error',
      requestId: 'req-1',
      operationName: 'Op',
      path: ['enterprise', 'name'],
      err: expect.objectContaining({ type: 'TypeError', stack: expect.stringContaining('TypeError') }),
    }),
  ]);
});

it('logs a database failure with its cause, and leaves a bad argument alone', async () => {
  const down = new GraphQLError('credit database is unavailable', { originalError: new StoreUnavailableError(new Error('connect ECONNREFUSED')) });
  const bad = new GraphQLError('uscc: not valid', { extensions: { code: 'BAD_USER_INPUT' } });
  const lines = await encounter([down, bad]);
  expect(lines).toHaveLength(1);
  expect(JSON.stringify(lines[0])).toContain('ECONNREFUSED');
});

it('never writes an authorization header or token it is given', () => {
  const lines: string[] = [];
  const logger = createLogger('test', { LOG_LEVEL: 'info' }, { write: (line: string) => void lines.push(line) });
  logger.info({ headers: { authorization: 'Bearer abc.def.ghi' }, token: 'abc.def.ghi', password: 'pw' }, 'x');
  expect(lines.join('')).not.toMatch(/abc\.def\.ghi|"pw"/);
});
