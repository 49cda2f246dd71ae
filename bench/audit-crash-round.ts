// One round of the crash check: a steady load of member queries, each under an operation name of
// its own, against a gateway that is killed part-way; then which of the answers that carried data
// have no audit event. Used by test/integration/audit-crash.test.ts and bench/audit-crash.ts.

export interface CrashRoundOptions {
  readonly url: string;
  readonly token: string;
  readonly uscc: string;
  readonly round: number;
  /** Queries in flight at once. */
  readonly concurrency?: number;
  /** How long the load runs before the kill, in ms (a random part is added). */
  readonly killAfterMs?: number;
  readonly kill: () => void;
  /** Of these operation names, those the audit trail holds. */
  readonly audited: (names: string[]) => Promise<string[]>;
}

export interface CrashRoundResult {
  /** Operation names whose answer, with data, reached the client. */
  readonly disclosed: string[];
  readonly missing: string[];
  readonly sent: number;
}

export async function crashRound(options: CrashRoundOptions): Promise<CrashRoundResult> {
  const disclosed: string[] = [];
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const name = `Crash${options.round}_${next++}`;
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, 'x-query-purpose': 'SUPERVISION' },
          body: JSON.stringify({ query: `query ${name}($u: ID!) { enterprise(uscc: $u) { name annualReports { year contactPhone } } }`, variables: { u: options.uscc } }),
        });
        const body = (await res.json()) as { data?: { enterprise?: unknown } };
        if (res.status === 200 && body.data?.enterprise) disclosed.push(name);
      } catch {
        // the gateway is gone: the load ends
        stopped = true;
      }
    }
  };
  const workers = Array.from({ length: options.concurrency ?? 8 }, worker);
  await new Promise((r) => setTimeout(r, (options.killAfterMs ?? 500) + Math.random() * 300));
  options.kill();
  await Promise.all(workers);
  const found = new Set(await options.audited(disclosed));
  return { disclosed, missing: disclosed.filter((n) => !found.has(n)), sent: next };
}
