// Multi-head attention like Keras MultiHeadAttention: project, attend per head, concatenate, project back.
import { defineLayer, ShapeError, formatShape } from '../types';
import { attentionWorkingElements, expectSequence, mhaParams, sameSteps } from './common';

export type MultiHeadAttentionParams = {
  heads: number;
  keyDim: number;
  valueDim: number;
  causal: boolean;
  dropout: number;
  useBias: boolean;
};

export const multiHeadAttentionLayer = defineLayer<MultiHeadAttentionParams>({
  kind: 'MultiHeadAttention',
  label: 'Multi-Head Attention',
  category: 'Attention',
  summary: 'h heads of scaled dot-product attention, projected back to the query size',
  help: {
    formula:
      'head_i = softmax(Q W_i^Q (K W_i^K)^T / sqrt(keyDim)) V W_i^V; out = concat(head_1..head_h) W^O',
    paramFormula:
      'h*keyDim*(d_q + d_k) + h*valueDim*d_v + h*valueDim*d_q, plus biases 2*h*keyDim + h*valueDim + d_q when useBias.',
    details:
      'Each head attends in its own learned subspace of size keyDim. The output has the query\'s shape [Tq, d_q], so it ' +
      'can be added back to the query (residual). Self-attention: connect one tensor to query and value. ' +
      'Key is optional and defaults to value. valueDim 0 uses keyDim. dropout drops attention weights while training.',
  },
  params: {
    heads: { type: 'int', label: 'Heads', default: 4, min: 1, max: 1024, help: 'Number of attention heads h.' },
    keyDim: { type: 'int', label: 'Key dim', default: 16, min: 1, max: 65536, help: 'Size of each head for query and key.' },
    valueDim: { type: 'int', label: 'Value dim', default: 0, min: 0, max: 65536, help: 'Size of each head for value; 0 = keyDim.' },
    causal: { type: 'bool', label: 'Causal', default: false, help: 'Step i may only attend to steps j <= i.' },
    dropout: { type: 'float', label: 'Dropout', default: 0, min: 0, max: 0.9, help: 'Dropout on the attention weights while training.' },
    useBias: { type: 'bool', label: 'Use bias', default: true, help: 'Biases on the four projections.' },
  },
  inputs: [
    { id: 'query', label: 'query', kind: 'sequence' },
    { id: 'value', label: 'value', kind: 'sequence' },
    { id: 'key', label: 'key', kind: 'sequence', optional: true },
  ],
  outputs: [{ id: 'out', label: 'out', kind: 'sequence' }],
  infer(inputs, p) {
    const q = expectSequence(inputs[0]?.[0], 'MultiHeadAttention query');
    const v = expectSequence(inputs[1]?.[0], 'MultiHeadAttention value');
    const kShape = inputs[2]?.[0] ?? inputs[1][0];
    const k = expectSequence(kShape, 'MultiHeadAttention key');
    if (!sameSteps(k.steps, v.steps)) {
      throw ShapeError.of('keyValueSteps', { layer: 'MultiHeadAttention', key: formatShape(kShape), value: formatShape(inputs[1][0]) });
    }
    if (p.heads < 1 || p.keyDim < 1) throw ShapeError.of('mhaHeadsKeyDim', {});
    const params = mhaParams({
      queryDim: q.features,
      keyDim: k.features,
      valueDim: v.features,
      heads: p.heads,
      headKeyDim: p.keyDim,
      headValueDim: p.valueDim > 0 ? p.valueDim : p.keyDim,
      useBias: p.useBias,
    });
    const workingElements = attentionWorkingElements(p.heads, q.steps, k.steps, p.keyDim, p.valueDim > 0 ? p.valueDim : p.keyDim);
    return { outputs: [[q.steps, q.features]], params, notes: [`${p.heads} heads x ${p.keyDim}`], workingElements };
  },
});
