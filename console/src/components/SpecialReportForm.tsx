// The special credit report (专项信用报告) the enterprise asks for: domains (the required ones are
// always in) and a period of at most five years; the signed PDF is offered for download.
import { useState, type FormEvent } from 'react';
import { REPORT_DOMAINS } from '../../../schema/catalogue/report-domains';
import { todayIso } from '../../../schema/today';
import { useSession } from '../auth/session-context';
import { useLanguage } from '../i18n/language';
import { call, saveBlob } from '../rest';
import { ErrorMessage } from './ErrorMessage';
import { PeriodFields } from './PeriodFields';

export function SpecialReportForm({ uscc }: { uscc: string }) {
  const { t, language } = useLanguage();
  const { session } = useSession();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [period, setPeriod] = useState({ from: todayIso(new Date(Date.now() - 3 * 365 * 86_400_000)), to: todayIso() });
  const [state, setState] = useState<{ busy: boolean; number?: string; error?: string }>({ busy: false });
  const toggle = (code: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true });
    try {
      const body = JSON.stringify({ uscc, special: { domains: [...chosen], ...period } });
      const response = await call(session, '/reports', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/pdf' }, body });
      const number = response.headers.get('x-report-number') ?? 'report';
      saveBlob(await response.blob(), `${number}.pdf`);
      setState({ busy: false, number });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <section aria-labelledby="special-heading">
      <h2 id="special-heading">{t.specialHeading}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t.specialDomains}</legend>
          {REPORT_DOMAINS.map((d) => (
            <label key={d.code} className="check">
              <input type="checkbox" checked={d.required === true || chosen.has(d.code)} disabled={d.required === true} onChange={() => toggle(d.code)} />
              {language === 'en' ? d.nameEn : d.nameZh}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <PeriodFields period={period} onChange={setPeriod} />
          <button type="submit" disabled={state.busy}>
            {state.busy ? t.printing : t.issueSpecial}
          </button>
        </div>
      </form>
      <p aria-live="polite">{state.number ? <span data-testid="special-report-number">{t.reportIssued(state.number)}</span> : null}</p>
      <ErrorMessage message={state.error} />
    </section>
  );
}
