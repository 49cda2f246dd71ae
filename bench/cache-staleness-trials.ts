// The trials of the entity cache's staleness benchmark (bench/cache-staleness.ts), shared with
// its integration test (test/integration/entity-cache.test.ts), which runs fewer of them.
import { todayIso } from '../schema/today';

export interface TrialClient {
  /** Posts a GraphQL request to `url` with `token` (and a purpose where given); answers data and errors. */
  query<T>(url: string, query: string, variables: Record<string, unknown>, token: string, purpose: string | null): Promise<{ data?: T | null; errors?: { message: string }[] }>;
}

export interface TrialSetting {
  readonly client: TrialClient;
  /** The gateway changes are made through, and the one they are read back through at once. */
  readonly gatewayA: string;
  readonly gatewayB: string;
  /**
   * Enterprises the trials change: one list per worker, so expectations do not cross; a worker
   * takes its enterprises in turn, so none collects more penalties than one page of them (100).
   */
  readonly enterprises: readonly (readonly string[])[];
  /** The submitting unit (city market regulation), an objecting agency, and the enterprise of `subject.uscc` signed in as itself. */
  readonly tokens: { readonly submitter: () => Promise<string>; readonly objector: () => Promise<string>; readonly subject: { readonly uscc: string; readonly token: () => Promise<string> } };
  readonly trials: number;
  /** Name prefix of the batches and decision numbers, unique per run. */
  readonly runId: string;
}

export interface TrialOutcome {
  readonly trials: number;
  /** Reads after a change that did not show it, by the gateway they went through. */
  readonly staleB: number;
  readonly staleA: number;
  readonly byKind: Record<string, number>;
  /** Examples of what a stale read showed. */
  readonly examples: string[];
  readonly backgroundReads: number;
  readonly errors: string[];
}

const READ = `query($u: ID!) { enterprise(uscc: $u) { uscc administrativePenalties { id decisionNo fineAmount repairedOn objection { status } statement { text } } } }`;
const SUBMIT = 'mutation($b: ID!, $r: [JSON!]!) { submitAdverseRecords(batchId: $b, indicator: "AD01", records: $r) { acceptedIds rejections { message } } }';
const WITHDRAW = 'mutation($r: ID!) { withdrawAdverseRecord(recordId: $r, reason: "经核查录入有误") { recordId } }';
const REPAIR = 'mutation($r: ID!, $d: Date!) { repairAdverseRecord(recordId: $r, repairedOn: $d, reason: "违法行为已整改完毕") { recordId } }';
const OBJECT = 'mutation($r: ID!) { fileAdverseObjection(recordId: $r, grounds: "处罚对象有误") { id status } }';
const STATE = 'mutation($r: ID!, $t: String!) { makeAdverseStatement(recordId: $r, text: $t) { text } }';

interface Penalty {
  id: string;
  decisionNo: string;
  fineAmount: string | null;
  repairedOn: string | null;
  objection: { status: string } | null;
  statement: { text: string } | null;
}
type Read = { enterprise: { administrativePenalties: Penalty[] | null } | null };

const KINDS = ['create', 'correct', 'withdraw', 'repair', 'objection', 'statement'] as const;
type Kind = (typeof KINDS)[number];

/** A decision two years back: past every repair period, still within its display window for members. */
const decidedOn = (): string => todayIso(new Date(Date.now() - 2 * 365 * 86_400_000));

function penalty(uscc: string, decisionNo: string, fine: string): Record<string, unknown> {
  return { uscc, decisionNo, decidedOn: decidedOn(), authority: '重庆市市场监督管理局', violation: '未按规定公示年度报告', penaltyTypes: ['FINE'], fineAmount: fine, severity: 'GENERAL' };
}

export async function runStalenessTrials(setting: TrialSetting): Promise<TrialOutcome> {
  const { client, gatewayA, gatewayB, tokens } = setting;
  const outcome = {
    trials: 0,
    staleA: 0,
    staleB: 0,
    byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<string, number>,
    examples: [] as string[],
    backgroundReads: 0,
    errors: [] as string[],
  };
  const read = async (url: string, uscc: string): Promise<Penalty[]> => {
    const res = await client.query<Read>(url, READ, { u: uscc }, await tokens.submitter(), 'SUPERVISION');
    const list = res.data?.enterprise?.administrativePenalties;
    if (!list) throw new Error(`read of ${uscc} failed: ${JSON.stringify(res.errors)}`);
    return list;
  };
  const must = async <T>(what: string, p: Promise<{ data?: T | null; errors?: { message: string }[] }>): Promise<T> => {
    const res = await p;
    if (!res.data || res.errors?.length) throw new Error(`${what}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  let sequence = 0;
  const submit = async (uscc: string, decisionNo: string, fine: string): Promise<string> => {
    const data = await must<{ submitAdverseRecords: { acceptedIds: string[]; rejections: { message: string }[] } }>(
      'submission',
      client.query(gatewayA, SUBMIT, { b: `${setting.runId}-${++sequence}`, r: [penalty(uscc, decisionNo, fine)] }, await tokens.submitter(), null),
    );
    const [id] = data.submitAdverseRecords.acceptedIds;
    if (!id) throw new Error(`submission rejected: ${JSON.stringify(data.submitAdverseRecords.rejections)}`);
    return id;
  };

  let running = true;
  const background = async (): Promise<void> => {
    for (let i = 0; running; i++) {
      const all = setting.enterprises.flat();
      const uscc = all[i % all.length] ?? '';
      await read(i % 2 === 0 ? gatewayA : gatewayB, uscc).catch(() => undefined);
      outcome.backgroundReads++;
    }
  };

  const worker = async (usccs: readonly string[], w: number): Promise<void> => {
    // per enterprise, the record this worker made and can still change (each kind needs a fresh or an active one)
    const records = new Map<string, { id: string; decisionNo: string } | null>();
    let changes = 0;
    for (let t = w, turn = 0; t < setting.trials; t += setting.enterprises.length, turn++) {
      const uscc = usccs[turn % usccs.length] ?? '';
      let current = records.get(uscc) ?? null;
      // the changes of an existing record in turn; a new record where there is none to change
      const next: Kind = current ? (KINDS[(changes++ % (KINDS.length - 1)) + 1] ?? 'correct') : 'create';
      // statements are the enterprise's own (its account speaks for one): elsewhere, a correction instead
      const kind: Kind = next === 'statement' && uscc !== tokens.subject.uscc ? 'correct' : next;
      await read(gatewayA, uscc);
      await read(gatewayB, uscc);
      let expect: (list: Penalty[]) => boolean;
      const fine = `${1000 + t}.00`;
      if (kind === 'create' || !current) {
        const decisionNo = `渝市监罚〔2026〕${setting.runId}-${w}-${t}号`;
        const id = await submit(uscc, decisionNo, fine);
        current = { id, decisionNo };
        expect = (list) => list.some((p) => p.decisionNo === decisionNo && p.fineAmount === fine);
      } else if (kind === 'correct') {
        const decisionNo: string = current.decisionNo;
        current = { id: await submit(uscc, decisionNo, fine), decisionNo };
        expect = (list) => list.filter((p) => p.decisionNo === decisionNo).every((p) => p.fineAmount === fine) && list.some((p) => p.decisionNo === decisionNo);
      } else if (kind === 'withdraw') {
        const { id } = current;
        await must('withdrawal', client.query(gatewayA, WITHDRAW, { r: id }, await tokens.submitter(), null));
        current = null;
        expect = (list) => !list.some((p) => p.id === id);
      } else if (kind === 'repair') {
        const { id } = current;
        const on = todayIso();
        await must('repair', client.query(gatewayA, REPAIR, { r: id, d: on }, await tokens.submitter(), null));
        current = null;
        expect = (list) => list.find((p) => p.id === id)?.repairedOn === on;
      } else if (kind === 'objection') {
        const { id } = current;
        await must('objection', client.query(gatewayA, OBJECT, { r: id }, await tokens.objector(), 'SUPERVISION'));
        // one open objection a record: the next trial starts from a new record
        current = null;
        expect = (list) => list.find((p) => p.id === id)?.objection?.status === 'OPEN';
      } else {
        const { id } = current;
        const text = `已整改完毕（第${t}次说明）`;
        await must('statement', client.query(gatewayA, STATE, { r: id, t: text }, await tokens.subject.token(), null));
        expect = (list) => list.find((p) => p.id === id)?.statement?.text === text;
      }
      records.set(uscc, current);
      const [fromB, fromA] = [await read(gatewayB, uscc), await read(gatewayA, uscc)];
      outcome.trials++;
      outcome.byKind[kind] = (outcome.byKind[kind] ?? 0) + 1;
      if (!expect(fromB)) {
        outcome.staleB++;
        if (outcome.examples.length < 5) outcome.examples.push(`${kind} on ${uscc} not shown by the second gateway`);
      }
      if (!expect(fromA)) {
        outcome.staleA++;
        if (outcome.examples.length < 5) outcome.examples.push(`${kind} on ${uscc} not shown by the first gateway`);
      }
    }
  };

  const readers = [background(), background()];
  try {
    await Promise.all(setting.enterprises.map((usccs, w) => worker(usccs, w)));
  } catch (err) {
    outcome.errors.push(err instanceof Error ? err.message : String(err));
  } finally {
    running = false;
    await Promise.all(readers);
  }
  return outcome;
}
