// Attention -> a small custom Keras layer defined in build_model (Keras's Attention/AdditiveAttention have
// other weights: a learned scale, no W1/W2/v), reproducing LayerLab's dot / scaled / additive scores, the
// -1e9 causal mask and hard attention's straight-through one-hot.
import type { AttentionParams } from '../../../../shared/layers/attention/attention';
import { defineKerasGenerator, kerasName, pyBool } from '../types';
import { qvk } from './common';
import { pyString } from '../../codegen/escape';

const ATTENTION_CLASS = `class LayerLabAttention(layers.Layer):
    """softmax(score(q, k)) v; score dot, scaled (/ sqrt(d_k)) or additive v^T tanh(q W1 + k W2); causal and
    hard (one-hot forward, soft gradient) as in LayerLab. Inputs [query, value(, key)]."""

    def __init__(self, score, mode, causal, units, return_scores, **kw):
        super().__init__(**kw)
        self.score, self.hard, self.causal, self.units, self.return_scores = score, mode == "hard", causal, units, return_scores

    def build(self, shapes):
        dq, dk = shapes[0][-1], shapes[-1][-1]
        if self.score == "additive":
            u = self.units if self.units > 0 else dk
            self.W1 = self.add_weight(name="W1", shape=(dq, u), initializer="glorot_uniform")
            self.W2 = self.add_weight(name="W2", shape=(dk, u), initializer="glorot_uniform")
            self.v = self.add_weight(name="v", shape=(u, 1), initializer="glorot_uniform")

    def call(self, inputs):
        q, v = inputs[0], inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        if self.score == "additive":
            e = tf.tanh(tf.expand_dims(tf.matmul(q, self.W1), 2) + tf.expand_dims(tf.matmul(k, self.W2), 1))
            logits = tf.squeeze(tf.matmul(e, self.v), -1)
        else:
            logits = tf.matmul(q, k, transpose_b=True)
            if self.score == "scaled":
                logits = logits / tf.sqrt(tf.cast(tf.shape(k)[-1], logits.dtype))
        if self.causal:
            tq, tk = tf.shape(logits)[-2], tf.shape(logits)[-1]
            above = tf.linalg.band_part(tf.ones((tq, tk)), 0, -1) - tf.linalg.band_part(tf.ones((tq, tk)), 0, 0)
            logits = logits - 1e9 * above
        weights = tf.nn.softmax(logits, axis=-1)
        if self.hard:
            one_hot = tf.one_hot(tf.argmax(weights, axis=-1), tf.shape(weights)[-1], dtype=weights.dtype)
            weights = weights + tf.stop_gradient(one_hot - weights)
        out = tf.matmul(weights, v)
        return [out, weights] if self.return_scores else out`;

export const attentionKeras = defineKerasGenerator<AttentionParams>({
  kind: 'Attention',
  generate(n) {
    const p = n.params;
    const { q, v, k } = qvk(n);
    const targets = n.outputVars.length > 1 ? n.outputVars.join(', ') : n.outputVars[0];
    return {
      lines: [
        ...ATTENTION_CLASS.split('\n'),
        `${targets} = LayerLabAttention(${pyString(p.score)}, ${pyString(p.mode)}, ${pyBool(p.causal)}, ${p.units}, ${pyBool(p.returnScores)}, ` +
          `name=${kerasName(n)})([${[q, v, ...(k ? [k] : [])].join(', ')}])`,
      ],
    };
  },
});
