// GlobalAveragePooling1D -> layers.GlobalAveragePooling1D.
import { applyLine, defineKerasGenerator } from '../types';

export const globalAveragePooling1dKeras = defineKerasGenerator({
  kind: 'GlobalAveragePooling1D',
  generate: (n) => ({ lines: [applyLine(n, 'GlobalAveragePooling1D', [])] }),
});
