// Ranks drawn from a Zipf distribution (P(k) ∝ 1/k^s, k = 1…n): a few enterprises asked for often,
// most rarely, as at query windows and in repeated tender checks. Inverse transform over the
// cumulative weights, found by binary search.
import type { Random } from '../scripts/demo-data/random';

export function zipfSampler(n: number, s: number, rng: Random): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative[k - 1] = total += 1 / k ** s;
  return () => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
