// LayerLabSelectStep: keeps one time step of a [batch, T, ...] tensor and drops the time axis.
// tfjs-layers has no such layer (Keras users write x[:, -1]); registered for serialization so saved models load.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { selectedIndex } from '../../../shared/layers/recurrent/select-step';

export interface SelectStepArgs {
  /** 0-based position; negative counts from the end (-1 = the last step). */
  step: number;
  name?: string;
}

export type SelectStepClass = new (args: SelectStepArgs) => tfType.layers.Layer;

const classes = new WeakMap<object, SelectStepClass>();

/** The LayerLabSelectStep class for this tf, defined and registered on first use. */
export function selectStepClass(tf: TF): SelectStepClass {
  const existing = classes.get(tf);
  if (existing) return existing;

  class LayerLabSelectStep extends tf.layers.Layer {
    static className = 'LayerLabSelectStep';
    readonly step: number;

    constructor(args: SelectStepArgs) {
      super({ name: args.name });
      if (!Number.isInteger(args.step)) throw new Error(`LayerLabSelectStep: step must be an integer, got ${args.step}`);
      this.step = args.step;
    }

    override computeOutputShape(inputShape: tfType.Shape | tfType.Shape[]): tfType.Shape {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfType.Shape;
      return [shape[0], ...shape.slice(2)];
    }

    override call(inputs: tfType.Tensor | tfType.Tensor[]): tfType.Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.tidy(() => {
        const steps = x.shape[1] ?? 0;
        const index = selectedIndex(this.step, steps);
        if (index < 0 || index >= steps) throw new Error(`LayerLabSelectStep: step ${this.step} is outside a sequence of ${steps} steps`);
        const begin = x.shape.map((_, axis) => (axis === 1 ? index : 0));
        const size = x.shape.map((d, axis) => (axis === 1 ? 1 : d));
        return tf.squeeze(tf.slice(x, begin, size), [1]);
      });
    }

    override getConfig(): tfType.serialization.ConfigDict {
      return { ...super.getConfig(), step: this.step };
    }
  }

  tf.serialization.registerClass(LayerLabSelectStep);
  classes.set(tf, LayerLabSelectStep);
  return LayerLabSelectStep;
}
