// What a whole integration run leaves for its last check (logged-secrets.test.ts): every log line
// the system wrote and every token it was sent, in a folder global-setup empties at the start.
import { appendFileSync, openSync } from 'node:fs';
import path from 'node:path';

export const RUN_DIR_VARIABLE = 'CREDIT_TEST_RUN_DIR';

function runFile(name: string): string | undefined {
  const dir = process.env[RUN_DIR_VARIABLE];
  return dir ? path.join(dir, name) : undefined;
}

export const LOG_FILE = 'logs.ndjson';
export const TOKEN_FILE = 'tokens.txt';

export function recordLogLine(line: string): void {
  const file = runFile(LOG_FILE);
  if (file) appendFileSync(file, line.endsWith('\n') ? line : `${line}\n`);
}

export function recordToken(token: string): void {
  const file = runFile(TOKEN_FILE);
  if (file) appendFileSync(file, `${token}\n`);
}

/** A file descriptor a child process writes its output to, or 'ignore' outside a recorded run. */
export function childOutput(): number | 'ignore' {
  const file = runFile(LOG_FILE);
  return file ? openSync(file, 'a') : 'ignore';
}
