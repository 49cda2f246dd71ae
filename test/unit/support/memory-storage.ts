// A storage port held in memory, for the fast federation test: the planner and resolvers run
// against it without a database. Integration tests use the real adapters.
import type { EnterpriseEntry, NewRecord, RecordStore, StoredRecord, SubgraphStorage, SubgraphStores, SubmissionStore } from '../../../storage/port';
import { recordId } from '../../../storage/record-id';

export function memoryStorage(records: readonly NewRecord[], enterprises: readonly EnterpriseEntry[]): SubgraphStorage & { calls: number } {
  const receivedAt = new Date('2026-06-30T12:00:00Z');
  const stored: StoredRecord[] = records.map(({ naturalKey: _key, ...r }) => ({ ...r, id: recordId({ ...r, naturalKey: _key }), receivedAt }));
  const counter = { count: 0 };
  const counted = <T>(value: T): Promise<T> => {
    counter.count++;
    return Promise.resolve(value);
  };
  const project = (r: StoredRecord, fields: readonly string[]): StoredRecord => ({ ...r, data: Object.fromEntries(Object.entries(r.data).filter(([k]) => fields.includes(k))) });
  const unused = () => Promise.reject(new Error('not kept in memory'));
  const recordStore: RecordStore = {
    findFor: (usccs, indicators, fields) => counted(stored.filter((r) => r.uscc !== null && usccs.includes(r.uscc) && indicators.includes(r.ind)).map((r) => project(r, fields))),
    findForPersons: (hashes, indicator) => counted(stored.filter((r) => r.personHash !== undefined && hashes.includes(r.personHash) && r.ind === indicator)),
    findByIds: (ids) => counted(stored.filter((r) => ids.includes(r.id))),
    scan: unused,
    countFor: (usccs) => {
      const counts = new Map<string, { uscc: string; ind: string; count: number }>();
      for (const r of stored) {
        if (r.uscc === null || !usccs.includes(r.uscc)) continue;
        const key = `${r.uscc}|${r.ind}`;
        counts.set(key, { uscc: r.uscc, ind: r.ind, count: (counts.get(key)?.count ?? 0) + 1 });
      }
      return counted([...counts.values()]);
    },
    insertNew: unused,
    upsertMany: unused,
    delete: unused,
    setRepaired: unused,
    setDisplayed: unused,
  };
  const directory: SubgraphStores['directory'] = {
    findByUsccs: (usccs) => counted(enterprises.filter((e) => usccs.includes(e.uscc))),
    findByRegistrationNo: (no) => counted(enterprises.find((e) => e.registrationNo === no) ?? null),
    search: (mode, region, after, limit) =>
      counted(
        enterprises
          .filter((e) => (mode.kind === 'name' ? e.name.includes(mode.text) : mode.kind === 'uscc' ? e.uscc === mode.code : e.registrationNo === mode.code))
          .filter((e) => (region ? e.region === region : true) && (after ? e.uscc > after : true))
          .sort((a, b) => a.uscc.localeCompare(b.uscc))
          .slice(0, limit + 1),
      ),
    upsertMany: unused,
    count: () => counted(enterprises.length),
  };
  const submissions = new Proxy({}, { get: () => unused }) as SubmissionStore;
  const objections: SubgraphStores['objections'] = {
    file: unused,
    latestFor: () => Promise.resolve([]),
    findById: unused,
    queue: unused,
    decide: unused,
    dueBy: unused,
    markOverdue: unused,
    overdueByUnit: unused,
    evidence: unused,
  };
  const stores: SubgraphStores = {
    records: recordStore,
    directory,
    submissions,
    outbox: { append: unused },
    objections,
    subjectStatements: { save: unused, latestFor: () => Promise.resolve([]) },
    repairs: { apply: unused, latestFor: () => Promise.resolve([]), findById: unused, queue: unused, decide: unused, evidence: unused },
    commitments: { make: unused, ofEnterprises: () => Promise.resolve([]), findById: unused, recordBreach: unused },
    creditChecks: { save: unused, findById: unused, recordFeedback: unused, feedbackOf: unused, feedbackSummary: unused },
  };
  return {
    ...stores,
    transaction: (work) => work(stores),
    ping: () => Promise.resolve(true),
    statements: {
      get count() {
        return counter.count;
      },
      reset() {
        counter.count = 0;
      },
    },
    close: () => Promise.resolve(),
    get calls() {
      return counter.count;
    },
  };
}
