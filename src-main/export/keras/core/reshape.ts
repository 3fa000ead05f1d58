// Reshape -> layers.Reshape with the inferred target (any -1 resolved).
import { applyLine, defineKerasGenerator } from '../types';

export const reshapeKeras = defineKerasGenerator({
  kind: 'Reshape',
  generate: (n) => ({ lines: [applyLine(n, 'Reshape', [`target_shape=(${n.outputShapes[0].map((d) => (d === null ? -1 : d)).join(', ')},)`])] }),
});
