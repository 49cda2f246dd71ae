// A period's two dates, both required, as the forms that ask for one (data quality, special report) show them.
import { useLanguage } from '../i18n/language';

export interface Period {
  readonly from: string;
  readonly to: string;
}

export function PeriodFields({ period, onChange }: { period: Period; onChange: (next: Period) => void }) {
  const { t } = useLanguage();
  return (
    <>
      <label>
        {t.from}
        <input type="date" value={period.from} onChange={(e) => onChange({ ...period, from: e.target.value })} required />
      </label>
      <label>
        {t.to}
        <input type="date" value={period.to} onChange={(e) => onChange({ ...period, to: e.target.value })} required />
      </label>
    </>
  );
}
