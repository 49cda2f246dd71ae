// The outbox event of one change to one record, as every writer builds it: its id derived from
// what caused it, so writing it twice keeps one; none for a record about a natural person (those
// are not watched).
import { createHash } from 'node:crypto';
import type { ChangeEvent, ChangeKind, StoredRecord } from './port';

export type EventSource = Pick<StoredRecord, 'uscc' | 'ind' | 'agency' | 'agencyRegion' | 'data'>;

/** `cause`: what made the change (a batch key, `repair@…`, `objection|id`), unique per change of a record. */
export function recordChangeEvent(cause: string, recordId: string, record: EventSource, change: ChangeKind, repairedOn: string | null, at: Date): ChangeEvent[] {
  if (record.uscc === null) return [];
  return [
    {
      id: `ev_${createHash('sha256').update(`${cause}|${recordId}|${change}`).digest('hex').slice(0, 32)}`,
      at,
      uscc: record.uscc,
      ind: record.ind,
      recordId,
      change,
      agency: record.agency,
      agencyRegion: record.agencyRegion,
      data: record.data,
      repairedOn,
    },
  ];
}
