// Attention (Luong dot / scaled dot / Bahdanau additive), soft or hard, optionally causal.
import { ShapeError, defineLayer, formatShape } from '../types';
import { messageFix } from '../messages';
import { attentionWorkingElements, expectSequence, sameSteps } from './common';

export type AttentionParams = {
  mode: string;
  score: string;
  units: number;
  causal: boolean;
  returnScores: boolean;
};

export const attentionLayer = defineLayer<AttentionParams>({
  kind: 'Attention',
  label: 'Attention',
  category: 'Attention',
  summary: 'softmax(score(Q, K)) V; wire one tensor to query and value for self-attention',
  help: {
    formula:
      'weights = softmax(score(q_i, k_j)) over j; out_i = sum_j weights_ij v_j. ' +
      'dot: q.k; scaled: q.k / sqrt(d_k); additive (Bahdanau): v^T tanh(W1 q + W2 k). ' +
      'hard (this layer): weights = one-hot(argmax_j score) forward; backward, the gradient of the soft weights (straight-through).',
    paramFormula: 'dot / scaled: 0. additive: units * (d_q + d_k) + units (W1, W2, v; units 0 = d_k).',
    details:
      'Query [Tq, d_q] asks, key [Tk, d_k] is matched against, value [Tk, d_v] is averaged; the output is [Tq, d_v]. ' +
      'Key is optional and defaults to value. Self-attention: connect the same tensor to query and value. ' +
      'causal hides later steps (step i only sees j <= i), as in a language model. ' +
      'returnScores adds an output with the attention weights [Tq, Tk] to inspect or plot. ' +
      'Padding masks from an Embedding are not applied.\n' +
      'Luong vs Bahdanau: where the attention sits in a seq2seq decoder. Luong et al. (2015) run the decoder RNN ' +
      'first and use its output h_t as the query; the context is then combined with h_t to predict the next token ' +
      '(scores dot, general or concat). This layer after a decoder RNN, as in the date-translation template, is ' +
      'Luong-style. Bahdanau et al. (2015) query with the PREVIOUS decoder state s_(t-1), use the additive score, ' +
      'and feed the context INTO the recurrent step that computes s_t, so attention steers the RNN itself. The ' +
      'additive score here gives Bahdanau\'s scoring function, not that placement: a decoder RNN that runs over the ' +
      'whole sequence at once cannot take a context computed from its own state inside the loop.\n' +
      'Hard attention: in the literature (Xu et al., 2015, "Show, Attend and Tell") hard attention is stochastic: it ' +
      'samples one position from the attention weights, and since a sample has no gradient it is trained with ' +
      'REINFORCE (a score-function estimator with a baseline to reduce its variance). This layer\'s hard mode is a ' +
      'deterministic shortcut: the forward pass picks the argmax position, and the backward pass uses the soft ' +
      'weights\' gradient as if nothing had been picked (straight-through). That gradient belongs to a different ' +
      'function from the one computed forward, so it is biased; it trains, but it is not the published method.',
  },
  params: {
    mode: { type: 'enum', label: 'Mode', options: ['soft', 'hard'], default: 'soft', help: 'soft: weighted average; hard: attend to the single best position (one-hot weights forward, the soft weights\' gradient backward: a biased straight-through shortcut, not the sampled hard attention of the literature).' },
    score: { type: 'enum', label: 'Score', options: ['dot', 'scaled', 'additive'], default: 'scaled', help: 'dot: q.k (Luong); scaled: q.k / sqrt(d_k) (Transformer); additive: v^T tanh(W1 q + W2 k) (Bahdanau, has weights).' },
    units: { type: 'int', label: 'Additive units', default: 0, min: 0, max: 65536, help: 'Hidden size of the additive score; 0 uses the key size d_k. Ignored for dot and scaled.' },
    causal: { type: 'bool', label: 'Causal', default: false, help: 'Step i may only attend to steps j <= i.' },
    returnScores: { type: 'bool', label: 'Return scores', default: false, help: "Add an output 'scores' with the attention weights [Tq, Tk]." },
  },
  inputs: [
    { id: 'query', label: 'query', kind: 'sequence' },
    { id: 'value', label: 'value', kind: 'sequence' },
    { id: 'key', label: 'key', kind: 'sequence', optional: true },
  ],
  outputs: (p) => [
    { id: 'out', label: 'out', kind: 'sequence' },
    ...(p.returnScores ? [{ id: 'scores', label: 'scores', kind: 'tensor' as const }] : []),
  ],
  infer(inputs, p) {
    const q = expectSequence(inputs[0]?.[0], 'Attention query');
    const v = expectSequence(inputs[1]?.[0], 'Attention value');
    const kShape = inputs[2]?.[0] ?? inputs[1][0];
    const k = expectSequence(kShape, 'Attention key');
    if (!sameSteps(k.steps, v.steps)) {
      throw ShapeError.of('keyValueSteps', { layer: 'Attention', key: formatShape(kShape), value: formatShape(inputs[1][0]) });
    }
    let params = 0;
    if (p.score === 'additive') {
      const units = p.units > 0 ? p.units : k.features;
      params = units * (q.features + k.features) + units;
    } else if (q.features !== k.features) {
      throw ShapeError.of('queryKeySize', { score: p.score, query: q.features, key: k.features }, [
        messageFix('fixDenseBeforeQuery', { units: k.features }, { type: 'insertBefore', handle: 'query', kind: 'Dense', params: { units: k.features } }),
        messageFix('fixAdditiveScore', {}, { type: 'setParam', param: 'score', value: 'additive' }),
      ]);
    }
    const outputs = [[q.steps, v.features]];
    if (p.returnScores) outputs.push([q.steps, k.steps]);
    // No projections of its own: only the scores, their softmax (and the additive score's hidden layer).
    const extra = p.score === 'additive' ? (q.steps ?? 1) * (k.steps ?? 1) * (p.units > 0 ? p.units : k.features) : 0;
    const workingElements = attentionWorkingElements(1, q.steps, k.steps, 0, 0) + extra;
    return { outputs, params, workingElements };
  },
});
