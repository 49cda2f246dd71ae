// Anyone may check a printed credit report: by its number alone (was it issued?) or with the PDF
// (is this exactly the document that was issued?).
import { useState, type FormEvent } from 'react';
import { useLanguage } from '../i18n/language';
import { errorOf } from '../rest';
import { ErrorMessage } from '../components/ErrorMessage';

interface Verification {
  genuine: boolean;
  reason?: string;
  issued?: boolean;
  issuedAt?: string;
  report?: { number: string; version: string; uscc: string; name: string; issuedAt: string };
  /** null: whether newer public records arrived could not be read just now. */
  newerRecords?: boolean | null;
}

export default function VerifyPage() {
  const { t } = useLanguage();
  const [number, setNumber] = useState(() => new URLSearchParams(location.search).get('number') ?? '');
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<Verification | undefined>();
  const [error, setError] = useState<string | undefined>();
  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setResult(undefined);
    setError(undefined);
    const query = `?number=${encodeURIComponent(number.trim())}`;
    const response = file ? await fetch(`/reports/verify${query}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file }) : await fetch(`/reports/verify${query}`);
    if (!response.ok) {
      setError((await errorOf(response)).message);
      return;
    }
    const body = (await response.json()) as Verification;
    setResult(file ? body : { ...body, genuine: body.issued ?? body.genuine });
  };
  return (
    <section aria-labelledby="verify-heading">
      <h1 id="verify-heading">{t.verifyHeading}</h1>
      <form onSubmit={(e) => void verify(e)} className="stack">
        <label>
          {t.verifyNumber}
          <input value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={40} />
        </label>
        <label>
          {t.verifyFile}
          <input type="file" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0])} />
        </label>
        <button type="submit">{t.verifyButton}</button>
      </form>
      <ErrorMessage message={error} />
      {result ? (
        <div role="status" className={result.genuine ? 'verdict ok' : 'verdict bad'} data-testid="verification">
          <p>
            <strong>{result.genuine ? t.genuine : t.notGenuine}</strong>
            {result.reason ? ` — ${result.reason}` : ''}
          </p>
          {result.report ? (
            <dl>
              <dt>{t.colName}</dt>
              <dd>{result.report.name}</dd>
              <dt>{t.colUscc}</dt>
              <dd>{result.report.uscc}</dd>
              <dt>{t.version}</dt>
              <dd>{result.report.version}</dd>
              <dt>{t.issuedAt}</dt>
              <dd>{result.report.issuedAt}</dd>
            </dl>
          ) : result.issuedAt ? (
            <p>
              {t.issuedAt}: {result.issuedAt}
            </p>
          ) : null}
          {result.newerRecords ? <p>{t.newerRecords}</p> : result.newerRecords === null ? <p>{t.newerRecordsUnknown}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
