// Credit checks in PostgreSQL: one row per check, its results as JSON (read back whole, never
// queried inside), and one row of feedback per check, subject and measure.
import type { CheckFeedback, CreditCheckStore, FeedbackAction, FeedbackSummaryRow, StoredCheck } from '../port';
import type { Sql } from './connection';
import { measuresFound } from '../check-counts';

interface CheckRow {
  id: string;
  scenario: string;
  as_of: string;
  reference: string | null;
  rule_set_version: string;
  checked_at: Date;
  agency: string | null;
  region: string | null;
  subject: string;
  results: StoredCheck['results'];
  related_parties: StoredCheck['relatedParties'];
}

export class PgCreditCheckStore implements CreditCheckStore {
  constructor(private readonly sql: Sql) {}

  async save(c: StoredCheck): Promise<void> {
    await this.sql.rows(
      `INSERT INTO credit_checks (id, scenario, as_of, reference, rule_set_version, checked_at, agency, region, subject, measures_found, results, related_parties)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.scenario, c.asOf, c.reference, c.ruleSetVersion, c.checkedAt, c.agency, c.region, c.subject, measuresFound(c), JSON.stringify(c.results), JSON.stringify(c.relatedParties)],
    );
  }

  async findById(id: string): Promise<StoredCheck | null> {
    const [r] = await this.sql.rows<CheckRow>(
      `SELECT id, scenario, to_char(as_of, 'YYYY-MM-DD') AS as_of, reference, rule_set_version, checked_at, agency, region, subject, results, related_parties FROM credit_checks WHERE id = $1`,
      [id],
    );
    if (!r) return null;
    return {
      id: r.id,
      scenario: r.scenario,
      asOf: r.as_of,
      reference: r.reference,
      ruleSetVersion: r.rule_set_version,
      checkedAt: r.checked_at,
      agency: r.agency,
      region: r.region,
      subject: r.subject,
      results: r.results,
      relatedParties: r.related_parties,
    };
  }

  async recordFeedback(f: CheckFeedback): Promise<void> {
    await this.sql.rows(
      `INSERT INTO check_feedback (check_id, uscc, measure, action, reason, by_subject, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (check_id, uscc, measure) DO UPDATE SET action = EXCLUDED.action, reason = EXCLUDED.reason, by_subject = EXCLUDED.by_subject, at = EXCLUDED.at`,
      [f.checkId, f.uscc, f.measure, f.action, f.reason, f.by, f.at],
    );
  }

  async feedbackOf(checkId: string): Promise<CheckFeedback[]> {
    const rows = await this.sql.rows<{ check_id: string; uscc: string; measure: string; action: FeedbackAction; reason: string | null; by_subject: string; at: Date }>(
      'SELECT check_id, uscc, measure, action, reason, by_subject, at FROM check_feedback WHERE check_id = $1 ORDER BY uscc, measure',
      [checkId],
    );
    return rows.map((r) => ({ checkId: r.check_id, uscc: r.uscc, measure: r.measure, action: r.action, reason: r.reason, by: r.by_subject, at: r.at }));
  }

  async feedbackSummary(from: Date, to: Date, overdueBefore: Date): Promise<FeedbackSummaryRow[]> {
    const rows = await this.sql.rows<{ agency: string | null; scenario: string; checks: string; found: string; fed_back: string; overdue: string }>(
      `SELECT c.agency, c.scenario, count(*) AS checks, sum(c.measures_found) AS found, sum(coalesce(f.n, 0)) AS fed_back,
              sum(CASE WHEN c.checked_at < $3 THEN greatest(c.measures_found - coalesce(f.n, 0), 0) ELSE 0 END) AS overdue
         FROM credit_checks c
         LEFT JOIN (SELECT check_id, count(*) AS n FROM check_feedback GROUP BY check_id) f ON f.check_id = c.id
        WHERE c.checked_at >= $1 AND c.checked_at < $2
        GROUP BY c.agency, c.scenario ORDER BY c.agency NULLS FIRST, c.scenario`,
      [from, to, overdueBefore],
    );
    return rows.map((r) => ({ agency: r.agency, scenario: r.scenario, checks: Number(r.checks), measuresFound: Number(r.found), fedBack: Number(r.fed_back), overdue: Number(r.overdue) }));
  }
}
