// Whole answers to repeated queries. An answer is kept only when every subgraph fetch behind it
// went through the entity cache with a version read before it (cache/entity-cache.ts): the answer
// then depends on exactly those enterprises' versions in those subgraphs, and is served again only
// while a fresh read of every one of them gives the same versions. A hit skips query planning,
// the subgraph fetches and the merging of their answers; the token, the limits, the access rules
// of the operation and the audit record are passed as for any other request (the plugin answers
// after every rule of the operation has run, and the audit plugin records the answer it gives).
import type { LRUCache } from 'lru-cache';
import { boundedEntries } from './bounded-entries';
import { operationCacheLookups as lookups } from './cache-metrics';

/** The versions an answer was read at: `subgraph` → enterprise → stamp. */
type Stamps = Map<string, Map<string, string>>;

/** What the operation cache needs of the entity cache: the current stamps and the cache day. */
export interface StampSource {
  /** The stamps of these enterprises in the subgraph now, or null when they cannot be read. */
  stampsOf(subgraph: string, usccs: readonly string[]): Promise<ReadonlyMap<string, string> | null>;
  /** Today (China Standard Time), or null near midnight, when nothing is kept or served. */
  day(): string | null;
}

/**
 * The versions one operation's subgraph fetches were read at, collected while it runs. One fetch
 * that could not be stamped (not an enterprise fetch, a first ask, versions unreadable, an error)
 * makes the whole answer one that is not kept.
 */
export class OperationRecord {
  readonly stamps: Stamps = new Map();
  private kept = true;

  get cacheable(): boolean {
    return this.kept && this.stamps.size > 0;
  }

  depend(subgraph: string, uscc: string, stamp: string): void {
    let bySubgraph = this.stamps.get(subgraph);
    if (!bySubgraph) this.stamps.set(subgraph, (bySubgraph = new Map<string, string>()));
    const before = bySubgraph.get(uscc);
    // two reads of one enterprise at different versions within one answer: a change landed meanwhile
    if (before !== undefined && before !== stamp) this.kept = false;
    bySubgraph.set(uscc, stamp);
  }

  uncacheable(): void {
    this.kept = false;
  }
}

interface Entry {
  readonly stamps: Stamps;
  /**
   * The answer's data as UTF-8 JSON, outside the JavaScript heap: its size is what it takes (an
   * object tree takes several times its JSON, which the memory bound would not see, and every
   * collection would walk it); each hit parses a copy of its own.
   */
  readonly json: Buffer;
  readonly returned: readonly string[];
  readonly size: number;
}

export interface OperationKey {
  readonly key: string;
  readonly day: string;
}

export interface OperationHit {
  readonly data: Record<string, unknown>;
  /** Enterprises the answer returned, for the audit trail. */
  readonly returned: readonly string[];
}

export class OperationCache {
  private readonly entries: LRUCache<string, Entry>;
  readonly stats = { hits: 0, misses: 0, bypassed: 0 };

  constructor(
    private readonly source: StampSource,
    maxBytes: number,
  ) {
    this.entries = boundedEntries<Entry>(maxBytes);
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  /** The key of a query for this audience today; null near midnight. */
  keyOf(audience: string, queryHash: string, operationName: string | null, variables: string): OperationKey | null {
    const day = this.source.day();
    return day === null ? null : { day, key: `${audience}\u0001${day}\u0001${queryHash}\u0001${operationName ?? ''}\u0001${variables}` };
  }

  /** The answer kept under `key`, if every version it was read at is still the current one. */
  async lookup(key: OperationKey): Promise<OperationHit | undefined> {
    const entry = this.entries.get(key.key);
    if (!entry) return this.count('misses', undefined);
    const reads = await Promise.all([...entry.stamps].map(async ([subgraph, stamps]) => ({ stamps, now: await this.source.stampsOf(subgraph, [...stamps.keys()]) })));
    if (reads.some((r) => r.now === null)) return this.count('bypassed', undefined);
    const current = reads.every(({ stamps, now }) => [...stamps].every(([uscc, stamp]) => now?.get(uscc) === stamp));
    if (!current) {
      if (this.entries.get(key.key) === entry) this.entries.delete(key.key);
      return this.count('misses', undefined);
    }
    return this.count('hits', { data: JSON.parse(entry.json.toString()) as Record<string, unknown>, returned: entry.returned });
  }

  /** Keeps an answer all of whose fetches were stamped, read on `key.day`, if that is still today. */
  store(key: OperationKey, record: OperationRecord, data: Record<string, unknown>, returned: readonly string[]): void {
    if (!record.cacheable || this.source.day() !== key.day) return;
    const json = Buffer.from(JSON.stringify(data));
    // the stamps as they are now: nothing the record hears later reaches what is kept
    const stamps: Stamps = new Map([...record.stamps].map(([subgraph, byUscc]) => [subgraph, new Map(byUscc)]));
    this.entries.set(key.key, { stamps, json, returned: [...returned], size: 2 * key.key.length + json.length + 64 * (returned.length + 6) });
  }

  private count<T>(outcome: 'hits' | 'misses' | 'bypassed', value: T): T {
    this.stats[outcome]++;
    lookups.inc({ outcome });
    return value;
  }
}
