// Prints a credit report of the enterprise with the caller's own rights (POST /reports), then
// offers the PDF; the report number is shown so it can be verified later.
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { useLanguage } from '../i18n/language';
import { call, saveBlob } from '../rest';
import { ErrorMessage } from './ErrorMessage';

interface Receipt {
  number: string;
  version: string;
  downloadUrl: string;
}

export function ReportButton({ uscc }: { uscc: string }) {
  const { t } = useLanguage();
  const { session } = useSession();
  const [state, setState] = useState<{ busy: boolean; receipt?: Receipt; error?: string }>({ busy: false });
  const issue = async () => {
    setState({ busy: true });
    try {
      const response = await call(session, '/reports', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ uscc }) });
      const receipt = (await response.json()) as Receipt;
      setState({ busy: false, receipt });
      await download(receipt);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const download = async (receipt: Receipt) => {
    const response = await call(session, receipt.downloadUrl);
    saveBlob(await response.blob(), `${receipt.number}.pdf`);
  };
  return (
    <div className="report">
      <button type="button" onClick={() => void issue()} disabled={state.busy}>
        {state.busy ? t.printing : t.printReport}
      </button>
      <span aria-live="polite">
        {state.receipt ? (
          <>
            <span data-testid="report-number">{t.reportIssued(state.receipt.number)}</span>{' '}
            <button type="button" className="link" onClick={() => state.receipt && void download(state.receipt)}>
              {t.downloadReport}
            </button>
          </>
        ) : null}
      </span>
      <ErrorMessage message={state.error} />
    </div>
  );
}
