// What the dataset panel shows: sizes, shapes, class balance and a few samples, as plain JSON.
import type { DatasetShapes } from './types';

export interface PreviewTensor {
  /** Shape of one sample (no batch dimension). */
  shape: number[];
  /** Row-major values of the sample, after normalisation (what the model sees). */
  values: number[];
  /** Token tasks: the sample decoded to text with the dataset's vocabulary. */
  text?: string;
}

export interface PreviewSample {
  split: 'train' | 'validation' | 'test';
  index: number;
  features: Record<string, PreviewTensor>;
  targets: Record<string, PreviewTensor>;
  /** Classification: the class index and name. */
  label?: number;
  labelName?: string;
}

export interface FeatureStats {
  min: number;
  max: number;
  mean: number;
  std: number;
}

export interface DatasetPreview {
  id: string;
  name: string;
  task: 'classification' | 'regression' | 'sequence';
  shapes: DatasetShapes;
  sizes: { train: number; validation: number; test: number };
  classNames?: string[];
  /** Samples per class in each split (classification only). */
  classBalance?: { train: number[]; validation: number[]; test: number[] };
  /** Over the training split, per feature. */
  stats: Record<string, FeatureStats>;
  samples: PreviewSample[];
}
