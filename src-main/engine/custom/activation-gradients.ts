// Gradients of Tanh and Sigmoid that run as one kernel on wasm (LayerLab's fused kernels,
// ../wasm-kernels/activations.ts) and as tfjs's own formulas elsewhere, with the same float32 operations:
//   tanh:    (1 - y*y) * dy        sigmoid: dy * (y * (1 - y))
// tfjs's versions take three kernels and a scalar tensor each; recurrent layers run them every time step.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { SIGMOID_GRAD_KERNEL, TANH_GRAD_KERNEL } from '../wasm-kernels/activations';

const MARK = '__layerlabActivationGrad';

function register(tf: TF, kernelName: 'Tanh' | 'Sigmoid', fused: string, formula: (y: tfType.Tensor, dy: tfType.Tensor) => tfType.Tensor): void {
  const current = tf.getGradient(kernelName) as (tfType.GradConfig & { [MARK]?: boolean }) | undefined;
  if (current?.[MARK]) return;
  const config: tfType.GradConfig & { [MARK]: boolean } = {
    kernelName,
    outputsToSave: [true],
    gradFunc: (dy, saved) => {
      const [y] = saved;
      const g = dy as tfType.Tensor;
      return {
        x: () =>
          tf.getBackend() === 'wasm' && y.dtype === 'float32' && g.dtype === 'float32' && tf.getKernel(fused, 'wasm')
            ? (tf.engine().runKernel(fused, { y, dy: g }) as tfType.Tensor)
            : formula(y, g),
      };
    },
    [MARK]: true,
  };
  tf.registerGradient(config);
}

export function registerActivationGradients(tf: TF): void {
  register(tf, 'Tanh', TANH_GRAD_KERNEL, (y, dy) => tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy));
  register(tf, 'Sigmoid', SIGMOID_GRAD_KERNEL, (y, dy) => tf.mul(dy, tf.mul(y, tf.sub(tf.scalar(1), y))));
}
