// Gradients of Sum and Mean without a JavaScript array of ones the size of x. tfjs's own multiply dy by
// ones(x.shape), which is allocated and filled in JS and uploaded for every backward pass: on wasm that was
// ~4% of a Transformer step (LayerNorm, losses and metrics reduce full activations). Here dy (reshaped to
// keep the reduced axes as 1) is multiplied by ones only as large as the reduced axes ([1, 1, d] for a
// mean over the last axis): one broadcasting Mul, which XNNPACK runs on wasm. (Not tf.broadcastTo: its
// Tile kernel is a scalar loop on wasm, 100x slower than this Mul for [128, 28, 1] -> [128, 28, 32], and
// was 30% of a Transformer step.) Mean divides the small dy first. Same values as tfjs's gradients.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';

const MARK = '__layerlabReductionGrad';

/** dy reshaped to x's rank (reduced axes as 1), and the ones it is multiplied by to take x's shape. */
function expandedDy(tf: TF, dy: tfType.Tensor, x: tfType.Tensor, axis: unknown): { dy: tfType.Tensor; onesShape: number[]; reduced: number } {
  const axes = tf.util.parseAxisParam(axis as number | number[], x.shape);
  const shape = x.shape.slice();
  const onesShape = x.shape.map(() => 1);
  let reduced = 1;
  for (const a of axes) {
    reduced *= shape[a];
    onesShape[a] = shape[a];
    shape[a] = 1;
  }
  const d = dy.dtype === 'float32' ? dy : tf.cast(dy, 'float32');
  return { dy: tf.reshape(d, shape), onesShape, reduced };
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
          return tf.mul(kernelName === 'Mean' ? tf.div(e.dy, e.reduced) : e.dy, tf.ones(e.onesShape));
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
