// A unit's queue read in the database: open items first by due date, then the decided ones newest
// first, at most `limit` in all, so a large history is never loaded to be cut.
import type { Collection, Document, Filter } from 'mongodb';

export async function openFirst<T extends Document & { status: string; dueAt: Date; filedAt: Date }>(
  collection: Collection<T>,
  filter: Filter<T>,
  openStatus: string,
  status: string | null,
  limit: number,
): Promise<T[]> {
  const open =
    status === null || status === openStatus
      ? ((await collection
          .find({ ...filter, status: openStatus } as Filter<T>)
          .sort({ dueAt: 1, filedAt: -1, _id: 1 })
          .limit(limit)
          .toArray()) as T[])
      : [];
  if (status === openStatus || open.length >= limit) return open;
  const decided = (await collection
    .find({ ...filter, status: status ?? { $ne: openStatus } } as Filter<T>)
    .sort({ filedAt: -1, _id: 1 })
    .limit(limit - open.length)
    .toArray()) as T[];
  return [...open, ...decided];
}
