// LayerLab's loaded dataset (already split, normalised and shaped as the model sees it) as data.npz beside
// an exported script, so the script trains on exactly the samples LayerLab used, with no network.
// Keys: train_x_<feature>, train_y_<target>, val_x_..., val_y_..., test_x_..., test_y_...
import type { DatasetSplit, LoadedDataset, TensorData } from '../data/types';
import { encodeNpz, type NpyArray } from './npz';

function npy(t: TensorData, rows?: number): NpyArray {
  if (rows === undefined || rows >= t.shape[0]) return { data: t.data, shape: t.shape };
  const per = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return { data: t.data.subarray(0, rows * per), shape: [rows, ...t.shape.slice(1)] };
}

function addSplit(out: Record<string, NpyArray>, prefix: string, split: DatasetSplit | null, rows?: number): void {
  if (!split || split.size === 0) return;
  for (const [name, t] of Object.entries(split.features)) out[`${prefix}_x_${name}`] = npy(t, rows);
  for (const [name, t] of Object.entries(split.targets)) out[`${prefix}_y_${name}`] = npy(t, rows);
}

export interface DatasetNpzOptions {
  /** Include the test split (off by default: it is not used for training). */
  includeTest?: boolean;
  /** Cap rows per split (quick tests). */
  maxRows?: number;
  /** Deflate the arrays (default true); a run that reads the file at once skips it. */
  compress?: boolean;
}

export function datasetToNpz(data: LoadedDataset, opts: DatasetNpzOptions = {}): Buffer {
  const arrays: Record<string, NpyArray> = {};
  addSplit(arrays, 'train', data.train, opts.maxRows);
  addSplit(arrays, 'val', data.validation, opts.maxRows);
  if (opts.includeTest) addSplit(arrays, 'test', data.test, opts.maxRows);
  return encodeNpz(arrays, { compress: opts.compress });
}
