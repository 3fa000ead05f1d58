import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver } from './autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(writeResults: boolean[] = [], copyExists = false) {
  const log: string[] = [];
  const saver = new Autosaver({
    write: async () => {
      log.push(`write@${Date.now()}`);
      return writeResults.shift() ?? true;
    },
    clear: async () => void log.push(`clear@${Date.now()}`),
    delayMs: 1000,
    maxWaitMs: 4000,
    copyExists,
  });
  return { saver, log };
}

describe('Autosaver', () => {
  it('writes once, delayMs after the last of a burst of changes', async () => {
    vi.setSystemTime(0);
    const { saver, log } = setup();
    saver.changed(true);
    await vi.advanceTimersByTimeAsync(600);
    saver.changed(true);
    await vi.advanceTimersByTimeAsync(600);
    saver.changed(true);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['write@2200']);
    expect(saver.pending).toBe(false);
  });

  it('writes at least every maxWaitMs while changes keep coming', async () => {
    vi.setSystemTime(0);
    const { saver, log } = setup();
    for (let t = 0; t < 9000; t += 500) {
      saver.changed(true);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(log).toEqual(['write@4000', 'write@8000']);
  });

  it('clears the copy when the document becomes clean, and only if one may exist', async () => {
    vi.setSystemTime(0);
    const { saver, log } = setup();
    saver.changed(false);
    expect(log).toEqual([]);
    saver.changed(true);
    saver.changed(false); // saved before the write was due: nothing was written, nothing to clear
    await vi.advanceTimersByTimeAsync(5000);
    expect(log).toEqual([]);
    saver.changed(true);
    await vi.advanceTimersByTimeAsync(1000);
    saver.changed(false);
    saver.changed(false);
    expect(log).toEqual(['write@6000', 'clear@6000']);
  });

  it('clears a copy that existed before (a restored one) even when it saved nothing itself', async () => {
    vi.setSystemTime(0);
    const { saver, log } = setup([], true);
    saver.changed(true);
    saver.changed(false);
    expect(log).toEqual(['clear@0']);
  });

  it('flush writes a pending change at once (page hidden); nothing pending, nothing written', async () => {
    vi.setSystemTime(0);
    const { saver, log } = setup();
    saver.flush();
    saver.changed(true);
    await vi.advanceTimersByTimeAsync(10);
    saver.flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(log).toEqual(['write@10']);
  });

  it('tries a failed write again after maxWaitMs while still dirty, and stops after dispose', async () => {
    vi.setSystemTime(0);
    const { saver, log } = setup([false, false, true]);
    saver.changed(true);
    await vi.advanceTimersByTimeAsync(1000 + 4000 + 4000);
    expect(log).toEqual(['write@1000', 'write@5000', 'write@9000']);
    saver.changed(true);
    saver.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toHaveLength(3);
  });
});
