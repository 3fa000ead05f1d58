// The forecast of a trained time-series model, k steps ahead by feeding each prediction back: its first
// `horizon` values are tfjs's own prediction for the test window, the truth is the series after the window
// (the next test windows' targets), and the window rolls on for the later steps.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, expect, it } from 'vitest';
import { trainHeadless } from '../cli/train';
import { mlpGraph } from '../training/testing/fixtures';
import type { GraphFile } from '../../shared/graph/types';
import { loadTryRun } from './load-run';
import { predictRun, tryInfo } from './predict';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'layerlab-forecast-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const WINDOW = 16;
const HORIZON = 2;

/** Window [16, 1] -> Flatten -> Dense(2): the 2 values after the window. */
function forecaster(): GraphFile {
  const g = mlpGraph({ epochs: 1 });
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params: params as never, position: { x, y: 0 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  return {
    ...g,
    nodes: [node('in', 'Input', { feature: 'x', shape: [WINDOW, 1] }, 0), node('flat', 'Flatten', {}, 200), node('d', 'Dense', { units: HORIZON }, 400), node('out', 'Output', { target: 'y' }, 600)],
    edges: [edge('in', 'flat'), edge('flat', 'd'), edge('d', 'out')],
    dataset: { id: 'time-series', representation: 'sequence', labels: 'onehot', normalization: 'standardize', validationSplit: 0.1, limit: 0, seed: 2, options: { window: WINDOW, horizon: HORIZON, length: 600 } },
    training: { ...g.training, loss: 'meanSquaredError', metrics: [] },
  };
}

it('forecasts k steps from a test window against the truth, the first steps being the model\'s own prediction', async () => {
  const { runId, status } = await trainHeadless(forecaster(), { dataDir, quiet: true });
  expect(status).toBe('completed');
  const run = await loadTryRun(dataDir, runId);
  expect(tryInfo(run)).toMatchObject({ mode: 'forecast', series: { window: WINDOW, horizon: HORIZON } });
  const start = 5;
  const result = predictRun(tf, run, { input: { kind: 'series', start }, steps: 5 });
  if (result.kind !== 'forecast') throw new Error(`expected a forecast, got ${result.kind}`);
  const test = run.dataset.test!;
  const x = test.features.x.data.slice(start * WINDOW, (start + 1) * WINDOW);
  expect(result.history).toEqual(Array.from(x));
  const direct = tf.tidy(() => (run.model.predict(tf.tensor3d(x, [1, WINDOW, 1])) as tf.Tensor).dataSync());
  expect(result.forecast).toHaveLength(5);
  expect(result.forecast[0]).toBeCloseTo(direct[0], 5);
  expect(result.forecast[1]).toBeCloseTo(direct[1], 5);
  // Step 3 comes from the window moved on by the two predicted values.
  const rolled = Float32Array.from([...x.slice(2), direct[0], direct[1]]);
  const next = tf.tidy(() => (run.model.predict(tf.tensor3d(rolled, [1, WINDOW, 1])) as tf.Tensor).dataSync());
  expect(result.forecast[2]).toBeCloseTo(next[0], 5);
  // The truth after the window: the first target value of this and the following windows.
  const y = test.targets.y.data;
  expect(result.truth).toEqual([0, 1, 2, 3, 4].map((j) => y[(start + j) * HORIZON]));
  expect(result.truth[1]).toBeCloseTo(y[start * HORIZON + 1], 6);
  // Past the end of the test series: a clear error.
  expect(() => predictRun(tf, run, { input: { kind: 'series', start: test.size } })).toThrow(/window \d+ is out of range: the test split has \d+ samples/);
}, 120_000);
