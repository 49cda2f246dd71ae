// Credit commitments in PostgreSQL: one row each; the breach, once recorded, is kept as it is.
import type { Commitment, CommitmentBreach, CommitmentStore, CommitmentType } from '../port';
import type { Sql } from './connection';

interface CommitmentRow {
  id: string;
  uscc: string;
  type: CommitmentType;
  text: string;
  made_at: Date;
  recipient_agency: string | null;
  recipient_region: string | null;
  record_id: string | null;
  by_subject: string;
  breach: (Omit<CommitmentBreach, 'at'> & { at: string }) | null;
}

const COLUMNS = 'id, uscc, type, text, made_at, recipient_agency, recipient_region, record_id, by_subject, breach';

function fromRow(r: CommitmentRow): Commitment {
  return {
    id: r.id,
    uscc: r.uscc,
    type: r.type,
    text: r.text,
    madeAt: r.made_at,
    recipient: r.recipient_agency !== null && r.recipient_region !== null ? { agency: r.recipient_agency, region: r.recipient_region } : null,
    recordId: r.record_id,
    by: r.by_subject,
    breach: r.breach ? { ...r.breach, at: new Date(r.breach.at) } : null,
  };
}

export class PgCommitmentStore implements CommitmentStore {
  constructor(private readonly sql: Sql) {}

  async make(c: Commitment): Promise<void> {
    await this.sql.rows(`INSERT INTO commitments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL) ON CONFLICT (id) DO NOTHING`, [
      c.id,
      c.uscc,
      c.type,
      c.text,
      c.madeAt,
      c.recipient?.agency ?? null,
      c.recipient?.region ?? null,
      c.recordId,
      c.by,
    ]);
  }

  async ofEnterprises(usccs: readonly string[], perEnterprise: number): Promise<Commitment[]> {
    if (usccs.length === 0) return [];
    const rows = await this.sql.rows<CommitmentRow>(
      `SELECT ${COLUMNS} FROM (SELECT *, row_number() OVER (PARTITION BY uscc ORDER BY made_at DESC, id) AS n FROM commitments WHERE uscc = ANY($1)) c
        WHERE n <= $2 ORDER BY made_at DESC, id`,
      [usccs, perEnterprise],
    );
    return rows.map(fromRow);
  }

  async findById(id: string): Promise<Commitment | null> {
    const [row] = await this.sql.rows<CommitmentRow>(`SELECT ${COLUMNS} FROM commitments WHERE id = $1`, [id]);
    return row ? fromRow(row) : null;
  }

  async recordBreach(id: string, breach: CommitmentBreach): Promise<Commitment | null> {
    const [row] = await this.sql.rows<CommitmentRow>(`UPDATE commitments SET breach = $2 WHERE id = $1 AND breach IS NULL RETURNING ${COLUMNS}`, [
      id,
      JSON.stringify({ ...breach, at: breach.at.toISOString() }),
    ]);
    return row ? fromRow(row) : null;
  }
}
