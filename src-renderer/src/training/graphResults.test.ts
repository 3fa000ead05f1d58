import { describe, expect, it } from 'vitest';
import type { RunRecord, RunSummary } from '../../../shared/api';
import { getTemplate } from '../../../shared/templates';
import { isOtherGraph, shownRun, viewOfRecord } from './graphResults';
import { IDLE } from './trainState';
import { RunSeries } from './series';

const summary = (id: string, graphId?: string): RunSummary => ({
  id, name: id, status: 'completed', startedAt: '2026-01-01', durationMs: 1, backend: 'cpu', epochs: 1, final: null, ...(graphId ? { graphId } : {}),
});

describe('which run the Training tab shows', () => {
  const runs = [summary('r3', 'g-b'), summary('r2', 'g-a'), summary('r1', 'g-a'), summary('old')];

  it("shows the live run only when it trains the graph on screen, else that graph's newest run, else none", () => {
    expect(shownRun('g-a', { ...IDLE, status: 'running', graphId: 'g-a' }, runs)).toEqual({ kind: 'live' });
    // Graph A trained, template B opened: B is not trained yet, whatever A's run says.
    expect(shownRun('g-new', { ...IDLE, status: 'completed', graphId: 'g-a' }, runs)).toEqual({ kind: 'none' });
    expect(shownRun('g-a', { ...IDLE, status: 'completed', graphId: 'g-b' }, runs)).toEqual({ kind: 'stored', runId: 'r2' });
    expect(shownRun('g-b', IDLE, runs)).toEqual({ kind: 'stored', runId: 'r3' });
    expect(shownRun(null, IDLE, runs)).toEqual({ kind: 'none' });
  });

  it('labels runs of other graphs and runs from before graph ids as other', () => {
    expect(isOtherGraph('g-a', 'g-a')).toBe(false);
    expect(isOtherGraph('g-b', 'g-a')).toBe(true);
    expect(isOtherGraph(undefined, 'g-a')).toBe(true);
  });
});

describe('a stored run replayed into the Training view', () => {
  it('gives the same curves, metrics, status and evaluation the live run ended with', () => {
    const graph = { ...getTemplate('mlp-mnist')!.graph, extras: { graphId: 'g-a' } };
    const run: RunRecord = {
      ...summary('r1', 'g-a'),
      status: 'completed',
      durationMs: 12_000,
      epochs: 2,
      final: { loss: 0.5, acc: 0.8, val_loss: 0.6, val_acc: 0.75 },
      graph,
      dataset: graph.dataset,
      training: { ...graph.training, epochs: 2 },
      batches: [0, 1, 2, 3, 4, 5].map((step) => ({ step, metrics: { loss: 2 - step * 0.2, acc: 0.1 * step } })),
      epochsHistory: [
        { loss: 1.5, acc: 0.3, val_loss: 1.6, val_acc: 0.28, lr: 0.001 },
        { loss: 0.5, acc: 0.8, val_loss: 0.6, val_acc: 0.75, lr: 0.001 },
      ],
      log: ['[info] Evaluated on 2000 test samples: loss 0.6000, accuracy 75.00%'],
      evaluation: { split: 'test', samples: 2000, loss: 0.6, metrics: {}, accuracy: 0.75, notes: [], durationMs: 5 },
    };
    const series = new RunSeries();
    const view = viewOfRecord(run, series);
    expect(view).toMatchObject({ status: 'completed', runId: 'r1', graphId: 'g-a', epochs: 2, batchesPerEpoch: 3, progress: 1, durationMs: 12_000 });
    expect(view.lastEpoch).toEqual(run.final);
    expect(view.evaluation?.accuracy).toBe(0.75);
    expect(view.log.at(-1)).toEqual({ level: 'info', message: 'Evaluated on 2000 test samples: loss 0.6000, accuracy 75.00%' });
    // A stored run's coded lines keep their code (said in the chosen language), line for line, after the 50-line cut.
    const detail = { code: 'eval.doneAccuracy' as const, params: { samples: 2000, split: 'test', loss: '0.6000', accuracy: '75.00%' } };
    const long = { ...run, log: [...Array.from({ length: 60 }, (_, i) => `[info] line ${i}`), run.log[0]], logDetails: [...Array.from({ length: 60 }, () => null), detail] };
    const coded = viewOfRecord(long, new RunSeries()).log;
    expect(coded).toHaveLength(50);
    expect(coded.at(-1)).toEqual({ level: 'info', message: 'Evaluated on 2000 test samples: loss 0.6000, accuracy 75.00%', detail });
    expect(coded.at(-2)).toEqual({ level: 'info', message: 'line 59' });
    expect(series.lossBatch.xs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(series.lossEpoch.xs).toEqual([3, 6]);
    expect(series.valAccEpoch.ys).toEqual([0.28, 0.75]);
    expect(series.lrEpoch.ys).toEqual([0.001, 0.001]);
  });

  it('shows a failed run with its error', () => {
    const graph = getTemplate('mlp-mnist')!.graph;
    const run = { ...summary('r9'), status: 'failed', final: null, graph, dataset: graph.dataset, training: graph.training, batches: [], epochsHistory: [], log: [], error: 'Dataset: no such file' } as RunRecord;
    expect(viewOfRecord(run, new RunSeries())).toMatchObject({ status: 'failed', error: 'Dataset: no such file', progress: 0 });
  });
});
