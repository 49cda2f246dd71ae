// Objections in PostgreSQL: one row each, evidence files in a table of their own (bytea), read
// only when a file is asked for. The partial unique index keeps one OPEN objection per record.
import type { EvidenceFile, Objection, ObjectionStatus, ObjectionStore, OverdueCount } from '../port';
import type { Sql } from './connection';
import { loadEvidence, saveEvidence } from './evidence-files';

interface ObjectionRow {
  id: string;
  record_id: string;
  uscc: string | null;
  ind: string;
  owner_agency: string;
  owner_region: string;
  filed_by: Objection['filedBy'];
  grounds: string;
  evidence: Objection['evidence'];
  filed_at: Date;
  due_at: Date;
  status: ObjectionStatus;
  overdue: boolean;
  decision: { reasons: string; by: string; at: string } | null;
}

const COLUMNS = 'id, record_id, uscc, ind, owner_agency, owner_region, filed_by, grounds, evidence, filed_at, due_at, status, overdue, decision';

function fromRow(r: ObjectionRow): Objection {
  return {
    id: r.id,
    recordId: r.record_id,
    uscc: r.uscc,
    ind: r.ind,
    owner: { agency: r.owner_agency, region: r.owner_region },
    filedBy: r.filed_by,
    grounds: r.grounds,
    evidence: r.evidence,
    filedAt: r.filed_at,
    dueAt: r.due_at,
    status: r.status,
    overdue: r.overdue,
    decision: r.decision ? { ...r.decision, at: new Date(r.decision.at) } : null,
  };
}

export class PgObjectionStore implements ObjectionStore {
  constructor(private readonly sql: Sql) {}

  async file(o: Objection, files: readonly EvidenceFile[]): Promise<Objection | null> {
    const rows = await this.sql.rows<ObjectionRow>(
      `INSERT INTO objections (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL)
       ON CONFLICT (record_id) WHERE status = 'OPEN' DO NOTHING RETURNING ${COLUMNS}`,
      [o.id, o.recordId, o.uscc, o.ind, o.owner.agency, o.owner.region, JSON.stringify(o.filedBy), o.grounds, JSON.stringify(o.evidence), o.filedAt, o.dueAt, o.status, o.overdue],
    );
    const [row] = rows;
    if (!row) return null;
    await saveEvidence(this.sql, 'objection_evidence', 'objection_id', o.id, files);
    return fromRow(row);
  }

  async latestFor(recordIds: readonly string[]): Promise<Objection[]> {
    if (recordIds.length === 0) return [];
    const rows = await this.sql.rows<ObjectionRow>(`SELECT DISTINCT ON (record_id) ${COLUMNS} FROM objections WHERE record_id = ANY($1) ORDER BY record_id, filed_at DESC`, [recordIds]);
    return rows.map(fromRow);
  }

  async findById(id: string): Promise<Objection | null> {
    const [row] = await this.sql.rows<ObjectionRow>(`SELECT ${COLUMNS} FROM objections WHERE id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  async queue(owner: { agency: string; region: string } | null, status: ObjectionStatus | null, limit: number): Promise<Objection[]> {
    const rows = await this.sql.rows<ObjectionRow>(
      `SELECT ${COLUMNS} FROM objections
        WHERE ($1::text IS NULL OR (owner_agency = $1 AND owner_region = $2)) AND ($3::text IS NULL OR status = $3)
        ORDER BY status = 'OPEN' DESC, CASE WHEN status = 'OPEN' THEN due_at END ASC, filed_at DESC LIMIT $4`,
      [owner?.agency ?? null, owner?.region ?? null, status, limit],
    );
    return rows.map(fromRow);
  }

  async decide(id: string, status: Exclude<ObjectionStatus, 'OPEN'>, decision: { reasons: string; by: string; at: Date }): Promise<Objection | null> {
    const [row] = await this.sql.rows<ObjectionRow>(`UPDATE objections SET status = $2, decision = $3 WHERE id = $1 AND status = 'OPEN' RETURNING ${COLUMNS}`, [
      id,
      status,
      JSON.stringify({ ...decision, at: decision.at.toISOString() }),
    ]);
    return row ? fromRow(row) : null;
  }

  async dueBy(at: Date, limit: number): Promise<Objection[]> {
    const rows = await this.sql.rows<ObjectionRow>(`SELECT ${COLUMNS} FROM objections WHERE status = 'OPEN' AND NOT overdue AND due_at <= $1 ORDER BY due_at LIMIT $2`, [at, limit]);
    return rows.map(fromRow);
  }

  async markOverdue(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.sql.rows(`UPDATE objections SET overdue = true WHERE id = ANY($1) AND status = 'OPEN'`, [ids]);
  }

  async overdueByUnit(): Promise<OverdueCount[]> {
    const rows = await this.sql.rows<{ owner_agency: string; owner_region: string; n: string; earliest: Date }>(
      `SELECT owner_agency, owner_region, count(*) AS n, min(due_at) AS earliest FROM objections WHERE status = 'OPEN' AND overdue
        GROUP BY owner_agency, owner_region ORDER BY owner_agency, owner_region`,
      [],
    );
    return rows.map((r) => ({ agency: r.owner_agency, region: r.owner_region, count: Number(r.n), earliestDueAt: r.earliest }));
  }

  evidence(objectionId: string, index: number): Promise<EvidenceFile | null> {
    return loadEvidence(this.sql, 'objection_evidence', 'objection_id', objectionId, index);
  }
}
