// The answers a cache keeps, bounded by the bytes their entries say they take; the least
// recently used go first, and no one entry may take more than an eighth of the bound.
import { LRUCache } from 'lru-cache';

export function boundedEntries<T extends { readonly size: number }>(maxBytes: number): LRUCache<string, T> {
  return new LRUCache<string, T>({ maxSize: maxBytes, maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)), sizeCalculation: (e) => e.size });
}
