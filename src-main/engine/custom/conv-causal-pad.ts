// CausalPad1D: left-pads a sequence with zeros so a following 'valid' Conv1D is causal.
// tfjs's own conv1d({padding: 'causal'}) builds but throws at run time, so Conv1D 'causal' is built as
// CausalPad1D((k - 1) * d) followed by a 'valid' conv. Registered for serialization so saved models load.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';

export interface CausalPad1DArgs {
  /** Zero steps added before the first time step. */
  padding: number;
  name?: string;
}

type LayerInstance = tfType.layers.Layer;
export type CausalPad1DClass = new (args: CausalPad1DArgs) => LayerInstance;

// One class per tfjs instance (tests and the app may pass different module instances of tf).
const classes = new WeakMap<object, CausalPad1DClass>();

/** The CausalPad1D class for this tf, defined and registered for serialization on first use. */
export function causalPad1DClass(tf: TF): CausalPad1DClass {
  const existing = classes.get(tf);
  if (existing) return existing;

  class CausalPad1D extends tf.layers.Layer {
    static className = 'CausalPad1D';
    readonly padding: number;

    constructor(args: CausalPad1DArgs) {
      super({ name: args.name });
      if (!Number.isInteger(args.padding) || args.padding < 0) {
        throw new Error(`CausalPad1D: padding must be a non-negative integer, got ${args.padding}`);
      }
      this.padding = args.padding;
    }

    override computeOutputShape(inputShape: tfType.Shape | tfType.Shape[]): tfType.Shape {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfType.Shape;
      const steps = shape[1];
      return [shape[0], steps === null ? null : steps + this.padding, ...shape.slice(2)];
    }

    override call(inputs: tfType.Tensor | tfType.Tensor[]): tfType.Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (this.padding === 0) return x.clone();
      const pads: [number, number][] = x.shape.map((_, axis) => (axis === 1 ? [this.padding, 0] : [0, 0]));
      return tf.pad(x, pads);
    }

    override getConfig(): tfType.serialization.ConfigDict {
      return { ...super.getConfig(), padding: this.padding };
    }
  }

  tf.serialization.registerClass(CausalPad1D);
  classes.set(tf, CausalPad1D);
  return CausalPad1D;
}
