// Submitting agencies upload a periodic file for an indicator (NDJSON, or CSV with a header row),
// watch it upload, then read what was stored and every rejection by line and rule. Their unit's
// recent batches are listed below.
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { SubmissionHistoryDocument } from '../gql/graphql';
import { INDICATORS } from '../../../schema/catalogue/indicators';
import { useSession } from '../auth/session-context';
import { hasRole } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { requestHeaders } from '../graphql/client';
import { failureOf } from '../graphql/refusals';
import { RequestError } from '../rest';
import { ErrorMessage } from '../components/ErrorMessage';

interface Rejection {
  index: number;
  rule: string;
  field: string | null;
  message: string;
}

interface BulkReport {
  batchId: string;
  indicator: string;
  received: number;
  accepted: number;
  rejected: number;
  warned: number;
  rejectionsByRule: Record<string, number>;
  rejections: Rejection[];
  warnings: Rejection[];
  problem?: { code: string; message: string };
}

interface BatchRow {
  batchId: string;
  indicator: string;
  receivedAt: string;
  received: number;
  accepted: number;
  rejected: number;
}

/** A file's chunks ('<batch id>#<n>') as the one batch the user sent, newest first. */
export function batchesOf(rows: readonly BatchRow[]): BatchRow[] {
  const byBatch = new Map<string, BatchRow>();
  for (const row of rows) {
    const batchId = row.batchId.replace(/#\d+$/, '');
    const key = `${batchId}|${row.indicator}`;
    const seen = byBatch.get(key);
    if (!seen) byBatch.set(key, { ...row, batchId });
    else
      byBatch.set(key, {
        ...seen,
        receivedAt: seen.receivedAt > row.receivedAt ? seen.receivedAt : row.receivedAt,
        received: seen.received + row.received,
        accepted: seen.accepted + row.accepted,
        rejected: seen.rejected + row.rejected,
      });
  }
  return [...byBatch.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** Sends the file with upload progress (fetch reports none), resolving to the gateway's report. */
function upload(url: string, file: File, headers: Record<string, string>, onProgress: (fraction: number) => void): Promise<BulkReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new RequestError(0, 'network error'));
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as Partial<BulkReport> & { errors?: { message: string; extensions?: { code?: string } }[] };
        // a refusal before any record was read has errors and no report
        if (body.received === undefined) reject(new RequestError(xhr.status, body.errors?.[0]?.message ?? `HTTP ${xhr.status}`, body.errors?.[0]?.extensions?.code));
        else resolve(body as BulkReport);
      } catch {
        reject(new RequestError(xhr.status, `HTTP ${xhr.status}`));
      }
    };
    xhr.send(file);
  });
}

// unique per upload: a batch id re-sent with other records is refused
const defaultBatchId = () => `console-${new Date().toISOString().replace(/[-:T.Z]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;

export default function SubmissionsPage() {
  const { t, language } = useLanguage();
  const { session, user } = useSession();
  const indicators = INDICATORS.filter((i) => user?.agency !== undefined && i.sources.includes(user.agency));
  const [indicator, setIndicator] = useState(indicators[0]?.code ?? '');
  const [batchId, setBatchId] = useState(defaultBatchId);
  const [file, setFile] = useState<File | undefined>();
  const [progress, setProgress] = useState<number | undefined>();
  const [report, setReport] = useState<BulkReport | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [history, refreshHistory] = useQuery({ query: SubmissionHistoryDocument, variables: { first: 50 } });
  if (!hasRole(user, 'credit-submitter')) return <p>{t.needsRole}</p>;
  const csv = file?.name.toLowerCase().endsWith('.csv') ?? false;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(undefined);
    setReport(undefined);
    setProgress(0);
    try {
      const headers = { ...(await requestHeaders(session)), 'content-type': csv ? 'text/csv' : 'application/x-ndjson' };
      const result = await upload(`/submissions/${encodeURIComponent(indicator)}?batchId=${encodeURIComponent(batchId)}`, file, headers, setProgress);
      setReport(result);
      setBatchId(defaultBatchId());
      refreshHistory({ requestPolicy: 'network-only' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setProgress(undefined);
    }
  };
  const h = history.data?.submissionHistory;
  const batches = h ? batchesOf([...h.identity, ...h.adverse, ...h.reputation, ...h.economic]) : [];
  return (
    <section aria-labelledby="submissions-heading">
      <h1 id="submissions-heading">{t.submissionsHeading}</h1>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label>
          {t.indicator}
          <select value={indicator} onChange={(e) => setIndicator(e.target.value)}>
            {indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {i.code} {language === 'en' ? i.nameEn : i.nameZh}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.batchId}
          <input value={batchId} onChange={(e) => setBatchId(e.target.value)} required pattern="[A-Za-z0-9._:\-]{1,90}" />
        </label>
        <label>
          {t.submissionFile}
          <input type="file" accept=".ndjson,.jsonl,.csv,application/x-ndjson,text/csv" onChange={(e) => setFile(e.target.files?.[0])} required />
        </label>
        <button type="submit" disabled={progress !== undefined || !file}>
          {t.submitButton}
        </button>
      </form>
      {progress !== undefined ? (
        <p role="status">
          <progress max={1} value={progress} aria-label={t.uploading(Math.round(progress * 100))} /> {progress < 1 ? t.uploading(Math.round(progress * 100)) : t.processing}
        </p>
      ) : null}
      <ErrorMessage message={error} />
      {report ? <SubmissionReport report={report} /> : null}
      <BatchHistory batches={batches} fetching={history.fetching} failure={failureOf(history.error)} />
    </section>
  );
}

/** The unit's recent batches, newest first, as the subgraphs' histories list them. */
function BatchHistory({ batches, fetching, failure }: { batches: readonly BatchRow[]; fetching: boolean; failure: string | undefined }) {
  const { t, language } = useLanguage();
  return (
    <>
      <h2>{t.history}</h2>
      {failure ? <p className="error">{failure}</p> : null}
      {batches.length === 0 && !fetching ? <p>{t.noHistory}</p> : null}
      {batches.length > 0 ? (
        <table className="results" data-testid="batch-history">
          <caption className="visually-hidden">{t.history}</caption>
          <thead>
            <tr>
              <th scope="col">{t.submittedAt}</th>
              <th scope="col">{t.batchId}</th>
              <th scope="col">{t.indicator}</th>
              <th scope="col">{t.received}</th>
              <th scope="col">{t.accepted}</th>
              <th scope="col">{t.rejected}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={`${b.batchId}-${b.indicator}`}>
                <td>{new Date(b.receivedAt).toLocaleString(language)}</td>
                <td className="code">{b.batchId}</td>
                <td>{b.indicator}</td>
                <td>{b.received}</td>
                <td>{b.accepted}</td>
                <td>{b.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function SubmissionReport({ report }: { report: BulkReport }) {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="report-heading" data-testid="submission-report">
      <h2 id="report-heading">
        {report.batchId} · {report.indicator}
      </h2>
      {report.problem ? (
        <p role="alert" className="error">
          {report.problem.message}
        </p>
      ) : null}
      <dl className="totals">
        <div>
          <dt>{t.received}</dt>
          <dd data-testid="received">{report.received}</dd>
        </div>
        <div>
          <dt>{t.accepted}</dt>
          <dd data-testid="accepted">{report.accepted}</dd>
        </div>
        <div>
          <dt>{t.rejected}</dt>
          <dd data-testid="rejected">{report.rejected}</dd>
        </div>
        <div>
          <dt>{t.warned}</dt>
          <dd>{report.warned}</dd>
        </div>
      </dl>
      {Object.keys(report.rejectionsByRule).length > 0 ? (
        <>
          <h3>{t.byRule}</h3>
          <ul>
            {Object.entries(report.rejectionsByRule).map(([rule, count]) => (
              <li key={rule}>
                {rule}: {count}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {[...report.rejections, ...report.warnings].length > 0 ? (
        <table className="results" data-testid="rejections">
          <caption className="visually-hidden">{t.rejected}</caption>
          <thead>
            <tr>
              <th scope="col">{t.line}</th>
              <th scope="col">{t.rule}</th>
              <th scope="col">{t.field}</th>
              <th scope="col">{t.message}</th>
            </tr>
          </thead>
          <tbody>
            {[...report.rejections, ...report.warnings].map((r) => (
              <tr key={`${r.index}-${r.rule}-${r.field ?? ''}`}>
                <td>{r.index + 1}</td>
                <td>{r.rule}</td>
                <td>{r.field ?? ''}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
