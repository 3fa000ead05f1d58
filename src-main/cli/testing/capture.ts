// For tests that call the CLI's main() in-process: what it prints (reset before each test) and LAYERLAB_HOME
// put back after the file. Call once at the top of a test file.
import { afterAll, afterEach, beforeEach, vi } from 'vitest';

export function captureCliOutput(): { out: string[]; err: string[] } {
  const printed = { out: [] as string[], err: [] as string[] };
  const savedHome = process.env.LAYERLAB_HOME;
  beforeEach(() => {
    printed.out.length = 0;
    printed.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => {
    if (savedHome === undefined) delete process.env.LAYERLAB_HOME;
    else process.env.LAYERLAB_HOME = savedHome;
  });
  return printed;
}
