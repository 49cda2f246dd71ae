import { useLanguage } from '../i18n/language';

/** Previous / next buttons with the page number, for paged lists and tables. */
export function Pager({ page, hasPrevious, hasNext, onPage, label }: { page: number; hasPrevious: boolean; hasNext: boolean; onPage: (page: number) => void; label: string }) {
  const { t } = useLanguage();
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={!hasPrevious} onClick={() => onPage(page - 1)}>
        {t.previous}
      </button>
      <span aria-live="polite">{t.pageOf(page)}</span>
      <button type="button" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t.next}
      </button>
    </nav>
  );
}
