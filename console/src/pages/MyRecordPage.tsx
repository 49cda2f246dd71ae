// The enterprise signed in as itself (credit-subject): its administrative penalties with their
// objection, repair and statement state, and from there an objection, a repair application or a
// statement; its credit commitments; who queried it; and its special credit report.
import { useState } from 'react';
import { useQuery } from 'urql';
import { MyPenaltiesDocument } from '../gql/graphql';
import { useSession } from '../auth/session-context';
import { hasRole } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { failureOf } from '../graphql/refusals';
import { lastDayBefore } from '../../../schema/today';
import { ErrorMessage } from '../components/ErrorMessage';
import { QueryRecord } from '../components/QueryRecord';
import { SpecialReportForm } from '../components/SpecialReportForm';
import { SubjectActionForm, type SubjectAction } from '../components/SubjectActionForm';

const dueDay = (dueAt: string) => lastDayBefore(new Date(dueAt));

export default function MyRecordPage() {
  const { t } = useLanguage();
  const { user } = useSession();
  const uscc = user?.uscc ?? '';
  const subject = hasRole(user, 'credit-subject') && uscc !== '';
  const [result, reload] = useQuery({ query: MyPenaltiesDocument, variables: { uscc }, pause: !subject });
  const [acting, setActing] = useState<{ action: SubjectAction; recordId: string; label: string }>();
  if (!subject) return <p>{t.needsRole}</p>;
  const enterprise = result.data?.enterprise;
  const penalties = enterprise?.administrativePenalties ?? [];
  const done = () => {
    setActing(undefined);
    reload({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <h1 id="my-record-heading">
        {t.myRecordHeading}
        {enterprise ? ` · ${enterprise.name}` : ''}
      </h1>
      {result.fetching ? <p role="status">{t.loading}</p> : null}
      <ErrorMessage message={failureOf(result.error)} />
      <section aria-labelledby="penalties-heading">
        <h2 id="penalties-heading">{t.penaltiesHeading}</h2>
        <table className="results" data-testid="my-penalties">
          <caption className="visually-hidden">{t.penaltiesHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colDecisionNo}</th>
              <th scope="col">{t.colDecidedOn}</th>
              <th scope="col">{t.colViolation}</th>
              <th scope="col">{t.colState}</th>
              <th scope="col">{t.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {penalties.map((p) => (
              <tr key={p.id} data-record={p.decisionNo}>
                <td>{p.decisionNo}</td>
                <td>{p.decidedOn}</td>
                <td>{p.violation}</td>
                <td data-testid="record-state">
                  {p.repairedOn ? <span className="mark repaired">{t.repairedMark(p.repairedOn)}</span> : null}
                  {p.objection ? <span className="mark">{t.objectionState(p.objection.status, dueDay(p.objection.dueAt))}</span> : null}
                  {p.objection?.decision?.reasons ? <span className="mark">{`${t.reasonsLabel}：${p.objection.decision.reasons}`}</span> : null}
                  {p.repairApplication ? <span className="mark">{t.repairState(p.repairApplication.status, dueDay(p.repairApplication.dueAt))}</span> : null}
                  {p.repairApplication?.decision?.reasons ? <span className="mark">{`${t.reasonsLabel}：${p.repairApplication.decision.reasons}`}</span> : null}
                  {p.statement ? <span className="mark">{t.statementMark}</span> : null}
                </td>
                <td className="actions">
                  <button type="button" className="link" onClick={() => setActing({ action: 'objection', recordId: p.id, label: p.decisionNo })} disabled={p.objection?.status === 'OPEN'}>
                    {t.fileObjection}
                  </button>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setActing({ action: 'repair', recordId: p.id, label: p.decisionNo })}
                    disabled={Boolean(p.repairedOn) || p.repairApplication?.status === 'PENDING'}
                  >
                    {t.applyRepair}
                  </button>
                  <button type="button" className="link" onClick={() => setActing({ action: 'statement', recordId: p.id, label: p.decisionNo })}>
                    {t.makeStatement}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {acting ? <SubjectActionForm key={`${acting.action}-${acting.recordId}`} {...acting} onDone={done} /> : null}
      </section>
      <section aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">{t.commitmentsHeading}</h2>
        <ul data-testid="my-commitments">
          {(enterprise?.creditCommitments ?? []).map((c) => (
            <li key={c.id}>
              {c.madeAt.slice(0, 10)} {c.text} {c.breach ? <span className="mark">{t.brokenMark(c.breach.decidedOn)}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <QueryRecord />
      <SpecialReportForm uscc={uscc} />
    </>
  );
}
