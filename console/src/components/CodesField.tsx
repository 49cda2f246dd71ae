// The enterprises of a check: codes pasted or read from a file, counted against the limit of one check.
import { useLanguage } from '../i18n/language';

export const MAX_CODES = 1000;

/** Codes from pasted text or a file: any separator, blanks and duplicates dropped, order kept. */
export function codesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;，；]+/)
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== '' && c !== 'USCC'),
    ),
  ];
}

export function CodesField({ id, text, onChange }: { id: string; text: string; onChange: (text: string) => void }) {
  const { t } = useLanguage();
  const codes = codesOf(text);
  return (
    <>
      <label>
        {t.bidderCodes}
        <textarea rows={6} value={text} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-count`} />
      </label>
      <p id={`${id}-count`} className={codes.length > MAX_CODES ? 'error' : 'hint'}>
        {t.codesCount(codes.length)}
        {codes.length > MAX_CODES ? ` — ${t.tooManyCodes}` : ''}
      </p>
      <label>
        {t.bidderFile}
        <input type="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => void e.target.files?.[0]?.text().then(onChange)} />
      </label>
    </>
  );
}
