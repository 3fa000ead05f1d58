// Attention (one head): dot, scaled (/ sqrt(d_k)) or additive (v^T tanh(W1 q + W2 k)) scores, an optional causal
// mask, Softmax, or for 'hard' attention one-hot(argmax) of the weights (ArgMax + OneHot), then weights @ value.
import type { AttentionParams } from '../../../../shared/layers/attention/attention';
import { attr } from '../context';
import { defineOnnxEmitter } from '../types';
import { attentionWeights, causalMask, knownSteps, requireSteps } from './subgraphs';

export const attentionOnnx = defineOnnxEmitter<AttentionParams>({
  kind: 'Attention',
  check(n) {
    const keyShape = n.inputShapes[2]?.[0] ?? n.inputShapes[1][0];
    if (n.params.causal && (knownSteps(n.inputShapes[0][0]) === null || knownSteps(keyShape) === null)) return 'causal attention needs fixed query and key lengths for its mask';
    if (n.params.mode === 'hard' && knownSteps(keyShape) === null) return 'hard attention needs a fixed key length for its one-hot weights';
    return null;
  },
  emit(n, ins, g) {
    const p = n.params;
    const q = ins[0][0];
    const v = ins[1][0];
    const k = ins[2]?.[0] ?? v;
    const keyShape = n.inputShapes[2]?.[0] ?? n.inputShapes[1][0];
    const dk = keyShape[keyShape.length - 1] as number;
    let logits: string;
    if (p.score === 'additive') {
      const wq = g.unsqueeze(g.op1('MatMul', [q, g.weight(n, 'W1')], `${n.name}_wq`), [2], `${n.name}_wq4`); // [B, Tq, 1, u]
      const wk = g.unsqueeze(g.op1('MatMul', [k, g.weight(n, 'W2')], `${n.name}_wk`), [1], `${n.name}_wk4`); // [B, 1, Tk, u]
      const e = g.op1('MatMul', [g.op1('Tanh', [g.op1('Add', [wq, wk], `${n.name}_sum`)], `${n.name}_tanh`), g.weight(n, 'v')], `${n.name}_e`);
      logits = g.squeeze(e, [3], `${n.name}_logits`);
    } else {
      const dots = g.op1('MatMul', [q, g.transpose(k, [0, 2, 1], `${n.name}_kT`)], `${n.name}_dots`);
      logits = p.score === 'scaled' ? g.op1('Div', [dots, g.scalar(Math.sqrt(dk))], `${n.name}_logits`) : dots;
    }
    const mask = p.causal ? causalMask(g, requireSteps(n, n.inputShapes[0][0], 'a causal mask'), requireSteps(n, keyShape, 'a causal mask')) : null;
    let weights = attentionWeights(g, logits, mask, n.name);
    if (p.mode === 'hard') {
      const best = g.op1('ArgMax', [weights], `${n.name}_argmax`, [attr.int('axis', -1), attr.int('keepdims', 0)]);
      const onOff = g.initializer(`${n.name}/one_hot_values`, [2], [0, 1]);
      weights = g.op1('OneHot', [best, g.ints([requireSteps(n, keyShape, 'hard attention')], []), onOff], `${n.name}_hard`, [attr.int('axis', -1)]);
    }
    const out = g.op1('MatMul', [weights, v], n.name);
    return p.returnScores ? [out, weights] : [out];
  },
});
