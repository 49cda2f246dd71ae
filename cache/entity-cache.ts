// The gateway's entity cache: subgraph answers about one enterprise, kept per audience, selection
// and China-Standard-Time day, and served only while the enterprise's version in that subgraph's
// database is still the one the answer was read at. The versions are read from the database (the
// leader) before every lookup, so a change committed before the read began is never answered
// from memory, on any gateway instance: there is nothing to invalidate and no message to miss.
// A version that cannot be read within its deadline sends the fetch through uncached.
import type { GraphQLFormattedError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { GENERATION_KEY, type EntityVersions } from '../storage/port';
import { todayIso } from '../schema/today';
import { enterpriseKeyOf, fetchShape, variablesKey, type FetchShape } from './fetch-shape';
import { entityCacheLookups, watchEntityCache } from './cache-metrics';
import { boundedEntries } from './bounded-entries';
import { OperationCache, type OperationRecord, type StampSource } from './operation-cache';

/** A subgraph's answer as the gateway's data source receives it. */
export interface SubgraphAnswer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLFormattedError[];
  readonly extensions?: Record<string, unknown>;
}

export interface CacheableFetch {
  readonly subgraph: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** Who the answer is shaped for (cache/audience.ts). */
  readonly audience: string;
}

/** Sends the fetch (with these variables) to the subgraph. */
export type Send = (variables: Record<string, unknown> | undefined) => Promise<SubgraphAnswer>;

export interface EntityCacheOptions {
  /** Bytes of answers kept at most (their JSON in UTF-8, plus keys); the least recently used go first. */
  readonly maxBytes: number;
  /** Each subgraph's versions; fetches to a subgraph without them are never cached. */
  readonly versions: Readonly<Record<string, EntityVersions>>;
  /** How long reading versions may take before the fetch goes uncached. */
  readonly versionTimeoutMs: number;
  readonly now?: () => Date;
  /** Told when versions could not be read (the fetch went uncached). */
  readonly onVersionError?: (subgraph: string, err: unknown) => void;
  /**
   * When an answer is first kept: on the second ask about its enterprise (the default), so an
   * enterprise asked about once costs no version read; or on the first.
   */
  readonly admission?: 'first' | 'second';
}

interface Entry {
  readonly stamp: string;
  /**
   * The answer as UTF-8 JSON, outside the JavaScript heap: a full cache then costs the collector
   * (which runs on every request's garbage) little; each hit parses its own copy, since the
   * gateway merges other subgraphs' fields into what it is given.
   */
  readonly json: Buffer;
  /** Enterprises the subgraph reported returning with this answer (for the audit trail). */
  readonly returned: readonly string[];
  readonly size: number;
}

export interface EntityCacheStats {
  hits: number;
  misses: number;
  /** Lookups not made: versions unreadable. */
  bypassed: number;
}

const MIDNIGHT_MARGIN_MS = 120_000;
/** Enterprises remembered as asked about once (a few MiB): beyond, the least recently asked are forgotten. */
const SEEN_ENTERPRISES = 100_000;
const SEEN_ENTRY_BYTES = 200;
/** After versions could not be read, fetches of that subgraph go uncached this long without trying. */
const PAUSE_AFTER_FAILURE_MS = 5_000;

const stampOf = (versions: ReadonlyMap<string, string>, uscc: string): string => `${versions.get(uscc) ?? '0'}/${versions.get(GENERATION_KEY) ?? '0'}`;

/** The share of the memory bound whole answers may take (cache/operation-cache.ts); entity answers take the rest. */
const OPERATION_SHARE = 0.25;

/** Who hears the versions a fetch was answered at, or that it could not be stamped (the operation's record). */
type FetchRecord = Pick<OperationRecord, 'depend' | 'uncacheable'>;
const NO_RECORD: FetchRecord = { depend: () => undefined, uncacheable: () => undefined };

/** One fetch being answered: what was asked, how to send it, and who hears what memory answered. */
interface Lookup {
  readonly request: CacheableFetch;
  readonly send: Send;
  readonly noteReturned: (usccs: readonly string[]) => void;
  readonly record: FetchRecord;
}

/** Sends the fetch as asked; the operation it belongs to is not kept whole. */
function sendUncached({ request, send, record }: Lookup): Promise<SubgraphAnswer> {
  record.uncacheable();
  return send(request.variables);
}

export class EntityCache implements StampSource {
  private readonly entries: LRUCache<string, Entry>;
  /** Whole answers of queries all of whose fetches were answered here at known versions. */
  readonly operations: OperationCache;
  readonly stats: EntityCacheStats = { hits: 0, misses: 0, bypassed: 0 };
  private readonly unwatch: () => void;
  private readonly pausedUntil = new Map<string, number>();
  /** Enterprises asked of each subgraph lately, by `subgraph\u0001uscc`: what the second ask admits. */
  private readonly seen = new LRUCache<string, true>({ max: SEEN_ENTERPRISES });

  constructor(private readonly options: EntityCacheOptions) {
    const entityBytes = Math.max(1, Math.floor(options.maxBytes * (1 - OPERATION_SHARE)));
    this.entries = boundedEntries<Entry>(entityBytes);
    this.operations = new OperationCache(this, Math.max(1, options.maxBytes - entityBytes));
    this.unwatch = watchEntityCache(this);
  }

  /** The answers held, and the enterprises remembered as asked about (about 200 bytes each, key and list node). */
  get bytes(): number {
    return this.entries.calculatedSize + this.seen.size * SEEN_ENTRY_BYTES + this.operations.bytes;
  }

  get size(): number {
    return this.entries.size + this.operations.size;
  }

  async stampsOf(subgraph: string, usccs: readonly string[]): Promise<ReadonlyMap<string, string> | null> {
    const versions = await this.versionsOf(subgraph, usccs);
    return versions && new Map(usccs.map((u) => [u, stampOf(versions, u)]));
  }

  day(): string | null {
    return this.today();
  }

  /**
   * Answers the fetch from the cache where it may, sending only what it may not; `noteReturned`
   * hears the enterprises cached answers returned; `record` hears the versions the answer was read
   * at, or that it could not be stamped.
   */
  async fetch(request: CacheableFetch, send: Send, noteReturned: (usccs: readonly string[]) => void, record: FetchRecord = NO_RECORD): Promise<SubgraphAnswer> {
    const lookup: Lookup = { request, send, noteReturned, record };
    const shape = this.options.versions[request.subgraph] ? fetchShape(request.query) : null;
    if (!shape) return sendUncached(lookup);
    return shape.kind === 'entities' ? this.entities(lookup, shape) : this.enterprise(lookup, shape);
  }

  clear(): void {
    this.entries.clear();
    this.seen.clear();
    this.operations.clear();
  }

  close(): void {
    this.clear();
    this.unwatch();
  }

  /**
   * Today (China Standard Time), or null within two minutes of midnight: the subgraph reckons the
   * day by its own clock, and an answer it gave for one day must not be kept under the other.
   */
  private today(): string | null {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const [before, after] = [todayIso(new Date(now - MIDNIGHT_MARGIN_MS)), todayIso(new Date(now + MIDNIGHT_MARGIN_MS))];
    return before === after ? before : null;
  }

  private async versionsOf(subgraph: string, usccs: readonly string[]): Promise<ReadonlyMap<string, string> | null> {
    const source = this.options.versions[subgraph];
    if (!source || Date.now() < (this.pausedUntil.get(subgraph) ?? 0)) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        source.read(usccs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`entity versions of ${subgraph} not read within ${this.options.versionTimeoutMs} ms`)), this.options.versionTimeoutMs);
        }),
      ]);
    } catch (err) {
      // a database away or slow costs the next fetches nothing while it stays so
      this.pausedUntil.set(subgraph, Date.now() + PAUSE_AFTER_FAILURE_MS);
      this.options.onVersionError?.(subgraph, err);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private count(subgraph: string, outcome: keyof EntityCacheStats, n: number): void {
    if (n === 0) return;
    this.stats[outcome] += n;
    entityCacheLookups.inc({ subgraph, outcome }, n);
  }

  private store(key: string, stamp: string, value: unknown, returned: readonly string[]): void {
    const json = Buffer.from(JSON.stringify(value) ?? 'null');
    // the bytes of the JSON, the key (two a character), and the entry's own objects
    this.entries.set(key, { stamp, json, returned, size: 2 * key.length + json.length + 160 });
  }

  /** The entry under `key` if it was read at `stamp`; one read at another version is dropped. */
  private current(key: string, stamp: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.stamp !== stamp) this.entries.delete(key);
    return entry?.stamp === stamp ? entry : undefined;
  }

  /**
   * Whether an answer about `uscc` is worth a version read: one is held, or the enterprise was
   * asked of this subgraph before (a second ask admits it). An enterprise asked about once costs
   * no version read and takes no memory; the ask is noted.
   */
  private tracked(subgraph: string, uscc: string, key: string): boolean {
    if (this.options.admission === 'first') return true;
    const seen = `${subgraph}\u0001${uscc}`;
    const tracked = this.entries.has(key) || this.seen.has(seen);
    this.seen.set(seen, true);
    return tracked;
  }

  private async entities(lookup: Lookup, shape: FetchShape): Promise<SubgraphAnswer> {
    const { request, send, noteReturned, record } = lookup;
    const uncached = () => sendUncached(lookup);
    const representations: unknown = request.variables?.['representations'];
    if (!Array.isArray(representations) || representations.length === 0) return uncached();
    const parsed = representations.map(enterpriseKeyOf);
    if (parsed.some((k) => k === null)) return uncached();
    const enterprises = parsed as { typename: string; uscc: string }[];
    const today = this.today();
    if (today === null) return uncached();
    const base = `${request.subgraph}\u0001${request.audience}\u0001${today}\u0001${shape.digest}\u0001${variablesKey(request.variables, 'representations')}\u0001`;
    const keys = enterprises.map((k) => `${base}${k.typename}:${k.uscc}`);
    const wanted = enterprises.map((k, i) => this.tracked(request.subgraph, k.uscc, keys[i] ?? ''));
    const usccs = [...new Set(enterprises.filter((_, i) => wanted[i]).map((k) => k.uscc))];
    if (usccs.length === 0) {
      this.count(request.subgraph, 'misses', enterprises.length);
      return uncached();
    }
    const versions = await this.versionsOf(request.subgraph, usccs);
    if (!versions) {
      this.count(request.subgraph, 'bypassed', enterprises.length);
      return uncached();
    }
    // a stamp for each answer worth keeping; none for an enterprise asked about for the first time
    const stamps = enterprises.map((k, i) => (wanted[i] ? stampOf(versions, k.uscc) : null));
    /** The whole answer is read at these stamps (every enterprise stamped, no error), or is not kept whole. */
    const settle = (complete: boolean) => {
      if (!complete || stamps.some((stamp) => stamp === null)) return record.uncacheable();
      enterprises.forEach((k, i) => record.depend(request.subgraph, k.uscc, stamps[i] ?? ''));
    };
    const values: unknown[] = new Array<unknown>(enterprises.length);
    const missing: number[] = [];
    const returned: string[] = [];
    enterprises.forEach((_, i) => {
      const stamp = stamps[i];
      const entry = stamp === null || stamp === undefined ? undefined : this.current(keys[i] ?? '', stamp);
      if (!entry) return void missing.push(i);
      values[i] = JSON.parse(entry.json.toString());
      returned.push(...entry.returned);
    });
    this.count(request.subgraph, 'hits', enterprises.length - missing.length);
    this.count(request.subgraph, 'misses', missing.length);
    if (missing.length === 0) {
      if (returned.length > 0) noteReturned(returned);
      settle(true);
      return { data: { _entities: values } };
    }

    const answer = await send(missing.length === enterprises.length ? request.variables : { ...request.variables, representations: missing.map((i): unknown => representations[i]) });
    const errors = answer.errors?.map((e) => (e.path?.[0] === '_entities' && typeof e.path[1] === 'number' ? { ...e, path: ['_entities', missing[e.path[1]] ?? e.path[1], ...e.path.slice(2)] } : e));
    const got = answer.data?.['_entities'];
    // the fetch failed as a whole: its errors stand, and nothing is answered from memory beside them
    if (!Array.isArray(got) || got.length !== missing.length) {
      record.uncacheable();
      return errors ? { ...answer, errors } : answer;
    }
    // what memory answered is part of the answer now: the audit trail names its enterprises
    if (returned.length > 0) noteReturned(returned);
    // an answer with an error in it is not kept: it may be a part that could not be read this time
    const failed = new Set<number>();
    let unplaced = false;
    for (const e of answer.errors ?? []) {
      if (e.path?.[0] === '_entities' && typeof e.path[1] === 'number') failed.add(e.path[1]);
      else unplaced = true;
    }
    const keep = !unplaced && this.today() === today;
    settle(keep && failed.size === 0);
    const reported = reportedEnterprises(answer);
    missing.forEach((i, j) => {
      values[i] = got[j];
      const [k, stamp, key] = [enterprises[i], stamps[i], keys[i]];
      if (keep && k && stamp && key && !failed.has(j)) this.store(key, stamp, got[j], got[j] !== null && reported.has(k.uscc) ? [k.uscc] : []);
    });
    return { ...answer, data: { ...answer.data, _entities: values }, ...(errors ? { errors } : {}) };
  }

  private async enterprise(lookup: Lookup, shape: FetchShape & { kind: 'enterprise' }): Promise<SubgraphAnswer> {
    const { request, send, noteReturned, record } = lookup;
    const uncached = () => sendUncached(lookup);
    const uscc = 'variable' in shape.uscc ? request.variables?.[shape.uscc.variable] : shape.uscc.literal;
    if (typeof uscc !== 'string') return uncached();
    const today = this.today();
    if (today === null) return uncached();
    const key = `${request.subgraph}\u0001${request.audience}\u0001${today}\u0001${shape.digest}\u0001${variablesKey(request.variables)}\u0001enterprise:${uscc}`;
    if (!this.tracked(request.subgraph, uscc, key)) {
      this.count(request.subgraph, 'misses', 1);
      return uncached();
    }
    const versions = await this.versionsOf(request.subgraph, [uscc]);
    if (!versions) {
      this.count(request.subgraph, 'bypassed', 1);
      return uncached();
    }
    const stamp = stampOf(versions, uscc);
    const entry = this.current(key, stamp);
    if (entry) {
      this.count(request.subgraph, 'hits', 1);
      if (entry.returned.length > 0) noteReturned(entry.returned);
      record.depend(request.subgraph, uscc, stamp);
      return { data: JSON.parse(entry.json.toString()) as Record<string, unknown> };
    }
    this.count(request.subgraph, 'misses', 1);
    const answer = await send(request.variables);
    if (!answer.errors?.length && answer.data && this.today() === today) {
      this.store(key, stamp, answer.data, [...reportedEnterprises(answer)]);
      record.depend(request.subgraph, uscc, stamp);
    } else record.uncacheable();
    return answer;
  }
}

/** The enterprises a subgraph reported returning (the identity subgraph's extension). */
function reportedEnterprises(answer: SubgraphAnswer): Set<string> {
  const reported: unknown = answer.extensions?.['enterprisesReturned'];
  return new Set(Array.isArray(reported) ? reported.filter((u): u is string => typeof u === 'string') : []);
}
