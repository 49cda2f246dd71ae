// Checks every bidder of a tender against the joint-punishment rules: codes pasted or from a file
// (at most 1,000), the bid date and an optional required qualification; the verdicts with their
// evidence, a page at a time, and the same check as a CSV file for the tender's records.
import { useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { BidderCheckPageDocument } from '../gql/graphql';
import type { BidderCheckPageQuery, QualificationGrade } from '../gql/graphql';
import { useSession } from '../auth/session-context';
import { useLanguage } from '../i18n/language';
import { downloadPosted } from '../rest';
import { failureOf } from '../graphql/refusals';
import { Pager } from '../components/Pager';
import { ErrorMessage } from '../components/ErrorMessage';
import { todayIso } from '../../../schema/today';
import { CodesField, codesOf, MAX_CODES } from '../components/CodesField';

const ROWS_PER_PAGE = 50;
const GRADES: QualificationGrade[] = ['SPECIAL', 'FIRST', 'SECOND', 'THIRD'];

export default function BidderCheckPage() {
  const { t } = useLanguage();
  const { session } = useSession();
  const client = useClient();
  const [text, setText] = useState('');
  const [bidDate, setBidDate] = useState(() => todayIso());
  const [tenderRef, setTenderRef] = useState('');
  const [qualification, setQualification] = useState('');
  const [minGrade, setMinGrade] = useState<QualificationGrade>('SECOND');
  const [report, setReport] = useState<BidderCheckPageQuery['bidderCheck'] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [page, setPage] = useState(1);
  const codes = codesOf(text);
  const input = () => ({
    usccs: codes,
    bidDate,
    tenderRef: tenderRef.trim() || null,
    requiredQualification: qualification.trim() ? { type: qualification.trim(), minGrade } : null,
  });
  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    const result = await client.query(BidderCheckPageDocument, input()).toPromise();
    setBusy(false);
    setPage(1);
    setReport(result.data?.bidderCheck);
    setError(failureOf(result.error) ?? result.error?.graphQLErrors[0]?.message);
  };
  const downloadCsv = async () => {
    try {
      await downloadPosted(session, '/bidder-check.csv', input(), `bidder-check-${bidDate}.csv`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const rows = report?.results.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE) ?? [];
  return (
    <section aria-labelledby="bidder-heading">
      <h1 id="bidder-heading">{t.bidderHeading}</h1>
      <form onSubmit={(e) => void check(e)} className="stack">
        <CodesField id="codes" text={text} onChange={setText} />
        <div className="row">
          <label>
            {t.bidDate}
            <input type="date" value={bidDate} onChange={(e) => setBidDate(e.target.value)} required />
          </label>
          <label>
            {t.tenderRef}
            <input value={tenderRef} onChange={(e) => setTenderRef(e.target.value)} maxLength={100} />
          </label>
          <label>
            {t.qualificationType}
            <input value={qualification} onChange={(e) => setQualification(e.target.value)} maxLength={100} />
          </label>
          <label>
            {t.minGrade}
            <select value={minGrade} onChange={(e) => setMinGrade(e.target.value as QualificationGrade)}>
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {t.grade[g]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || codes.length === 0 || codes.length > MAX_CODES}>
            {busy ? t.loading : t.checkButton}
          </button>
          <button type="button" className="secondary" disabled={codes.length === 0 || codes.length > MAX_CODES} onClick={() => void downloadCsv()}>
            {t.downloadCsv}
          </button>
        </div>
      </form>
      <ErrorMessage message={error} />
      {report ? (
        <>
          <p className="hint" data-testid="bidder-summary">
            {t.ruleSet}: {report.ruleSetVersion} · {t.bidDate}: {report.bidDate} · {t.biddersChecked(report.results.length)}
          </p>
          <table className="results">
            <caption className="visually-hidden">{t.bidderHeading}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.colUscc}</th>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colVerdict}</th>
                <th scope="col">{t.colHits}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.uscc}-${i}`} data-verdict={r.verdict}>
                  <td>{(page - 1) * ROWS_PER_PAGE + i + 1}</td>
                  <td className="code">{r.uscc}</td>
                  <td>{r.name ?? r.problem ?? ''}</td>
                  <td>
                    <span className={`verdict-${r.verdict}`}>{t.verdict[r.verdict] ?? r.verdict}</span>
                  </td>
                  <td>
                    <ul className="hits">
                      {r.hits.map((h) => (
                        <li key={`${h.rule}-${h.recordId ?? ''}`}>
                          <strong>{h.rule}</strong> {h.summary}
                          {h.recordId ? <span className="code"> [{h.recordId}]</span> : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label={t.bidderHeading} page={page} hasPrevious={page > 1} hasNext={page * ROWS_PER_PAGE < report.results.length} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}
