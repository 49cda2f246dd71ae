// Prints a credit report of the enterprise with the caller's own rights (POST /reports, the PDF
// in the answer), then offers it; the report number is shown so it can be verified later. The
// document is kept in the page to be saved again: a public report is not kept by the system.
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { useLanguage } from '../i18n/language';
import { call, saveBlob } from '../rest';
import { ErrorMessage } from './ErrorMessage';

interface Issued {
  number: string;
  pdf: Blob;
}

export function ReportButton({ uscc }: { uscc: string }) {
  const { t } = useLanguage();
  const { session } = useSession();
  const [state, setState] = useState<{ busy: boolean; issued?: Issued; error?: string }>({ busy: false });
  const issue = async () => {
    setState({ busy: true });
    try {
      const response = await call(session, '/reports', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/pdf' }, body: JSON.stringify({ uscc }) });
      const issued = { number: response.headers.get('x-report-number') ?? 'report', pdf: await response.blob() };
      setState({ busy: false, issued });
      saveBlob(issued.pdf, `${issued.number}.pdf`);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <div className="report">
      <button type="button" onClick={() => void issue()} disabled={state.busy}>
        {state.busy ? t.printing : t.printReport}
      </button>
      <span aria-live="polite">
        {state.issued ? (
          <>
            <span data-testid="report-number">{t.reportIssued(state.issued.number)}</span>{' '}
            <button type="button" className="link" onClick={() => state.issued && saveBlob(state.issued.pdf, `${state.issued.number}.pdf`)}>
              {t.downloadReport}
            </button>
          </>
        ) : null}
      </span>
      <ErrorMessage message={state.error} />
    </div>
  );
}
