// Flatten -> layers.Flatten (channels-last, same order as tfjs).
import { applyLine, defineKerasGenerator } from '../types';

export const flattenKeras = defineKerasGenerator({
  kind: 'Flatten',
  generate: (n) => ({ lines: [applyLine(n, 'Flatten', [])] }),
});
