// Input -> keras.Input with the sample shape; the model's inputs in execution order.
import { defineKerasGenerator, kerasName } from '../types';

export const inputKeras = defineKerasGenerator({
  kind: 'Input',
  generate: (n) => ({
    lines: [`${n.outputVars[0]} = keras.Input(shape=(${n.outputShapes[0].map((d) => (d === null ? 'None' : d)).join(', ')},), name=${kerasName(n)})`],
  }),
});
