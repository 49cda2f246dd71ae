// Joint reward and punishment (联合奖惩) for the agency's own business: a scenario, the enterprises
// (pasted, at most 1,000), the day; each enterprise's verdict with the measures that apply, their
// legal basis and evidence, related parties among them, and the same check as a CSV. The check is
// kept as answered; its id is shown for the case file.
import { useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { CreditCheckPageDocument, CreditScenariosDocument, type CreditCheckPageQuery, type CreditScenarioCode } from '../gql/graphql';
import { useSession } from '../auth/session-context';
import { useLanguage } from '../i18n/language';
import { downloadPosted } from '../rest';
import { failureOf } from '../graphql/refusals';
import { ErrorMessage } from '../components/ErrorMessage';
import { todayIso } from '../../../schema/today';
import { CodesField, codesOf, MAX_CODES } from '../components/CodesField';
import { hasRole } from '../auth/session';
import { usePurpose } from '../auth/purpose';
import { PurposeDialog } from '../components/PurposeDialog';

export default function CreditCheckPage() {
  const { t, language } = useLanguage();
  const { session, user } = useSession();
  const client = useClient();
  // a check reads member data: members state the purpose first, as on a profile
  const { purpose, choose } = usePurpose();
  const [declined, setDeclined] = useState(false);
  const asking = hasRole(user, 'credit-member') && !purpose && !declined;
  const [scenarios] = useQuery({ query: CreditScenariosDocument });
  const [scenario, setScenario] = useState<CreditScenarioCode>('HONOURS');
  const [text, setText] = useState('');
  const [asOf, setAsOf] = useState(() => todayIso());
  const [reference, setReference] = useState('');
  const [check, setCheck] = useState<CreditCheckPageQuery['creditCheck'] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const codes = codesOf(text);
  const input = () => ({ scenario, usccs: codes, asOf, reference: reference.trim() || null });
  const run = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    const result = await client.query(CreditCheckPageDocument, input()).toPromise();
    setBusy(false);
    setCheck(result.data?.creditCheck);
    setError(failureOf(result.error) ?? result.error?.graphQLErrors[0]?.message);
  };
  const downloadCsv = async () => {
    try {
      await downloadPosted(session, '/credit-check.csv', input(), `credit-check-${scenario}-${asOf}.csv`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section aria-labelledby="credit-check-heading">
      {asking ? <PurposeDialog onChoose={choose} onCancel={() => setDeclined(true)} /> : null}
      <h1 id="credit-check-heading">{t.creditCheckHeading}</h1>
      <form onSubmit={(e) => void run(e)} className="stack">
        <label>
          {t.scenario}
          <select value={scenario} onChange={(e) => setScenario(e.target.value as CreditScenarioCode)}>
            {(scenarios.data?.creditScenarios ?? []).map((s) => (
              <option key={s.code} value={s.code}>
                {language === 'en' ? s.nameEn : s.nameZh}
              </option>
            ))}
          </select>
        </label>
        <CodesField id="credit-codes" text={text} onChange={setText} />
        <div className="row">
          <label>
            {t.asOf}
            <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} required />
          </label>
          <label>
            {t.reference}
            <input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} />
          </label>
          <button type="submit" disabled={busy || codes.length === 0 || codes.length > MAX_CODES}>
            {t.runCheck}
          </button>
          <button type="button" onClick={() => void downloadCsv()} disabled={codes.length === 0 || codes.length > MAX_CODES}>
            {t.downloadCsv}
          </button>
        </div>
      </form>
      <ErrorMessage message={error} />
      {check ? (
        <>
          <p data-testid="credit-check-id">{t.checkKept(check.id, check.ruleSetVersion)}</p>
          <table className="results" data-testid="credit-check-results">
            <caption className="visually-hidden">{t.creditCheckHeading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colUscc}</th>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.verdictColumn}</th>
                <th scope="col">{t.measuresColumn}</th>
              </tr>
            </thead>
            <tbody>
              {check.results.map((r, i) => (
                <tr key={`${r.uscc}-${i}`} data-uscc={r.uscc}>
                  <td>{r.uscc}</td>
                  <td>{r.name ?? '—'}</td>
                  <td data-verdict={r.verdict}>{t.checkVerdict(r.verdict)}</td>
                  <td>
                    {r.problem ?? null}
                    <ul>
                      {r.measures.map((m) => (
                        <li key={m.code}>
                          {m.name}（{m.legalBasis}）{m.evidence.map((e) => e.summary).join('；')}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {check.relatedParties.length > 0 ? (
            <>
              <h2>{t.relatedParties}</h2>
              <ul data-testid="related-parties">
                {check.relatedParties.map((g) => (
                  <li key={`${g.kind}-${g.usccs.join()}`}>
                    {t.relatedKind(g.kind)}：{g.sharedParty}（{g.usccs.join('、')}）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
