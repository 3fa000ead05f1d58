// Test helper for the one kind of timing a test may assert: a RELATIVE comparison against a control run
// in the same process. Absolute bounds ("under 100 ms") belong in bench/, since a loaded CI machine can
// stall any single measurement.

/**
 * Fastest time per call (ms) of each piece of work, over `rounds` interleaved rounds of `calls` calls
 * each, after one untimed warm-up round. Keep a round short (well under a millisecond or so): on a busy
 * machine a round the scheduler or a GC pause interrupts reads slow, but with many short rounds some run
 * uninterrupted, and the fastest round is what the code costs. Interleaving (in alternating order) gives
 * every piece the same machine conditions, so the ratio between two pieces holds on fast, slow and
 * loaded machines alike.
 */
export async function fastestPerCall<K extends string>(
  work: Record<K, () => unknown>,
  { rounds = 50, calls = 10 }: { rounds?: number; calls?: number } = {},
): Promise<Record<K, number>> {
  const keys = Object.keys(work) as K[];
  const best = Object.fromEntries(keys.map((k) => [k, Infinity])) as Record<K, number>;
  for (let round = 0; round <= rounds; round++) {
    for (const k of round % 2 ? [...keys].reverse() : keys) {
      const start = performance.now();
      for (let i = 0; i < calls; i++) await work[k]();
      const perCall = (performance.now() - start) / calls;
      if (round > 0) best[k] = Math.min(best[k], perCall); // round 0 warms up
    }
  }
  return best;
}
