// What the entity cache reports to the operator: lookups by outcome, and what it holds.
import { Counter, Gauge } from 'prom-client';
import { registry } from '../platform/metrics';

export const entityCacheLookups = new Counter({
  name: 'credit_entity_cache_lookups_total',
  help: 'Entity cache lookups by subgraph and outcome (hits, misses; bypassed: versions unreadable, sent uncached)',
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [registry],
});

export const operationCacheLookups = new Counter({
  name: 'credit_operation_cache_lookups_total',
  help: 'Whole-answer lookups by outcome (hits; misses; bypassed: versions unreadable)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

const caches = new Set<{ readonly bytes: number; readonly size: number }>();
export function watchEntityCache(cache: { readonly bytes: number; readonly size: number }): () => void {
  caches.add(cache);
  return () => caches.delete(cache);
}

/** A gauge summing one figure over the caches of this process, read when scraped. */
function summed(name: string, help: string, figure: (cache: { readonly bytes: number; readonly size: number }) => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set([...caches].reduce((sum, c) => sum + figure(c), 0));
    },
  });
}

summed('credit_entity_cache_bytes', 'Approximate bytes of answers the entity cache holds (bounded by ENTITY_CACHE_MAX_MB)', (c) => c.bytes);
summed('credit_entity_cache_entries', 'Answers the entity cache holds', (c) => c.size);
