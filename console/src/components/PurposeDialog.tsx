// Asks the query purpose once per session, from the catalogue's purposes, before member data is read.
import { useEffect, useRef, useState } from 'react';
import { PURPOSES, type Purpose } from '../auth/purpose';
import { useLanguage } from '../i18n/language';

export function PurposeDialog({ onChoose, onCancel }: { onChoose: (purpose: Purpose) => void; onCancel: () => void }) {
  const { t } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<Purpose>(PURPOSES[0]?.code ?? 'SUPERVISION');
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby="purpose-heading" onCancel={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onChoose(choice);
        }}
      >
        <h2 id="purpose-heading">{t.purposeHeading}</h2>
        <p>{t.purposeExplain}</p>
        <fieldset>
          <legend>{t.purposeHeading}</legend>
          {PURPOSES.map((p) => (
            <label key={p.code} className="choice">
              <input type="radio" name="purpose" value={p.code} checked={choice === p.code} onChange={() => setChoice(p.code)} />
              {p.description}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit">{t.purposeChoose}</button>
        </div>
      </form>
    </dialog>
  );
}
