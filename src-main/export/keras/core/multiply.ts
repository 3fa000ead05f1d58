// Multiply -> layers.Multiply over every wired input.
import { defineKerasGenerator, kerasName } from '../types';

export const multiplyKeras = defineKerasGenerator({
  kind: 'Multiply',
  generate: (n) => ({ lines: [`${n.outputVars[0]} = layers.Multiply(name=${kerasName(n)})([${n.inputVars[0].join(', ')}])`] }),
});
