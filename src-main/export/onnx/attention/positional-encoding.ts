// PositionalEncoding: x + P[:T] as an Add with a constant table: sinusoidal (computed here, as LayerLab's
// layer does) or the first T rows of the learned table.
import type { PositionalEncodingParams } from '../../../../shared/layers/attention/positional-encoding';
import { sinusoidTable } from '../../../engine/custom/positional';
import { defineOnnxEmitter } from '../types';
import { knownSteps, requireSteps } from './subgraphs';

export const positionalEncodingOnnx = defineOnnxEmitter<PositionalEncodingParams>({
  kind: 'PositionalEncoding',
  check: (n) => (knownSteps(n.inputShapes[0][0]) === null ? 'a positional encoding needs a fixed sequence length' : null),
  emit(n, ins, g) {
    const shape = n.inputShapes[0][0];
    const steps = requireSteps(n, shape, 'a positional encoding');
    const d = shape[shape.length - 1] as number;
    const table = n.params.mode === 'learned' ? g.weightArray(n, 'embeddings').data.slice(0, steps * d) : sinusoidTable(steps, d);
    return [g.op1('Add', [ins[0][0], g.initializer(`${n.name}/positions`, [steps, d], table)], n.name)];
  },
});
