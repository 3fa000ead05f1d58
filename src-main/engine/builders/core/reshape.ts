import { defineBuilder, type SymbolicTensor } from '../../types';
import type { ReshapeParams } from '../../../../shared/layers/core/reshape';

export const reshapeBuilder = defineBuilder<ReshapeParams>({
  kind: 'Reshape',
  build(inputs, p, { tf, name }) {
    const x = inputs[0][0];
    return [tf.layers.reshape({ targetShape: resolveInferredDim(x.shape.slice(1), p.targetShape), name }).apply(x) as SymbolicTensor];
  },
});

/**
 * tfjs leaves a -1 entry as null in the symbolic shape (it counts the batch axis as unknown), which
 * later breaks Flatten or Dense; resolve it here when the sample size is known, as shared inference does.
 */
function resolveInferredDim(sample: (number | null)[], target: number[]): number[] {
  const at = target.indexOf(-1);
  if (at < 0 || sample.some((d) => d === null)) return [...target];
  const count = (sample as number[]).reduce((a, b) => a * b, 1);
  const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
  return target.map((d) => (d === -1 ? count / known : d));
}
