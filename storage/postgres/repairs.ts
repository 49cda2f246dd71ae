// Repair applications in PostgreSQL: one row each, evidence files in a table of their own (bytea),
// read only when a file is asked for. The partial unique index keeps one PENDING application per record.
import type { EvidenceFile, RepairApplication, RepairStatus, RepairStore } from '../port';
import type { Sql } from './connection';
import { loadEvidence, saveEvidence } from './evidence-files';

interface ApplicationRow {
  id: string;
  record_id: string;
  uscc: string;
  ind: string;
  owner_agency: string;
  owner_region: string;
  applicant: string;
  measures: string;
  evidence: RepairApplication['evidence'];
  commitment_id: string;
  filed_at: Date;
  due_at: Date;
  status: RepairStatus;
  decision: { reasons: string; by: string; at: string } | null;
}

const COLUMNS = 'id, record_id, uscc, ind, owner_agency, owner_region, applicant, measures, evidence, commitment_id, filed_at, due_at, status, decision';

function fromRow(r: ApplicationRow): RepairApplication {
  return {
    id: r.id,
    recordId: r.record_id,
    uscc: r.uscc,
    ind: r.ind,
    owner: { agency: r.owner_agency, region: r.owner_region },
    applicant: r.applicant,
    measures: r.measures,
    evidence: r.evidence,
    commitmentId: r.commitment_id,
    filedAt: r.filed_at,
    dueAt: r.due_at,
    status: r.status,
    decision: r.decision ? { ...r.decision, at: new Date(r.decision.at) } : null,
  };
}

export class PgRepairStore implements RepairStore {
  constructor(private readonly sql: Sql) {}

  async apply(a: RepairApplication, files: readonly EvidenceFile[]): Promise<RepairApplication | null> {
    const [row] = await this.sql.rows<ApplicationRow>(
      `INSERT INTO repair_applications (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL)
       ON CONFLICT (record_id) WHERE status = 'PENDING' DO NOTHING RETURNING ${COLUMNS}`,
      [a.id, a.recordId, a.uscc, a.ind, a.owner.agency, a.owner.region, a.applicant, a.measures, JSON.stringify(a.evidence), a.commitmentId, a.filedAt, a.dueAt, a.status],
    );
    if (!row) return null;
    await saveEvidence(this.sql, 'repair_evidence', 'application_id', a.id, files);
    return fromRow(row);
  }

  async latestFor(recordIds: readonly string[]): Promise<RepairApplication[]> {
    if (recordIds.length === 0) return [];
    const rows = await this.sql.rows<ApplicationRow>(`SELECT DISTINCT ON (record_id) ${COLUMNS} FROM repair_applications WHERE record_id = ANY($1) ORDER BY record_id, filed_at DESC`, [recordIds]);
    return rows.map(fromRow);
  }

  async findById(id: string): Promise<RepairApplication | null> {
    const [row] = await this.sql.rows<ApplicationRow>(`SELECT ${COLUMNS} FROM repair_applications WHERE id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  async queue(owner: { agency: string; region: string } | null, status: RepairStatus | null, limit: number): Promise<RepairApplication[]> {
    const rows = await this.sql.rows<ApplicationRow>(
      `SELECT ${COLUMNS} FROM repair_applications
        WHERE ($1::text IS NULL OR (owner_agency = $1 AND owner_region = $2)) AND ($3::text IS NULL OR status = $3)
        ORDER BY status = 'PENDING' DESC, CASE WHEN status = 'PENDING' THEN due_at END ASC, filed_at DESC LIMIT $4`,
      [owner?.agency ?? null, owner?.region ?? null, status, limit],
    );
    return rows.map(fromRow);
  }

  async decide(id: string, status: Exclude<RepairStatus, 'PENDING'>, decision: { reasons: string; by: string; at: Date }): Promise<RepairApplication | null> {
    const [row] = await this.sql.rows<ApplicationRow>(`UPDATE repair_applications SET status = $2, decision = $3 WHERE id = $1 AND status = 'PENDING' RETURNING ${COLUMNS}`, [
      id,
      status,
      JSON.stringify({ ...decision, at: decision.at.toISOString() }),
    ]);
    return row ? fromRow(row) : null;
  }

  evidence(applicationId: string, index: number): Promise<EvidenceFile | null> {
    return loadEvidence(this.sql, 'repair_evidence', 'application_id', applicationId, index);
  }
}
