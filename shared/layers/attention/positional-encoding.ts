// Positional encoding added to a [T, d] sequence: fixed sinusoids or a learned table.
import { defineLayer, ShapeError, formatShape } from '../types';
import { expectSequence } from './common';

export type PositionalEncodingParams = {
  mode: string;
  maxLength: number;
};

export const positionalEncodingLayer = defineLayer<PositionalEncodingParams>({
  kind: 'PositionalEncoding',
  label: 'Positional Encoding',
  category: 'Transformer',
  summary: 'Adds position information to a sequence [T, d] (sinusoidal or learned)',
  help: {
    formula:
      'out[t] = x[t] + P[t]. sinusoidal: P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(t / 10000^(2i/d)); learned: P is a weight table.',
    paramFormula: 'sinusoidal: 0. learned: maxLength * d.',
    details:
      'Attention has no notion of order, so the position is added to each step. Sinusoidal needs no weights and ' +
      'works for any length; learned (as in GPT) trains one vector per position up to maxLength.',
  },
  params: {
    mode: { type: 'enum', label: 'Mode', options: ['sinusoidal', 'learned'], default: 'sinusoidal', help: 'sinusoidal: fixed, no weights; learned: a maxLength x d weight table.' },
    maxLength: { type: 'int', label: 'Max length', default: 512, min: 1, max: 1_000_000, help: 'Longest sequence (learned mode); the table has one row per position.' },
  },
  inputs: [{ id: 'in', label: 'in', kind: 'sequence' }],
  outputs: [{ id: 'out', label: 'out', kind: 'sequence' }],
  infer(inputs, p) {
    const x = expectSequence(inputs[0]?.[0], 'PositionalEncoding input');
    if (p.mode === 'learned' && x.steps !== null && x.steps > p.maxLength) {
      throw new ShapeError(
        `PositionalEncoding: the sequence has ${x.steps} steps but the learned table only has maxLength = ${p.maxLength} rows (input ${formatShape(inputs[0][0])}).`,
        [{ label: `Set maxLength to ${x.steps}`, action: { type: 'setParam', param: 'maxLength', value: x.steps } }],
      );
    }
    const params = p.mode === 'learned' ? p.maxLength * x.features : 0;
    return { outputs: [[x.steps, x.features]], params };
  },
});
