import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runLrFindJob } from './lr-find-job';
import { suggestLearningRate } from './lr-finder';
import { getTemplate } from '../../shared/templates';

describe('learning-rate finder', () => {
  it('suggests a rate between 1e-4 and 1e-2 for the MLP template on an MNIST subset with Adam (the known good range)', async () => {
    const graph = structuredClone(getTemplate('mlp-mnist')!.graph);
    graph.dataset = { ...graph.dataset, limit: 3000 };
    graph.training = { ...graph.training, optimizer: 'adam', backend: 'wasm' };
    const r = await runLrFindJob({ graph, cacheDir: os.tmpdir() });
    console.log(`lr-find on mlp-mnist (batch ${graph.training.batchSize}, ${r.lrs.length} batches): min/10 ${r.suggestion}, steepest ${r.steepest}; ${r.stopReason ?? 'ran to the end'}`);
    expect(r.lrs.length).toBeGreaterThan(20);
    expect(r.lrs.every((lr, i) => i === 0 || lr > r.lrs[i - 1])).toBe(true);
    expect(r.suggestion).toBeGreaterThanOrEqual(1e-4);
    expect(r.suggestion).toBeLessThanOrEqual(1e-2);
    // The rate grew until the loss blew up: the test ended on divergence, far above the suggestion.
    expect(r.stopReason).toMatch(/loss/);
    expect(r.lrs[r.lrs.length - 1]).toBeGreaterThan(r.suggestion! * 10);
  }, 180_000);

  it('suggests the minimum\'s rate / 10, and reports the steepest fall per decade before the minimum', () => {
    const lrs = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
    const r = suggestLearningRate(lrs, [2.3, 2.3, 2.3, 2.2, 1.0, 0.5, 0.9, 5]);
    expect(r.suggestion).toBeCloseTo(1e-2, 12);
    expect(r.steepest).toBe(1e-2);
    // A loss that only rises: nothing to suggest.
    expect(suggestLearningRate(lrs, [1, 2, 3, 4, 5, 6, 7, 8])).toEqual({ suggestion: null, steepest: null });
  });
});
