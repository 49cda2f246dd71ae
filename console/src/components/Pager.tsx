import { useLanguage } from '../i18n/language';

/** Previous / next buttons with the page number, for paged lists and tables. */
export function Pager({
  page,
  hasPrevious,
  hasNext,
  onPage,
  label,
  busy = false,
}: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPage: (page: number) => void;
  label: string;
  busy?: boolean;
}) {
  const { t } = useLanguage();
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={!hasPrevious} onClick={() => onPage(page - 1)}>
        {t.previous}
      </button>
      <span aria-live="polite">{t.pageOf(page)}</span>
      <button type="button" disabled={!hasNext || busy} onClick={() => onPage(page + 1)}>
        {busy ? t.loading : t.next}
      </button>
    </nav>
  );
}
