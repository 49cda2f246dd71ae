import { useLanguage } from '../i18n/language';
import { isDisclosureRefusal, reasonOf, type Refusal } from '../graphql/refusals';

/** A refused or unread indicator or attribute: shown as such, with the reason the API gave, never as empty data. */
export function Refused({ refusal, compact = false }: { refusal: Refusal; compact?: boolean }) {
  const { t } = useLanguage();
  const unavailable = !isDisclosureRefusal(refusal);
  return (
    <span className={unavailable ? 'refused unavailable' : 'refused'} data-refused={refusal.code} data-unavailable={unavailable ? 'true' : undefined} title={refusal.message}>
      {reasonOf(refusal, t)}
      {compact ? null : <span className="api-reason"> ({refusal.message})</span>}
    </span>
  );
}
