// Least privilege enforced by PostgreSQL itself: each service logs in as its own role, which may
// do only what the service does. The audit trail cannot be changed or deleted by the gateway's
// role, history and reports cannot be rewritten, and no role reaches another service's database.
import { Client } from 'pg';
import { databaseName, dropStorage, openAuditStore, openSubgraphStorage } from '../../storage/index';
import { provision, roleSecret } from '../../storage/postgres/provision';

const adminUrl = process.env['DATABASE_URL'];
const describePg = adminUrl ? describe : describe.skip;

describePg('PostgreSQL roles', () => {
  const prefix = `priv${process.pid}_${Date.now().toString(36)}`;
  const admin = adminUrl ?? '';
  const roleUrl = (schema: 'subgraph' | 'audit', part: string) => provision(admin, schema, databaseName(prefix, part), databaseName(prefix, part), roleSecret(admin, process.env));

  async function as<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (err: { code?: string }) => err.code,
    );

  beforeAll(async () => {
    for (const part of ['identity', 'adverse']) await (await openSubgraphStorage({ kind: 'postgres', url: admin }, databaseName(prefix, part))).close();
    await (await openAuditStore({ kind: 'postgres', url: admin }, databaseName(prefix, 'audit'))).close();
  });
  afterAll(async () => {
    for (const part of ['identity', 'adverse', 'audit']) await dropStorage({ kind: 'postgres', url: admin }, databaseName(prefix, part));
  });

  it('lets any number of services provision one database and role at once (the gateway and the dispatcher both use the audit one)', async () => {
    const fresh = `${prefix}_race`;
    try {
      const urls = await Promise.all(Array.from({ length: 6 }, () => provision(admin, 'audit', databaseName(fresh, 'audit'), databaseName(fresh, 'audit'), roleSecret(admin, process.env))));
      expect(new Set(urls).size).toBe(1);
      await as(urls[0] ?? '', async (c) => expect((await c.query('SELECT count(*)::int AS n FROM audit_events')).rows[0]).toEqual({ n: 0 }));
    } finally {
      await dropStorage({ kind: 'postgres', url: admin }, databaseName(fresh, 'audit'));
    }
  });

  it("lets the gateway's role append to and read the audit trail, never change, delete or truncate it", async () => {
    await as(await roleUrl('audit', 'audit'), async (c) => {
      await c.query(`INSERT INTO audit_events (id, time, enterprises, event) VALUES ('e-1', now(), '{}', '{}')`);
      expect((await c.query('SELECT count(*)::int AS n FROM audit_events')).rows[0]).toEqual({ n: 1 });
      expect(await refusal(c.query(`UPDATE audit_events SET subject = 'forged'`))).toBe('42501');
      expect(await refusal(c.query('DELETE FROM audit_events'))).toBe('42501');
      expect(await refusal(c.query('TRUNCATE audit_events'))).toBe('42501');
      expect(await refusal(c.query('DROP TABLE audit_events'))).toBe('42501');
      expect(await refusal(c.query('ALTER TABLE audit_events DISABLE TRIGGER ALL'))).toBe('42501');
    });
  });

  it("lets the gateway's role enter and read issued reports, never rewrite or remove one", async () => {
    await as(await roleUrl('audit', 'audit'), async (c) => {
      await c.query(`INSERT INTO issued_reports (number, issued_at, uscc, version, pdf_sha256, attestation, pdf) VALUES ('R1', now(), 'u', 'PUBLIC', 'h', '{}', '\\x00')`);
      expect((await c.query('SELECT count(*)::int AS n FROM issued_reports')).rows[0]).toEqual({ n: 1 });
      expect(await refusal(c.query(`UPDATE issued_reports SET pdf_sha256 = 'forged'`))).toBe('42501');
      expect(await refusal(c.query('DELETE FROM issued_reports'))).toBe('42501');
      expect(await refusal(c.query('TRUNCATE issued_reports'))).toBe('42501');
    });
  });

  it("lets a subgraph's role change records but never rewrite history, reports or quarantine, nor create tables", async () => {
    await as(await roleUrl('subgraph', 'adverse'), async (c) => {
      await c.query(`INSERT INTO records (id, ind, agency, agency_region, received_at, data) VALUES ('r-1', 'AD01', 'tax', '500000', now(), '{}')`);
      await c.query(`UPDATE records SET repaired_on = '2026-01-01' WHERE id = 'r-1'`);
      await c.query(`DELETE FROM records WHERE id = 'r-1'`);
      expect(await refusal(c.query('UPDATE record_history SET reason = NULL'))).toBe('42501');
      expect(await refusal(c.query('DELETE FROM record_history'))).toBe('42501');
      expect(await refusal(c.query('UPDATE submission_batches SET accepted = 0'))).toBe('42501');
      expect(await refusal(c.query('DELETE FROM quarantine'))).toBe('42501');
      expect(await refusal(c.query('CREATE TABLE stash (x text)'))).toBe('42501');
      expect(await refusal(c.query('SELECT * FROM schema_migrations'))).toBe('42501');
    });
  });

  it("keeps each service's role out of every other service's database", async () => {
    const adverse = new URL(await roleUrl('subgraph', 'adverse'));
    adverse.pathname = `/${databaseName(prefix, 'identity')}`;
    expect(await refusal(as(adverse.toString(), (c) => c.query('SELECT 1')))).toBe('42501');
    const auditRole = new URL(await roleUrl('audit', 'audit'));
    auditRole.pathname = `/${databaseName(prefix, 'adverse')}`;
    expect(await refusal(as(auditRole.toString(), (c) => c.query('SELECT 1')))).toBe('42501');
  });
});
