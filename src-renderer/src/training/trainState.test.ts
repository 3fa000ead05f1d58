import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiEvents, TrainEvent, TrainEventBody } from '../../../shared/api';
import { IDLE, formatDuration, reduceTrainEvent, type TrainView } from './trainState';
import { RunSeries } from './series';
import { createTrainingStore } from '../store/trainingStore';
import { domainFor, domainHolds, extentOf, niceTicks, smooth } from './chartMath';

const ev = (body: TrainEventBody, runId = 'r1'): TrainEvent => ({ ...body, runId, time: 0 }) as TrainEvent;
const started = ev({
  type: 'started',
  backend: { name: 'wasm', reason: 'tfjs-node is not installed' },
  epochs: 2,
  batchesPerEpoch: 3,
  trainSamples: 300,
  valSamples: 30,
  paramCount: 7850,
});

describe('reduceTrainEvent', () => {
  it('folds a whole run into the view and the chart series', () => {
    const series = new RunSeries();
    let v: TrainView = { ...IDLE, status: 'starting' };
    v = reduceTrainEvent(v, started, series);
    expect(v).toMatchObject({ status: 'running', epochs: 2, batchesPerEpoch: 3, backend: { name: 'wasm' } });
    for (let step = 0; step < 6; step++) {
      v = reduceTrainEvent(
        v,
        ev({ type: 'batch', epoch: Math.floor(step / 3), batch: step % 3, step, metrics: { loss: 2 - step * 0.2, acc: 0.1 * step }, progress: (step + 1) / 6, samplesPerSec: 400, etaSec: 6 - step }),
        series,
      );
      if (step % 3 === 2) {
        const epoch = Math.floor(step / 3);
        v = reduceTrainEvent(v, ev({ type: 'epoch', epoch, metrics: { loss: 1.5 - epoch, acc: 0.5, val_loss: 1.6 - epoch, val_accuracy: 0.45 }, durationMs: 10 }), series);
      }
    }
    expect(series.lossBatch.xs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(series.lossBatch.ys[5]).toBeCloseTo(1.0);
    expect(series.accBatch.length).toBe(6);
    // Epoch points sit at the end of each epoch on the batch axis; val accuracy under either name.
    expect(series.lossEpoch.xs).toEqual([3, 6]);
    expect(series.valLossEpoch.ys).toEqual([1.6, 0.6000000000000001]);
    expect(series.valAccEpoch.ys).toEqual([0.45, 0.45]);
    expect(v).toMatchObject({ epoch: 1, samplesPerSec: 400, etaSec: 1 });
    v = reduceTrainEvent(v, ev({ type: 'done', status: 'completed', durationMs: 1234, final: { loss: 0.5 } }), series);
    expect(v).toMatchObject({ status: 'completed', progress: 1, durationMs: 1234, lastEpoch: { loss: 0.5 } });
  });

  it('keeps the error and hint of a failed run', () => {
    const v = reduceTrainEvent({ ...IDLE, status: 'running' }, ev({ type: 'failed', error: 'Out of memory', hint: 'Lower the batch size' }), new RunSeries());
    expect(v).toMatchObject({ status: 'failed', error: 'Out of memory', hint: 'Lower the batch size' });
  });

  it('formats durations', () => {
    expect(formatDuration(5.4)).toBe('5.4s');
    expect(formatDuration(0.04)).toBe('0s');
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(7260)).toBe('2h 01m');
  });
});

function fakeApi() {
  const listeners: ((e: TrainEvent) => void)[] = [];
  let resolveStart: (v: { runId: string }) => void = () => {};
  const stops: string[] = [];
  const api = {
    on: (name: keyof ApiEvents, l: (e: TrainEvent) => void) => {
      if (name === 'train') listeners.push(l);
      return () => {};
    },
    startTraining: () => new Promise<{ runId: string }>((r) => (resolveStart = r)),
    stopTraining: async ({ runId }: { runId: string }) => {
      stops.push(runId);
    },
  } as unknown as ApiClient;
  return { api, emit: (e: TrainEvent) => listeners.forEach((l) => l(e)), answer: (runId: string) => resolveStart({ runId }), stops };
}

describe('training store', () => {
  it('keeps events that arrive before startTraining answers, and drops other runs', async () => {
    const f = fakeApi();
    const store = createTrainingStore(f.api);
    const started = store.getState().start({} as never);
    expect(store.getState().status).toBe('starting');
    f.emit({ ...startedEvent(), runId: 'mine' });
    f.emit({ ...startedEvent(), runId: 'other', epochs: 99 } as TrainEvent);
    f.answer('mine');
    await started;
    expect(store.getState()).toMatchObject({ runId: 'mine', status: 'running', epochs: 2 });
    f.emit(ev({ type: 'batch', epoch: 0, batch: 0, step: 0, metrics: { loss: 1 }, progress: 0.1, samplesPerSec: 1, etaSec: 1 }, 'other'));
    expect(store.getState().series.lossBatch.length).toBe(0);
    f.emit(ev({ type: 'batch', epoch: 0, batch: 0, step: 0, metrics: { loss: 1 }, progress: 0.1, samplesPerSec: 1, etaSec: 1 }, 'mine'));
    expect(store.getState().series.lossBatch.length).toBe(1);
    await store.getState().stop();
    expect(f.stops).toEqual(['mine']);
    expect(store.getState().status).toBe('stopping');
    f.emit(ev({ type: 'done', status: 'stopped', durationMs: 5, final: null }, 'mine'));
    expect(store.getState().status).toBe('stopped');
  });

  it('shows a failed start with the message from the host', async () => {
    const api = { on: () => () => {}, startTraining: async () => Promise.reject(new Error('Dataset not found')) } as unknown as ApiClient;
    const store = createTrainingStore(api);
    await store.getState().start({} as never);
    expect(store.getState()).toMatchObject({ status: 'failed', error: 'Dataset not found' });
  });
});

function startedEvent(): TrainEvent {
  return { ...started };
}

describe('chart math', () => {
  it('gives headroom so appended points rarely force a redraw', () => {
    const e = extentOf([{ xs: [1, 2], ys: [2.3, 1.9] }])!;
    const d = domainFor(e, 100);
    expect(d).toMatchObject({ x0: 0, x1: 100, y0: 0 });
    expect(d.y1).toBeCloseTo(2.645);
    expect(domainHolds(d, { xMax: 100, yMin: 0.1, yMax: 2.5 })).toBe(true);
    expect(domainHolds(d, { xMax: 101, yMin: 0.1, yMax: 2.5 })).toBe(false);
    expect(domainHolds(d, { xMax: 50, yMin: 0.1, yMax: 3 })).toBe(false);
    expect(extentOf([{ xs: [], ys: [] }])).toBeNull();
  });

  it('makes round ticks', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 2.645, 4)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0, 1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
  });
});

describe('learning rate, evaluation and smoothing', () => {
  it('charts the per-epoch learning rate and keeps the evaluation and stop reason', () => {
    const series = new RunSeries();
    let v: TrainView = reduceTrainEvent({ ...IDLE, status: 'starting' }, started, series);
    v = reduceTrainEvent(v, ev({ type: 'epoch', epoch: 0, metrics: { loss: 1, lr: 0.01 }, durationMs: 5 }), series);
    v = reduceTrainEvent(v, ev({ type: 'epoch', epoch: 1, metrics: { loss: 0.8, lr: 0.001 }, durationMs: 5 }), series);
    expect(series.lrEpoch.xs).toEqual([3, 6]);
    expect(series.lrEpoch.ys).toEqual([0.01, 0.001]);
    const evaluation = { split: 'test' as const, samples: 10, loss: 0.7, metrics: { loss: 0.7 }, accuracy: 0.8, notes: [], durationMs: 3 };
    v = reduceTrainEvent(v, ev({ type: 'evaluation', evaluation }), series);
    v = reduceTrainEvent(v, ev({ type: 'done', status: 'completed', durationMs: 9, final: { loss: 0.8 }, stopReason: 'val_loss stopped improving' }), series);
    expect(v.evaluation).toEqual(evaluation);
    expect(v.stopReason).toBe('val_loss stopped improving');
    series.clear();
    expect(series.lrEpoch.length).toBe(0);
  });

  it('smooths with a debiased moving average', () => {
    expect(smooth([1, 1, 1], 0.9)).toEqual([1, 1, 1].map(() => expect.closeTo(1, 10)));
    const s = smooth([0, 10], 0.5);
    expect(s[0]).toBe(0);
    expect(s[1]).toBeCloseTo((0.5 * 0 * 0.5 + 0.5 * 10) / (1 - 0.25));
    expect(smooth([3, 5], 0)).toEqual([3, 5]);
  });
});

describe('a failed run in Korean', () => {
  it('shows the coded failure and hint in the chosen language', async () => {
    const { i18n } = await import('../../../shared/i18n/i18n');
    const { errorDetail } = await import('../../../shared/api');
    await i18n.changeLanguage('ko');
    try {
      const detail = errorDetail('train.nonFiniteLoss', { value: 'NaN', epoch: 1, batch: 3 }, 'The loss became NaN at epoch 1, batch 3: training diverged');
      const hintDetail = errorDetail('train.hintNonFinite', { lr: 0.5 }, 'The learning rate 0.5 is probably too high: try 0.001 to 0.01; check that the inputs are normalised and contain no NaN or Infinity values.');
      const view = reduceTrainEvent(IDLE, { type: 'failed', error: detail.message, hint: hintDetail.message, detail, hintDetail, runId: 'r', time: 0 }, new RunSeries());
      expect(view.error).toBe('에폭 1, 배치 3에서 손실(loss)이 NaN이(가) 되었습니다. 학습이 발산했습니다');
      expect(view.hint).toContain('학습률(learning rate)을 낮추세요 (현재 0.5');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
