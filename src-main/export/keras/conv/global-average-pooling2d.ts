// GlobalAveragePooling2D -> layers.GlobalAveragePooling2D.
import { applyLine, defineKerasGenerator } from '../types';

export const globalAveragePooling2dKeras = defineKerasGenerator({
  kind: 'GlobalAveragePooling2D',
  generate: (n) => ({ lines: [applyLine(n, 'GlobalAveragePooling2D', [])] }),
});
