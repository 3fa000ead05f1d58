// Reshape: [0 (keep the batch axis), ...inferred target shape]; an unknown axis stays -1.
import { defineOnnxEmitter } from '../types';

export const reshapeOnnx = defineOnnxEmitter({
  kind: 'Reshape',
  emit: (n, ins, g) => [g.reshape(ins[0][0], [0, ...n.outputShapes[0].map((d) => (d === null ? -1 : d))], n.name)],
});
