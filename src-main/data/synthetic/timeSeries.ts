// Noisy multi-period time series: a sum of sine waves (periods 7, 30 and 90 steps, seeded amplitudes
// and phases, a slow trend) plus Gaussian noise, cut into windows of past values -> next values.
// The test windows come from the last 20% of the series, so they never overlap the training ones.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { intOptionValue, optionValue, splitSizes, timeSeriesWindows } from '../../../shared/data/catalog';
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

function windows(series: Float32Array, from: number, count: number, window: number, horizon: number,
  offset: number, scale: number): DatasetSplit {
  const x = new Float32Array(count * window);
  const y = new Float32Array(count * horizon);
  for (let n = 0; n < count; n++) {
    const s = from + n;
    for (let t = 0; t < window; t++) x[n * window + t] = (series[s + t] - offset) * scale;
    for (let t = 0; t < horizon; t++) y[n * horizon + t] = (series[s + window + t] - offset) * scale;
  }
  return { size: count, features: { x: floatTensor(x, [count, window, 1]) }, targets: { y: floatTensor(y, [count, horizon]) } };
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
  let offset = 0;
  let scale = 1;
  if (config.normalization === 'standardize') {
    const end = sizes.train + window + horizon - 1; // steps the training windows cover
    let sum = 0, sq = 0;
    for (let t = 0; t < end; t++) { sum += series[t]; sq += series[t] * series[t]; }
    offset = sum / end;
    scale = 1 / Math.max(1e-8, Math.sqrt(sq / end - offset * offset));
  }
  return {
    descriptor,
    config,
    shapes: { features: { x: [window, 1] }, targets: { y: [horizon] }, trainSize: sizes.train, testSize: counts.test },
    train: windows(series, 0, sizes.train, window, horizon, offset, scale),
    validation: sizes.validation > 0 ? windows(series, sizes.train, sizes.validation, window, horizon, offset, scale) : null,
    test: windows(series, counts.trainSteps, counts.test, window, horizon, offset, scale),
  };
}
