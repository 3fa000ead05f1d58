import { describe, expect, it } from 'vitest';
import { BestTracker, EarlyStopper, resolveMonitor } from './early-stopping';

const m = (loss: number, extra: Record<string, number> = {}) => ({ loss, ...extra });

describe('BestTracker / EarlyStopper', () => {
  it('minimises losses and maximises accuracies, counting epochs since the best', () => {
    const loss = new BestTracker('val_loss');
    expect([0.9, 0.7, 0.8, 0.6, 0.6].map((v, e) => loss.update(e, m(1, { val_loss: v })))).toEqual([true, true, false, true, false]);
    expect([loss.best, loss.bestEpoch, loss.wait]).toEqual([0.6, 3, 1]);
    const acc = new BestTracker('val_acc');
    expect([0.5, 0.4, 0.7].map((v, e) => acc.update(e, m(1, { val_acc: v })))).toEqual([true, false, true]);
    expect(acc.mode).toBe('max');
  });

  it('needs more than minDelta to count as an improvement; NaN never does', () => {
    const t = new BestTracker('loss', 0.1);
    expect([1, 0.95, 0.85, NaN, 0.7].map((v, e) => t.update(e, m(v)))).toEqual([true, false, true, false, true]);
  });

  it('stops once patience epochs in a row did not improve (patience 0: after the first bad epoch)', () => {
    const run = (patience: number, values: number[]) => {
      const s = new EarlyStopper('loss', { monitor: 'loss', patience });
      for (let e = 0; e < values.length; e++) {
        s.tracker.update(e, m(values[e]));
        if (s.shouldStop()) return e;
      }
      return -1;
    };
    expect(run(2, [1, 0.9, 0.95, 0.8, 0.85, 0.86, 0.1])).toBe(5);
    expect(run(0, [1, 0.9, 0.95])).toBe(2);
    expect(run(3, [1, 0.9, 0.8])).toBe(-1);
  });

  it('falls back to a metric the run has', () => {
    expect(resolveMonitor('val_loss', true, ['loss', 'acc'])).toEqual({ monitor: 'val_loss' });
    expect(resolveMonitor('val_acc', false, ['loss', 'acc']).monitor).toBe('loss');
    expect(resolveMonitor('val_acc', true, ['loss'])).toMatchObject({ monitor: 'val_loss', note: expect.stringMatching(/no accuracy/) });
    expect(resolveMonitor(undefined, false, ['loss'])).toEqual({ monitor: 'loss' });
  });
});
