// PositionalEncoding -> a small custom Keras layer: fixed sinusoids, or a learned [maxLength, d] table.
import type { PositionalEncodingParams } from '../../../../shared/layers/attention/positional-encoding';
import { defineKerasGenerator, kerasName } from '../types';
import { pyString } from '../../codegen/escape';

const POSITIONAL_CLASS = `class LayerLabPositionalEncoding(layers.Layer):
    """x + P[:T]. sinusoidal: P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(...); learned: a weight table."""

    def __init__(self, mode, max_length, **kw):
        super().__init__(**kw)
        self.mode, self.max_length = mode, max_length

    def build(self, shape):
        if self.mode == "learned":
            self.embeddings = self.add_weight(name="embeddings", shape=(self.max_length, shape[-1]),
                                              initializer=keras.initializers.RandomNormal(stddev=0.02))

    def call(self, x):
        steps, d = tf.shape(x)[1], x.shape[-1]
        if self.mode == "learned":
            return x + self.embeddings[:steps]
        t = tf.cast(tf.range(steps), tf.float32)[:, None]
        j = np.arange(d)
        angle = t / np.power(10000.0, (2 * (j // 2)) / d).astype("float32")
        return x + tf.where(j % 2 == 0, tf.sin(angle), tf.cos(angle))`;

export const positionalEncodingKeras = defineKerasGenerator<PositionalEncodingParams>({
  kind: 'PositionalEncoding',
  generate(n) {
    const p = n.params;
    return {
      lines: [
        ...POSITIONAL_CLASS.split('\n'),
        `${n.outputVars[0]} = LayerLabPositionalEncoding(${pyString(p.mode)}, ${p.maxLength}, name=${kerasName(n)})(${n.inputVars[0][0]})`,
      ],
    };
  },
});
