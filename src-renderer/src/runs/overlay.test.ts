import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/api';
import { lossPoints, overlaySeries, valLossPoints } from './overlay';

function run(name: string, batches: number[], epochs: { loss: number; val_loss?: number }[]): RunRecord {
  return {
    id: name, name, status: 'completed', startedAt: '', durationMs: 1, backend: 'cpu', epochs: epochs.length, final: epochs.at(-1) ?? null,
    graph: {} as never, dataset: {} as never, training: {} as never,
    batches: batches.map((loss, step) => ({ step, metrics: { loss } })), epochsHistory: epochs, log: [],
  };
}

describe('run overlay', () => {
  it('puts batch loss on the step axis and validation points at epoch ends', () => {
    const r = run('a', [2, 1.8, 1.5, 1.2], [{ loss: 1.9, val_loss: 1.7 }, { loss: 1.3, val_loss: 1.4 }]);
    expect(lossPoints(r)).toEqual({ xs: [1, 2, 3, 4], ys: [2, 1.8, 1.5, 1.2] });
    expect(valLossPoints(r)).toEqual({ xs: [2, 4], ys: [1.7, 1.4] });
  });

  it('falls back to epoch loss when a run kept no batches, and gives each run its colour', () => {
    const a = run('a', [], [{ loss: 1 }, { loss: 0.5 }]);
    const b = run('b', [3, 2], [{ loss: 2.5, val_loss: 2.4 }]);
    expect(lossPoints(a)).toEqual({ xs: [1, 2], ys: [1, 0.5] });
    const series = overlaySeries([a, b]);
    expect(series.map((s) => [s.name, s.length])).toEqual([['a', 2], ['b', 2], ['b (val)', 1]]);
    expect(series[1].color).toBe(series[2].color);
    expect(series[0].color).not.toBe(series[1].color);
  });
});
