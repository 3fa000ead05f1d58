// Test helper: wait for a condition instead of a fixed delay. A fixed delay before a positive check fails
// when a loaded machine (CI on 2 shared cores) is slower than the delay; polling the condition itself with
// a generous limit does not, and costs nothing when the machine is fast.

/**
 * Calls `probe` every `intervalMs` until it returns a truthy value, and returns that value. Throws
 * "timed out after N s waiting for <what>" (with the last value) when `timeoutMs` passes first.
 */
export async function until<T>(
  probe: () => T | Promise<T>,
  what: string,
  { timeoutMs = 30_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (last value: ${JSON.stringify(value)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
