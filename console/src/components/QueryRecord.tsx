// Who queried the enterprise (查询记录): the agencies and purposes that read its member-level data
// in the last 24 months, by day, from the audit trail (GET /subject/queries). Never officers' names.
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session-context';
import { useLanguage } from '../i18n/language';
import { agencyName } from '../names';
import { call } from '../rest';
import { ErrorMessage } from './ErrorMessage';

interface DayRow {
  readonly date: string;
  readonly agency: string | null;
  readonly purpose: string | null;
  readonly count: number;
}

export function QueryRecord() {
  const { t, language } = useLanguage();
  const { session } = useSession();
  const [rows, setRows] = useState<DayRow[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call(session, '/subject/queries')
      .then(async (r) => setRows(((await r.json()) as { queries: DayRow[] }).queries))
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [session]);
  return (
    <section aria-labelledby="queries-heading">
      <h2 id="queries-heading">{t.queriesHeading}</h2>
      <ErrorMessage message={error} />
      {rows === undefined && !error ? <p role="status">{t.loading}</p> : null}
      {rows?.length === 0 ? <p>{t.noQueries}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="results" data-testid="query-record">
          <caption className="visually-hidden">{t.queriesHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colDay}</th>
              <th scope="col">{t.agency}</th>
              <th scope="col">{t.colPurpose}</th>
              <th scope="col">{t.colCount}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.date}|${r.agency ?? ''}|${r.purpose ?? ''}`}>
                <td>{r.date}</td>
                <td>{r.agency ? agencyName(r.agency, language) : '—'}</td>
                <td>{r.purpose ?? '—'}</td>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
