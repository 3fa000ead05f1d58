// Add -> layers.Add over every wired input.
import { defineKerasGenerator, kerasName } from '../types';

export const addKeras = defineKerasGenerator({
  kind: 'Add',
  generate: (n) => ({ lines: [`${n.outputVars[0]} = layers.Add(name=${kerasName(n)})([${n.inputVars[0].join(', ')}])`] }),
});
