// The data-quality report for credit administrators: accepted and rejected records per agency and
// indicator over a period, with a bar chart per agency and the most frequent rule failures.
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { DataQualityDocument } from '../gql/graphql';
import { useSession } from '../auth/session-context';
import { hasRole } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { failureOf } from '../graphql/refusals';
import { agencyName } from '../names';
import { QualityChart } from '../components/QualityChart';
import { ErrorMessage } from '../components/ErrorMessage';
import { PeriodFields } from '../components/PeriodFields';
import { lastDayBefore, todayIso } from '../../../schema/today';

export default function QualityPage() {
  const { t, language } = useLanguage();
  const { user } = useSession();
  const [period, setPeriod] = useState({ from: todayIso(new Date(Date.now() - 30 * 86_400_000)), to: todayIso() });
  const [asked, setAsked] = useState(period);
  const admin = hasRole(user, 'credit-admin');
  const [result] = useQuery({ query: DataQualityDocument, variables: asked, pause: !admin });
  if (!admin) return <p>{t.needsRole}</p>;
  const report = result.data?.dataQualityReport;
  const rows = report ? [...report.identity, ...report.adverse, ...report.reputation, ...report.economic] : [];
  const overdue = report ? [...report.identityOverdueObjections, ...report.adverseOverdueObjections, ...report.reputationOverdueObjections, ...report.economicOverdueObjections] : [];
  const byAgency = new Map<string, { accepted: number; rejected: number }>();
  for (const r of rows) {
    const total = byAgency.get(r.agency) ?? { accepted: 0, rejected: 0 };
    total.accepted += r.accepted;
    total.rejected += r.rejected;
    byAgency.set(r.agency, total);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(period);
  };
  return (
    <section aria-labelledby="quality-heading">
      <h1 id="quality-heading">{t.qualityHeading}</h1>
      <form onSubmit={submit} className="row">
        <PeriodFields period={period} onChange={setPeriod} />
        <button type="submit">{t.show}</button>
      </form>
      {result.fetching ? <p role="status">{t.loading}</p> : null}
      <ErrorMessage message={failureOf(result.error)} />
      {report ? (
        <>
          <QualityChart title={t.chartTitle} bars={[...byAgency].map(([agency, v]) => ({ label: agencyName(agency, language), ...v }))} acceptedLabel={t.accepted} rejectedLabel={t.rejected} />
          <table className="results" data-testid="quality-rows">
            <caption className="visually-hidden">{t.qualityHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.agency}</th>
                <th scope="col">{t.indicator}</th>
                <th scope="col">{t.received}</th>
                <th scope="col">{t.accepted}</th>
                <th scope="col">{t.rejected}</th>
                <th scope="col">{t.topFailures}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.agency}-${r.indicator}`}>
                  <td>{agencyName(r.agency, language)}</td>
                  <td>{r.indicator}</td>
                  <td>{r.received}</td>
                  <td>{r.accepted}</td>
                  <td>{r.rejected}</td>
                  <td>{r.topRuleFailures.map((f) => `${f.rule}×${f.count}`).join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 id="overdue-heading">{t.overdueObjections}</h2>
          {overdue.length === 0 ? <p>{t.nothingQueued}</p> : null}
          <ul aria-labelledby="overdue-heading" data-testid="overdue-objections">
            {overdue.map((o) => (
              <li key={`${o.agency}-${o.region}-${o.earliestDueAt}`}>{t.overdueLine(agencyName(o.agency, language), o.region, o.count, lastDayBefore(new Date(o.earliestDueAt)))}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
