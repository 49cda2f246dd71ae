// Statements in PostgreSQL: one row per record, replaced by a newer statement.
import type { Statement, StatementStore } from '../port';
import type { Sql } from './connection';

export class PgStatementStore implements StatementStore {
  constructor(private readonly sql: Sql) {}

  async save(s: Statement): Promise<void> {
    await this.sql.rows(
      `INSERT INTO statements (record_id, uscc, text, by_subject, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (record_id) DO UPDATE SET uscc = EXCLUDED.uscc, text = EXCLUDED.text, by_subject = EXCLUDED.by_subject, at = EXCLUDED.at`,
      [s.recordId, s.uscc, s.text, s.by, s.at],
    );
  }

  async latestFor(recordIds: readonly string[]): Promise<Statement[]> {
    if (recordIds.length === 0) return [];
    const rows = await this.sql.rows<{ record_id: string; uscc: string; text: string; by_subject: string; at: Date }>(
      'SELECT record_id, uscc, text, by_subject, at FROM statements WHERE record_id = ANY($1)',
      [recordIds],
    );
    return rows.map((r) => ({ recordId: r.record_id, uscc: r.uscc, text: r.text, by: r.by_subject, at: r.at }));
  }
}
