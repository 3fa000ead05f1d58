// Dropout for LayerLab's own layers (attention, Transformer blocks) with the keep mask made in one JS pass.
// tf.dropout draws its mask with randomUniform (seedrandom's alea, element by element in JS) and then runs
// add, floor and div kernels: 12% of a Transformer training step on wasm. Here a mulberry32 stream, seeded
// from Math.random (which the training worker seeds per run, so runs repeat), fills the scaled mask
// directly. Same distribution as tf.dropout: an element is kept when its uniform draw u >= rate
// (probability 1 - rate) and then scaled by 1 / (1 - rate); dropped elements become 0.
import type * as tfType from '@tensorflow/tfjs';
import { mulberry32 } from '../../../shared/data/random';
import type { TF } from '../types';

/** The mask tf.dropout would multiply by: 1 / (1 - rate) where kept, 0 where dropped. */
export function dropoutMask(size: number, rate: number, random: () => number): Float32Array {
  const scale = Math.fround(1 / (1 - rate));
  const mask = new Float32Array(size);
  for (let i = 0; i < size; i++) if (random() >= rate) mask[i] = scale;
  return mask;
}

/** x with each element dropped with probability `rate` (0 <= rate < 1) and the rest scaled up. */
export function fastDropout(tf: TF, x: tfType.Tensor, rate: number): tfType.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return x;
  const random = mulberry32(Math.floor(Math.random() * 4294967296));
  return tf.tidy(() => tf.mul(x, tf.tensor(dropoutMask(x.size, rate, random), x.shape, 'float32')));
}
