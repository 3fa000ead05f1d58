// Reshape: the inferred output shape (any -1 already resolved) after the batch axis.
import { definePyGenerator } from '../types';

export const reshapePy = definePyGenerator({
  kind: 'Reshape',
  generate(n) {
    const target = n.outputShapes[0].map((d) => (d === null ? -1 : d));
    const x = n.inputVars[0][0];
    return { init: [], forward: [`${n.outputVars[0]} = ${x}.reshape(${x}.shape[0], ${target.join(', ')})`] };
  },
});
