// Test helper: how long the current event loop was stalled while some work ran.

/** Runs `work` while a 10 ms timer on this event loop records the longest gap between its ticks. */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; maxGapMs: number; ms: number }> {
  const start = performance.now();
  let last = start;
  let maxGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    maxGapMs = Math.max(maxGapMs, performance.now() - last);
    return { result, maxGapMs, ms: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}
