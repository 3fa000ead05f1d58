// RepeatVector -> layers.RepeatVector.
import type { RepeatVectorParams } from '../../../../shared/layers/recurrent/repeat-vector';
import { applyLine, defineKerasGenerator } from '../types';

export const repeatVectorKeras = defineKerasGenerator<RepeatVectorParams>({
  kind: 'RepeatVector',
  generate: (n) => ({ lines: [applyLine(n, 'RepeatVector', [String(n.params.n)])] }),
});
