// Batches, quarantine and record history in PostgreSQL. All three are insert-only for the
// subgraph's role: a report, a refused record or a previous version is never changed.
import type { BatchEntry, BatchSummary, BatchTotals, HistoryEntry, QuarantineEntry, StoredRecord, SubmissionReport, SubmissionStore } from '../port';
import type { Sql } from './connection';

interface StoredReport extends Omit<SubmissionReport, 'receivedAt'> {
  receivedAt: string;
}

interface HistoryRow {
  id: string;
  record_id: string;
  replaced_at: Date;
  batch_key: string;
  change: HistoryEntry['change'] | null;
  reason: string | null;
  by_subject: string | null;
  previous: Omit<StoredRecord, 'receivedAt'> & { receivedAt: string };
}

export class PgSubmissionStore implements SubmissionStore {
  constructor(private readonly sql: Sql) {}

  async findBatch(key: string): Promise<BatchEntry | null> {
    const rows = await this.sql.rows<{ key: string; agency: string; agency_region: string; subject: string | null; content_hash: string | null; report: StoredReport }>(
      'SELECT key, agency, agency_region, subject, content_hash, report FROM submission_batches WHERE key = $1',
      [key],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      key: row.key,
      agency: row.agency,
      agencyRegion: row.agency_region,
      subject: row.subject,
      contentHash: row.content_hash,
      report: { ...row.report, receivedAt: new Date(row.report.receivedAt) },
    };
  }

  async saveBatch(batch: BatchEntry): Promise<void> {
    const r = batch.report;
    await this.sql.rows(
      `INSERT INTO submission_batches (key, agency, agency_region, subject, content_hash, indicator, received_at, received, accepted, rejected, rules, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (key) DO NOTHING`,
      [
        batch.key,
        batch.agency,
        batch.agencyRegion,
        batch.subject,
        batch.contentHash,
        r.indicator,
        r.receivedAt,
        r.received,
        r.accepted,
        r.rejected,
        r.rejections.map((x) => x.rule),
        JSON.stringify(r),
      ],
    );
  }

  async recentBatches(agency: string, agencyRegion: string, limit: number): Promise<BatchSummary[]> {
    return this.sql.rows<BatchSummary>(
      `SELECT key, indicator, received_at AS "receivedAt", received, accepted, rejected
         FROM submission_batches WHERE agency = $1 AND agency_region = $2 ORDER BY received_at DESC LIMIT $3`,
      [agency, agencyRegion, limit],
    );
  }

  async batchTotals(from: Date, to: Date, agency: string | null): Promise<BatchTotals[]> {
    return this.sql.rows<BatchTotals>(
      `SELECT agency, indicator, received, accepted, rejected, rules FROM submission_batches
        WHERE received_at >= $1 AND received_at < $2 AND ($3::text IS NULL OR agency = $3)`,
      [from, to, agency],
    );
  }

  async quarantine(entries: readonly QuarantineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.rows(
      `INSERT INTO quarantine (batch_key, idx, indicator, agency, record, reasons, received_at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])
       ON CONFLICT (batch_key, idx) DO NOTHING`,
      [
        entries.map((e) => e.batchKey),
        entries.map((e) => e.index),
        entries.map((e) => e.indicator),
        entries.map((e) => e.agency),
        entries.map((e) => e.record),
        entries.map((e) => JSON.stringify(e.reasons)),
        entries.map((e) => e.receivedAt),
      ],
    );
  }

  async quarantined(batchKey: string): Promise<QuarantineEntry[]> {
    const rows = await this.sql.rows<{ batch_key: string; idx: number; indicator: string; agency: string; record: string; reasons: QuarantineEntry['reasons']; received_at: Date }>(
      'SELECT batch_key, idx, indicator, agency, record, reasons, received_at FROM quarantine WHERE batch_key = $1 ORDER BY idx',
      [batchKey],
    );
    return rows.map((r) => ({ batchKey: r.batch_key, index: r.idx, indicator: r.indicator, agency: r.agency, record: r.record, reasons: r.reasons, receivedAt: r.received_at }));
  }

  async appendHistory(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.rows(
      `INSERT INTO record_history (id, record_id, replaced_at, batch_key, change, reason, by_subject, previous)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
       ON CONFLICT (id) DO NOTHING`,
      [
        entries.map((e) => e.id),
        entries.map((e) => e.recordId),
        entries.map((e) => e.replacedAt),
        entries.map((e) => e.batchKey),
        entries.map((e) => e.change ?? null),
        entries.map((e) => e.reason ?? null),
        entries.map((e) => e.by ?? null),
        entries.map((e) => JSON.stringify(e.previous)),
      ],
    );
  }

  async historyOf(recordId: string): Promise<HistoryEntry[]> {
    const rows = await this.sql.rows<HistoryRow>('SELECT * FROM record_history WHERE record_id = $1 ORDER BY replaced_at DESC', [recordId]);
    return rows.map((r) => {
      const e: HistoryEntry = {
        id: r.id,
        recordId: r.record_id,
        replacedAt: r.replaced_at,
        batchKey: r.batch_key,
        by: r.by_subject,
        previous: { ...r.previous, receivedAt: new Date(r.previous.receivedAt) },
      };
      if (r.change !== null) e.change = r.change;
      if (r.reason !== null) e.reason = r.reason;
      return e;
    });
  }
}
