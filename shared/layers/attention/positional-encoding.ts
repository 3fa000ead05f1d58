// Positional encoding added to a [T, d] sequence: fixed sinusoids or a learned table.
import { defineLayer, ShapeError, formatShape } from '../types';
import { expectSequence } from './common';
import { messageFix } from '../messages';

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
      'Attention has no notion of order, so a position vector is added to each step. ' +
      'Scale: Vaswani et al. (2017) multiply the token embeddings by sqrt(d) before adding the sinusoids, so that ' +
      'the embeddings, which start small, are not drowned by an encoding whose values lie between -1 and 1. This ' +
      'layer adds P to its input as it is, with no sqrt(d) factor; after an Embedding (initial values within ±0.05) ' +
      'the position signal therefore dominates at first, and the embedding weights must grow to compete.\n' +
      'Why sinusoids: each pair of dimensions (2i, 2i+1) is a point on a circle turning at its own frequency, so ' +
      'moving k steps rotates every pair by a fixed angle: PE(t + k) = M_k PE(t), a linear function of PE(t) whose ' +
      'matrix M_k depends on the offset k only, not on t. Vaswani et al. chose them for this: attention\'s linear ' +
      'projections should then easily learn to attend by relative position, and the slow frequencies (wavelengths ' +
      'up to 10000 * 2π) tell distant positions apart. Sinusoids need no weights and produce a vector for any position, but that is no promise ' +
      'that a model trained on short sequences works on much longer ones: it has never seen those positions, and ' +
      'accuracy often drops there (relative schemes such as RoPE and ALiBi were designed for this).\n' +
      'Learned (as in GPT) trains one vector per position up to maxLength; it has nothing for positions beyond that.',
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
      throw ShapeError.of('positionalMaxLength', { steps: x.steps, maxLength: p.maxLength, shape: formatShape(inputs[0][0]) }, [
        messageFix('fixSetMaxLength', { steps: x.steps }, { type: 'setParam', param: 'maxLength', value: x.steps }),
      ]);
    }
    const params = p.mode === 'learned' ? p.maxLength * x.features : 0;
    return { outputs: [[x.steps, x.features]], params };
  },
});
