// Noisy multi-period time series: a sum of sine waves (periods 7, 30 and 90 steps, seeded amplitudes
// and phases, a slow trend) plus Gaussian noise, cut into windows of past values -> next values.
// The test windows come from the last 20% of the series, so they never overlap the training ones.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { intOptionValue, optionValue, splitSizes, timeSeriesPerStep, timeSeriesWindows } from '../../../shared/data/catalog';
import { makeRng, randNormal } from '../../../shared/data/random';
import type { DatasetSplit, LoadedDataset } from '../types';
import { floatTensor } from '../tensors';
import { DatasetError } from '../errors';

export const SERIES_PERIODS = [7, 30, 90];

export function generateSeries(length: number, noise: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  const waves = SERIES_PERIODS.map((period) => ({ period, amp: 0.5 + rng(), phase: rng() * 2 * Math.PI }));
  const trend = (rng() - 0.5) * 2 / length;
  const out = new Float32Array(length);
  for (let t = 0; t < length; t++) {
    let v = trend * t;
    for (const w of waves) v += w.amp * Math.sin((2 * Math.PI * t) / w.period + w.phase);
    out[t] = v + noise * randNormal(rng);
  }
  return out;
}

/**
 * `count` windows starting at `from`. Targets: the `horizon` values after the window [count, horizon], or with
 * `perStep` the `horizon` values after every step t of the window [count, window, horizon] (y[t, h] = s[t + 1 + h]).
 */
function windows(series: Float32Array, from: number, count: number, window: number, horizon: number,
  offset: number, scale: number, perStep: boolean): DatasetSplit {
  const x = new Float32Array(count * window);
  const steps = perStep ? window : 1;
  const y = new Float32Array(count * steps * horizon);
  for (let n = 0; n < count; n++) {
    const s = from + n;
    for (let t = 0; t < window; t++) x[n * window + t] = (series[s + t] - offset) * scale;
    for (let k = 0; k < steps; k++) {
      // The step whose future is predicted: the last one of the window, or every one.
      const last = perStep ? s + k : s + window - 1;
      for (let t = 0; t < horizon; t++) y[(n * steps + k) * horizon + t] = (series[last + 1 + t] - offset) * scale;
    }
  }
  const yShape = perStep ? [count, window, horizon] : [count, horizon];
  return { size: count, features: { x: floatTensor(x, [count, window, 1]) }, targets: { y: floatTensor(y, yShape) } };
}

/** Offset and scale that standardise the series with the statistics of the steps training windows cover. */
export function seriesStandardisation(series: Float32Array, steps: number): { offset: number; scale: number } {
  let sum = 0, sq = 0;
  for (let t = 0; t < steps; t++) { sum += series[t]; sq += series[t] * series[t]; }
  const offset = sum / steps;
  return { offset, scale: 1 / Math.max(1e-8, Math.sqrt(sq / steps - offset * offset)) };
}

export function loadTimeSeries(config: DatasetConfig, descriptor: DatasetDescriptor): LoadedDataset {
  const window = intOptionValue(config, 'window');
  const horizon = intOptionValue(config, 'horizon');
  const length = intOptionValue(config, 'length');
  const noise = Number(optionValue(config, 'noise'));
  if (window < 1 || horizon < 1) throw new DatasetError(`window (${window}) and horizon (${horizon}) must be at least 1`);
  if (!(noise >= 0)) throw new DatasetError(`noise must be a number >= 0, got ${optionValue(config, 'noise')}`);
  const counts = timeSeriesWindows(config);
  if (counts.train < 2 || counts.test < 1) {
    throw new DatasetError(`a series of ${length} steps is too short for windows of ${window} + ${horizon} (the test part is its last 20%)`);
  }
  const series = generateSeries(length, noise, config.seed);
  // Training windows first, validation windows right after them (a time-ordered split: no peeking ahead).
  const sizes = splitSizes(counts.train, config);
  const { offset, scale } = config.normalization === 'standardize'
    ? seriesStandardisation(series, sizes.train + window + horizon - 1) // the steps the training windows cover
    : { offset: 0, scale: 1 };
  const perStep = timeSeriesPerStep(config);
  const cut = (from: number, count: number) => windows(series, from, count, window, horizon, offset, scale, perStep);
  return {
    descriptor,
    config,
    shapes: {
      features: { x: [window, 1] },
      targets: { y: perStep ? [window, horizon] : [horizon] },
      trainSize: sizes.train,
      testSize: counts.test,
    },
    train: cut(0, sizes.train),
    validation: sizes.validation > 0 ? cut(sizes.train, sizes.validation) : null,
    test: cut(counts.trainSteps, counts.test),
    // A per-step model's forecast is its last step's prediction of the next value.
    ...(perStep ? { forecastOutput: { index: (window - 1) * horizon, what: 'the last step\'s prediction of the next value' } } : {}),
  };
}
