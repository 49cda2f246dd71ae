// A subgraph database's versions, opened on first use and again after a failed opening: the
// gateway starts whether or not a subgraph's database is there yet, and caches its answers once
// it is. Until then every read fails, and the fetch goes uncached.
import type { EntityVersions } from '../storage/port';

export function lazyVersions(open: () => Promise<EntityVersions | null>, onOpenError: (err: unknown) => void, retryMs = 30_000): EntityVersions {
  let opened: Promise<EntityVersions | null> | null = null;
  let failedAt = 0;
  let closed = false;
  const current = (): Promise<EntityVersions | null> => {
    if (closed) return Promise.reject(new Error('entity versions are closed'));
    if (opened) return opened;
    if (Date.now() - failedAt < retryMs) return Promise.reject(new Error('entity versions could not be opened; trying again shortly'));
    const attempt = open();
    opened = attempt;
    attempt.catch((err: unknown) => {
      // only this attempt's failure clears it: a later attempt may be under way
      if (opened === attempt) opened = null;
      failedAt = Date.now();
      onOpenError(err);
    });
    return attempt;
  };
  return {
    async read(usccs) {
      const versions = await current();
      if (!versions) throw new Error('this database keeps no entity versions');
      return versions.read(usccs);
    },
    async close() {
      closed = true;
      const attempt = opened;
      opened = null;
      await (await attempt?.catch(() => null))?.close();
    },
  };
}
