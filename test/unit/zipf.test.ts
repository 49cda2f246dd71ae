// The benchmark's Zipf draw: ranks within 1…n, rank 1 the most frequent, and frequencies falling as 1/k^s.
import { zipfSampler } from '../../bench/zipf';
import { Random } from '../../scripts/demo-data/random';

it('draws ranks whose frequencies fall as 1/k^s', () => {
  const draw = zipfSampler(100_000, 1.1, new Random(7));
  const counts = new Map<number, number>();
  let [low, high] = [Infinity, -Infinity];
  for (let i = 0; i < 200_000; i++) {
    const k = draw();
    [low, high] = [Math.min(low, k), Math.max(high, k)];
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  expect(low).toBe(1);
  expect(high).toBeLessThanOrEqual(100_000);
  const [one, two, ten] = [counts.get(1) ?? 0, counts.get(2) ?? 0, counts.get(10) ?? 0];
  // P(1)/P(2) = 2^1.1 ≈ 2.14; P(1)/P(10) = 10^1.1 ≈ 12.6
  expect(one / two).toBeGreaterThan(1.9);
  expect(one / two).toBeLessThan(2.4);
  expect(one / ten).toBeGreaterThan(10);
  expect(one / ten).toBeLessThan(15.5);
});
