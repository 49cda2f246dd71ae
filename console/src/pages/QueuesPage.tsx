// The submitting unit's desk for the enterprise's rights: objections to its adverse records (due in
// 20 days) and credit repair applications (due in 10 working days), open ones first by due date,
// each decided here with reasons. The credit administration sees every unit's, overdue ones marked.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { DecideAdverseObjectionDocument, DecideCreditRepairDocument, UnitQueuesDocument } from '../gql/graphql';
import { useSession } from '../auth/session-context';
import { hasRole } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { failureOf } from '../graphql/refusals';
import { ErrorMessage } from '../components/ErrorMessage';
import { QueueTable } from '../components/QueueTable';

type Choice = { kind: 'objection'; id: string; decision: 'CONFIRMED' | 'UNVERIFIABLE' | 'CORRECTED' } | { kind: 'repair'; id: string; decision: 'APPROVED' | 'REFUSED' };

export default function QueuesPage() {
  const { t } = useLanguage();
  const { user } = useSession();
  const allowed = hasRole(user, 'credit-submitter') || hasRole(user, 'credit-admin');
  const [result, reload] = useQuery({ query: UnitQueuesDocument, pause: !allowed });
  const [objectionDecision, decideObjection] = useMutation(DecideAdverseObjectionDocument);
  const [repairDecision, decideRepair] = useMutation(DecideCreditRepairDocument);
  const [choice, setChoice] = useState<Choice>();
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<string>();
  if (!allowed) return <p>{t.needsRole}</p>;
  const objections = result.data?.adverseObjections ?? [];
  const repairs = result.data?.creditRepairApplications ?? [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    setError(undefined);
    const answer =
      choice.kind === 'objection'
        ? await decideObjection({ objectionId: choice.id, decision: choice.decision, reasons })
        : await decideRepair({ applicationId: choice.id, decision: choice.decision, reasons });
    if (answer.error) {
      setError(failureOf(answer.error));
      return;
    }
    setChoice(undefined);
    setReasons('');
    reload({ requestPolicy: 'network-only' });
  };
  const decideButton = (c: Choice, label: string) => (
    <button type="button" className="link" onClick={() => setChoice(c)}>
      {label}
    </button>
  );
  return (
    <>
      <h1>{t.queuesHeading}</h1>
      {result.fetching ? <p role="status">{t.loading}</p> : null}
      <ErrorMessage message={failureOf(result.error)} />
      <QueueTable
        title={t.objectionQueue}
        testId="objection-queue"
        rows={objections.map((o) => ({ ...o, text: o.grounds, files: (o.evidence ?? []).map((f) => f.name), decided: o.status === 'OPEN' ? null : `${o.status} ${o.decision?.reasons ?? ''}` }))}
        actions={(o) => (
          <>
            {decideButton({ kind: 'objection', id: o.id, decision: 'CONFIRMED' }, t.confirmed)}
            {decideButton({ kind: 'objection', id: o.id, decision: 'UNVERIFIABLE' }, t.unverifiable)}
            {decideButton({ kind: 'objection', id: o.id, decision: 'CORRECTED' }, t.corrected)}
          </>
        )}
      />
      <QueueTable
        title={t.repairQueue}
        testId="repair-queue"
        rows={repairs.map((a) => ({ ...a, text: a.measures, files: (a.evidence ?? []).map((f) => f.name), decided: a.status === 'PENDING' ? null : `${a.status} ${a.decision?.reasons ?? ''}` }))}
        actions={(a) => (
          <>
            {decideButton({ kind: 'repair', id: a.id, decision: 'APPROVED' }, t.approve)}
            {decideButton({ kind: 'repair', id: a.id, decision: 'REFUSED' }, t.refuse)}
          </>
        )}
      />
      {choice ? (
        <form onSubmit={(e) => void submit(e)} className="action-form" aria-label={t.decide} data-testid="decision-form">
          <h3>
            {t.decide}: {choice.decision}
          </h3>
          <label>
            {t.reasonsLabel}
            <textarea value={reasons} onChange={(e) => setReasons(e.target.value)} required maxLength={2000} rows={3} />
          </label>
          <div className="row">
            <button type="submit" disabled={objectionDecision.fetching || repairDecision.fetching}>
              {t.send}
            </button>
            <button type="button" className="link" onClick={() => setChoice(undefined)}>
              {t.cancel}
            </button>
          </div>
          <ErrorMessage message={error} />
        </form>
      ) : null}
    </>
  );
}
