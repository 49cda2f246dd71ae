// The audit trail for auditors: who asked what about which enterprise, filtered by enterprise,
// agency, subject and day (GET /audit/events, read-only).
import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context';
import { hasRole } from '../auth/session';
import { useLanguage } from '../i18n/language';
import { call } from '../rest';
import { AGENCIES } from '../../../schema/catalogue/agencies';
import { agencyName } from '../names';
import { ErrorMessage } from '../components/ErrorMessage';

interface AuditEvent {
  id: string;
  time: string;
  username?: string | null;
  subject?: string | null;
  client?: string | null;
  agency?: string | null;
  operationName?: string | null;
  operationType?: string | null;
  outcome?: string;
  enterprises?: string[];
  purpose?: string | null;
  refusal?: { status: number; path: string; method: string } | null;
  report?: { number: string; action: string } | null;
}

export default function AuditPage() {
  const { t, language } = useLanguage();
  const { session, user } = useSession();
  const [filters, setFilters] = useState({ enterprise: '', agency: '', subject: '', day: '' });
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  if (!hasRole(user, 'credit-auditor')) return <p>{t.needsRole}</p>;
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const query = new URLSearchParams({ limit: '200' });
    if (filters.enterprise.trim()) query.set('enterprise', filters.enterprise.trim());
    if (filters.agency) query.set('agency', filters.agency);
    if (filters.subject.trim()) query.set('subject', filters.subject.trim());
    if (filters.day) {
      query.set('from', filters.day);
      query.set('to', filters.day);
    }
    try {
      const response = await call(session, `/audit/events?${query.toString()}`);
      setEvents(((await response.json()) as { events: AuditEvent[] }).events);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const set = (name: keyof typeof filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [name]: e.target.value }));
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t.auditHeading}</h1>
      <form onSubmit={(e) => void search(e)} className="row">
        <label>
          {t.enterprise}
          <input value={filters.enterprise} onChange={set('enterprise')} maxLength={18} />
        </label>
        <label>
          {t.agency}
          <select value={filters.agency} onChange={set('agency')}>
            <option value="">—</option>
            {AGENCIES.map((a) => (
              <option key={a.code} value={a.code}>
                {agencyName(a.code, language)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.subject}
          <input value={filters.subject} onChange={set('subject')} maxLength={100} />
        </label>
        <label>
          {t.day}
          <input type="date" value={filters.day} onChange={set('day')} />
        </label>
        <button type="submit">{t.filter}</button>
      </form>
      <ErrorMessage message={error} />
      {events && events.length === 0 ? <p>{t.noEvents}</p> : null}
      {events && events.length > 0 ? (
        <table className="results" data-testid="audit-events">
          <caption className="visually-hidden">{t.auditHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colTime}</th>
              <th scope="col">{t.colWho}</th>
              <th scope="col">{t.colOperation}</th>
              <th scope="col">{t.colOutcome}</th>
              <th scope="col">{t.colEnterprises}</th>
              <th scope="col">{t.colPurpose}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.time).toLocaleString(language)}</td>
                <td>{e.username ?? e.client ?? e.subject ?? '—'}</td>
                <td>
                  {e.report
                    ? `report ${e.report.action} ${e.report.number}`
                    : (e.operationName ?? (e.refusal ? `${e.refusal.method} ${e.refusal.path} → ${e.refusal.status}` : (e.operationType ?? '—')))}
                </td>
                <td>{e.outcome ?? ''}</td>
                <td className="code">{(e.enterprises ?? []).slice(0, 5).join(' ')}</td>
                <td>{e.purpose ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
