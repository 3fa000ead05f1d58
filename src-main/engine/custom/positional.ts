// Positional encoding as a tfjs Layer: x [B, T, d] + P[:T] with P sinusoidal (no weights) or learned.
import * as tf from '@tensorflow/tfjs';
import { dropMask, initializer, lastDim, shapeList, type LayerArgs } from './attention';

export interface PositionalEncodingConfig {
  mode: 'sinusoidal' | 'learned';
  maxLength: number;
}

/** P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(t / 10000^(2i/d)). */
export function sinusoidTable(steps: number, d: number): Float32Array {
  const table = new Float32Array(steps * d);
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < d; j++) {
      const angle = t / Math.pow(10000, (2 * Math.floor(j / 2)) / d);
      table[t * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}

export class PositionalEncodingLayer extends tf.layers.Layer {
  static className = 'LayerLabPositionalEncoding';
  readonly cfg: PositionalEncodingConfig;
  private table?: tf.LayerVariable;

  constructor(args: LayerArgs & Partial<PositionalEncodingConfig>) {
    super(args);
    this.cfg = { mode: args.mode ?? 'sinusoidal', maxLength: args.maxLength ?? 512 };
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = shapeList(inputShape)[0];
    const d = lastDim(shape, this.name);
    const steps = shape[1];
    if (this.cfg.mode === 'learned') {
      if (steps !== null && steps > this.cfg.maxLength) {
        throw new Error(`${this.name}: sequence length ${steps} exceeds maxLength ${this.cfg.maxLength}`);
      }
      this.table = this.addWeight('embeddings', [this.cfg.maxLength, d], 'float32', initializer('embedding'));
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return shapeList(inputShape)[0].slice();
  }

  override computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [, steps, d] = x.shape;
      if (this.cfg.mode === 'learned') {
        if (steps > this.cfg.maxLength) throw new Error(`${this.name}: sequence length ${steps} exceeds maxLength ${this.cfg.maxLength}`);
        return tf.add(x, tf.slice(this.table!.read(), [0, 0], [steps, d]));
      }
      return tf.add(x, tf.tensor2d(sinusoidTable(steps, d), [steps, d]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.cfg };
  }
}
tf.serialization.registerClass(PositionalEncodingLayer);
