// Turns a loaded dataset into the plain-JSON preview the dataset panel shows.
import type { DatasetPreview, FeatureStats, PreviewSample, PreviewTensor } from '../../shared/data/preview';
import type { DatasetSplit, LoadedDataset, TensorData } from './types';

const SPLITS = ['train', 'validation', 'test'] as const;

function sampleOf(t: TensorData, i: number, vocab: string[] | undefined, isTokens: boolean): PreviewTensor {
  const shape = t.shape.slice(1);
  const per = shape.reduce((a, b) => a * b, 1);
  const values = Array.from(t.data.subarray(i * per, (i + 1) * per), (v) => Math.round(v * 1e6) / 1e6);
  const out: PreviewTensor = { shape, values };
  if (vocab && isTokens) {
    const last = shape[shape.length - 1];
    // Ids [T] or [T, 1] decode directly; one-hot [T, V] decodes by arg-max of each row.
    const ids = shape.length === 1 || last === 1
      ? values
      : Array.from({ length: per / last }, (_, r) => {
          const row = values.slice(r * last, (r + 1) * last);
          return row.indexOf(Math.max(...row));
        });
    out.text = ids.map((id) => vocab[id] ?? '').join('');
  }
  return out;
}

function stats(t: TensorData): FeatureStats {
  let min = Infinity, max = -Infinity, sum = 0, sq = 0;
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sq += v * v;
  }
  const n = Math.max(1, t.data.length);
  const mean = sum / n;
  return { min, max, mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
}

function balance(split: DatasetSplit | null, classes: number): number[] {
  const counts = new Array(classes).fill(0);
  if (split?.classes) for (const c of split.classes) counts[c]++;
  return counts;
}

/** `n` samples spread over the splits (train first), with decoded text for token tasks. */
export function buildPreview(data: LoadedDataset, n: number): DatasetPreview {
  const isTokens = data.descriptor.task === 'sequence';
  const vocab = isTokens ? data.classNames : undefined;
  // A sequence task can read images (digit image -> spelled name): only its targets are text.
  const imageFeatures = data.descriptor.representations.includes('image');
  const samples: PreviewSample[] = [];
  for (const name of SPLITS) {
    const split = data[name];
    if (!split) continue;
    const take = Math.min(split.size, name === 'train' ? Math.ceil(n / 2) : Math.ceil(n / 4), n - samples.length);
    for (let i = 0; i < take; i++) {
      const s: PreviewSample = { split: name, index: i, features: {}, targets: {} };
      for (const [k, t] of Object.entries(split.features)) s.features[k] = sampleOf(t, i, vocab, isTokens && !imageFeatures);
      for (const [k, t] of Object.entries(split.targets)) s.targets[k] = sampleOf(t, i, vocab, isTokens);
      if (split.classes && !isTokens) {
        s.label = split.classes[i];
        s.labelName = data.classNames?.[s.label];
      }
      samples.push(s);
    }
  }
  const classes = data.shapes.numClasses;
  const classification = data.descriptor.task === 'classification' && classes !== undefined && !!data.train.classes;
  return {
    id: data.descriptor.id,
    name: data.descriptor.name,
    task: data.descriptor.task,
    shapes: data.shapes,
    sizes: { train: data.train.size, validation: data.validation?.size ?? 0, test: data.test?.size ?? 0 },
    ...(data.classNames && !isTokens ? { classNames: data.classNames } : {}),
    ...(classification
      ? { classBalance: { train: balance(data.train, classes!), validation: balance(data.validation, classes!), test: balance(data.test, classes!) } }
      : {}),
    stats: Object.fromEntries(Object.entries(data.train.features).map(([k, t]) => [k, stats(t)])),
    samples,
  };
}
