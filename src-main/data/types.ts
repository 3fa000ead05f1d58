// What a dataset reader hands to the trainer: whole splits as flat typed arrays (one copy in memory);
// the trainer slices batches from them, never tf.unstack (quadratic on wasm).
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';

export interface TensorData {
  /** Row-major values; first dimension is the sample index. */
  data: Float32Array | Int32Array;
  /** Full shape including the sample count, e.g. [10000, 28, 28]. */
  shape: number[];
  dtype: 'float32' | 'int32';
}

export interface DatasetSplit {
  size: number;
  /** By feature name, matching DatasetShapes.features (an Input node's `feature`). */
  features: Record<string, TensorData>;
  /** By target name, matching DatasetShapes.targets (an Output node's `target`). */
  targets: Record<string, TensorData>;
  /** Integer class per sample, when the task is classification (for confusion matrices, galleries). */
  classes?: Int32Array;
}

export interface LoadedDataset {
  descriptor: DatasetDescriptor;
  config: DatasetConfig;
  shapes: DatasetShapes;
  train: DatasetSplit;
  validation: DatasetSplit | null;
  test: DatasetSplit | null;
  classNames?: string[];
  /**
   * Regression with several outputs per sample of which one is the real forecast (a per-step forecaster's last
   * step): its position in the sample's flattened outputs, for the evaluation's forecast error.
   */
  forecastOutput?: { index: number; what: string };
  /**
   * Encoder-decoder data trained with teacher forcing: the feature that feeds the decoder the target shifted right
   * after a start token. Evaluation also decodes free-running (feeding back the model's own predictions).
   */
  teacherForcing?: { feature: string; startToken: number };
  /** Image datasets: the image size and the per-channel scaling training used (for a drawn or dropped image). */
  imageScaling?: { height: number; width: number; channels: number; offset: number[]; scale: number[] };
  /** CSV tables: the feature columns and the scaling of the expanded columns (for values typed into a form). */
  tabular?: TabularEncoding;
}

/** How one row of raw feature values becomes the model's input: categories one-hot, numbers standardised. */
export interface TabularEncoding {
  columns: { name: string; kind: 'number' | 'category'; categories: string[] }[];
  /** Per expanded column (featureNames order): value' = (value - offset) * scale. */
  offset: number[];
  scale: number[];
}

export interface LoadContext {
  /** Folder for downloads and caches (created if missing). */
  cacheDir: string;
  onProgress?: (p: { stage: string; fraction: number; message?: string }) => void;
  signal?: AbortSignal;
}
