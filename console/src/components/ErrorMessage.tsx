import { useLanguage } from '../i18n/language';

/** A failure of the page's last request, announced to screen readers; nothing when there is none. */
export function ErrorMessage({ message }: { message: string | undefined }) {
  const { t } = useLanguage();
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {t.errorPrefix}
      {message}
    </p>
  );
}
