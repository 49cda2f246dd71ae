// One of a unit's queues (objections, repair applications): the record, when filed, the last day
// to answer (overdue marked), the enterprise's grounds with its files, and the decision or the
// buttons that take it.
import type { ReactNode } from 'react';
import { lastDayBefore } from '../../../schema/today';
import { useLanguage } from '../i18n/language';

export interface QueueRow {
  readonly id: string;
  readonly recordId: string;
  readonly filedAt: string;
  readonly dueAt: string;
  readonly overdue: boolean;
  /** The grounds or measures, as the deciding unit reads them. */
  readonly text: string | null | undefined;
  readonly files: readonly string[];
  /** Null while it waits for a decision. */
  readonly decided: string | null;
}

export function QueueTable({ title, testId, rows, actions }: { title: string; testId: string; rows: readonly QueueRow[]; actions: (row: QueueRow) => ReactNode }) {
  const { t } = useLanguage();
  const headingId = `${testId}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? <p>{t.nothingQueued}</p> : null}
      <table className="results" data-testid={testId}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colRecord}</th>
            <th scope="col">{t.colFiled}</th>
            <th scope="col">{t.colDue}</th>
            <th scope="col">{t.colGrounds}</th>
            <th scope="col">{t.colState}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-record={r.recordId}>
              <td>{r.recordId}</td>
              <td>{r.filedAt.slice(0, 10)}</td>
              <td>
                {lastDayBefore(new Date(r.dueAt))} {r.overdue ? <span className="mark">{t.overdueMark}</span> : null}
              </td>
              <td>
                {r.text} {r.files.join('、')}
              </td>
              <td className="actions">{r.decided ?? actions(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
