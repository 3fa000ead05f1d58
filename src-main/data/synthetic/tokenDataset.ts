// Assembles token-sequence tasks (copy, reverse, addition, dates, text) into a LoadedDataset.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../../shared/data/types';
import { splitSizes, tokenFeatureShape } from '../../../shared/data/catalog';
import type { DatasetSplit, LoadedDataset } from '../types';
import { labelTensor, tokenTensor } from '../tensors';

/** N samples of fixed-length id sequences; each named input and the target are row-major [N, T]. */
export interface TokenSamples {
  count: number;
  inputs: Record<string, { ids: Int32Array; steps: number }>;
  target: { ids: Int32Array; steps: number };
}

/** Rows [from, from + n) of every array. */
function rows(s: TokenSamples, order: ArrayLike<number>): TokenSamples {
  const pick = (ids: Int32Array, steps: number) => {
    const out = new Int32Array(order.length * steps);
    for (let k = 0; k < order.length; k++) out.set(ids.subarray(order[k] * steps, (order[k] + 1) * steps), k * steps);
    return out;
  };
  const inputs: TokenSamples['inputs'] = {};
  for (const [name, v] of Object.entries(s.inputs)) inputs[name] = { ids: pick(v.ids, v.steps), steps: v.steps };
  return { count: order.length, inputs, target: { ids: pick(s.target.ids, s.target.steps), steps: s.target.steps } };
}

function toSplit(s: TokenSamples, vocab: number, config: DatasetConfig): DatasetSplit {
  const oneHot = config.representation === 'matrix';
  const features: DatasetSplit['features'] = {};
  for (const [name, v] of Object.entries(s.inputs)) features[name] = tokenTensor(v.ids, s.count, v.steps, vocab, oneHot);
  return {
    size: s.count,
    features,
    targets: { y: labelTensor(s.target.ids, vocab, config.labels, s.count, [s.target.steps]) },
  };
}

const range = (from: number, to: number) => Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * `pool` holds the training candidates in random (or, with `ordered`, their natural) order:
 * the first ones become validation, then training, capped by config.limit.
 */
export function buildTokenDataset(args: {
  descriptor: DatasetDescriptor;
  config: DatasetConfig;
  pool: TokenSamples;
  test: TokenSamples | null;
  vocab: number;
  classNames?: string[];
  trainOrder?: ArrayLike<number>;
}): LoadedDataset {
  const { descriptor, config, pool, test, vocab } = args;
  const sizes = splitSizes(pool.count, config);
  const order = args.trainOrder ?? range(0, pool.count);
  const valIdx = Array.from(order).slice(0, sizes.validation);
  // An order may hold fewer training windows than the split allows (char text leaves out overlapping ones).
  const trainIdx = Array.from(order).slice(sizes.validation, sizes.validation + sizes.train);
  const features: DatasetShapes['features'] = {};
  for (const [name, v] of Object.entries(pool.inputs)) features[name] = tokenFeatureShape(v.steps, vocab, config.representation);
  return {
    descriptor,
    config,
    shapes: {
      features,
      targets: { y: [pool.target.steps, vocab] },
      numClasses: vocab,
      trainSize: trainIdx.length,
      testSize: test?.count ?? 0,
    },
    train: toSplit(rows(pool, trainIdx), vocab, config),
    validation: sizes.validation > 0 ? toSplit(rows(pool, valIdx), vocab, config) : null,
    test: test ? toSplit(test, vocab, config) : null,
    classNames: args.classNames,
  };
}
