// A subgraph's reads served by a read server (in the cluster: the synchronous standby, through
// HAProxy): reads go there and only there, writes to the leader, and a read server that cannot
// answer makes a read fail, never an empty answer.
import { Client } from 'pg';
import { databaseName, dropStorage, openSubgraphStorage } from '../../storage/index';
import { StoreUnavailableError, type NewRecord, type SubgraphStorage } from '../../storage/port';
import { recordId } from '../../storage/record-id';

const adminUrl = process.env['DATABASE_URL'];
const describePg = adminUrl ? describe : describe.skip;

const penalty = (decisionNo: string): NewRecord => ({
  uscc: '91500000MA5U000001',
  ind: 'AD01',
  agency: 'tax',
  agencyRegion: '500000',
  data: { decisionNo, decidedOn: '2026-05-01', fineAmount: '200.00' },
  naturalKey: [decisionNo],
});

describePg('reads from a read server', () => {
  const admin = adminUrl ?? '';
  const database = databaseName(`reads${process.pid}_${Date.now().toString(36)}`, 'adverse');
  const opened: SubgraphStorage[] = [];
  const open = async (readUrl?: string) => {
    const storage = await openSubgraphStorage(readUrl ? { kind: 'postgres', url: admin, readUrl } : { kind: 'postgres', url: admin }, database);
    opened.push(storage);
    return storage;
  };
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await dropStorage({ kind: 'postgres', url: admin }, database);
  });

  it('serves finds from the read server, as the service role, and writes on the leader', async () => {
    // the same server under another name: the read pool is a pool of its own
    const readUrl = Object.assign(new URL(admin), { hostname: new URL(admin).hostname === 'localhost' ? '127.0.0.1' : 'localhost', username: '', password: '' }).toString();
    const storage = await open(readUrl);
    await storage.records.insertNew([penalty('R-1')], new Date());
    const found = await storage.records.findByIds([recordId(penalty('R-1'))]);
    expect(found.map((r) => r.data['decisionNo'])).toEqual(['R-1']);

    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      const sessions = await client.query<{ application_name: string; usename: string }>('SELECT application_name, usename FROM pg_stat_activity WHERE datname = $1', [database]);
      expect(sessions.rows).toEqual(expect.arrayContaining([{ application_name: `credit-${database}-reads`, usename: database }]));
    } finally {
      await client.end();
    }
  });

  it('fails a read when the read server does not answer (never an empty list), while writes still land', async () => {
    const closed = Object.assign(new URL(admin), { port: '1', username: '', password: '' }).toString();
    const storage = await open(closed);
    await storage.records.insertNew([penalty('R-2')], new Date());
    await expect(storage.records.findFor(['91500000MA5U000001'], ['AD01'], ['decisionNo'])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(storage.directory.findByUsccs(['91500000MA5U000001'])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(storage.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    // a change that reads its record first reads it on the leader, in its transaction
    const onLeader = await storage.transaction((tx) => tx.records.findByIds([recordId(penalty('R-2'))]));
    expect(onLeader).toHaveLength(1);
  });
});
