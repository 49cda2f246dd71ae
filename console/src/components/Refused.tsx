import { useLanguage } from '../i18n/language';
import { reasonOf, type Refusal } from '../graphql/refusals';

/** A refused indicator or attribute: shown as refused, with the reason the API gave, never as empty data. */
export function Refused({ refusal, compact = false }: { refusal: Refusal; compact?: boolean }) {
  const { t } = useLanguage();
  return (
    <span className="refused" data-refused={refusal.code} title={refusal.message}>
      {reasonOf(refusal, t)}
      {compact ? null : <span className="api-reason"> ({refusal.message})</span>}
    </span>
  );
}
