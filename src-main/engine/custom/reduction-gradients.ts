// Gradients of Sum and Mean without a JavaScript array of ones. tfjs's own multiply dy by ones(x.shape),
// which is allocated and filled in JS and uploaded for every backward pass: on wasm that was ~4% of a
// Transformer step (LayerNorm, losses and metrics reduce full activations). Here dy is broadcast back to
// x's shape with one kernel (Tile); Mean divides the small dy first. Same values as tfjs's gradients.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';

const MARK = '__layerlabReductionGrad';

function expandedDy(tf: TF, dy: tfType.Tensor, x: tfType.Tensor, axis: unknown): { dy: tfType.Tensor; reduced: number } {
  const axes = tf.util.parseAxisParam(axis as number | number[], x.shape);
  const shape = x.shape.slice();
  let reduced = 1;
  for (const a of axes) {
    reduced *= shape[a];
    shape[a] = 1;
  }
  const d = dy.dtype === 'float32' ? dy : tf.cast(dy, 'float32');
  return { dy: tf.reshape(d, shape), reduced };
}

function register(tf: TF, kernelName: 'Sum' | 'Mean'): void {
  const current = tf.getGradient(kernelName) as (tfType.GradConfig & { [MARK]?: boolean }) | undefined;
  if (current?.[MARK]) return;
  const config: tfType.GradConfig & { [MARK]: boolean } = {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      return {
        x: () => {
          const e = expandedDy(tf, dy as tfType.Tensor, x, (attrs as { axis: unknown }).axis);
          return tf.broadcastTo(kernelName === 'Mean' ? tf.div(e.dy, e.reduced) : e.dy, x.shape);
        },
      };
    },
    [MARK]: true,
  };
  tf.registerGradient(config);
}

export function registerReductionGradients(tf: TF): void {
  register(tf, 'Sum');
  register(tf, 'Mean');
}
