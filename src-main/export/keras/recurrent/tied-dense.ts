// TiedDense -> a small custom Keras layer that multiplies by the tied Embedding layer's own `embeddings`
// variable: no matrix of its own, so the model holds (and trains) the table once.
import type { TiedDenseParams } from '../../../../shared/layers/recurrent/tied-dense';
import { ExportError } from '../../codegen/plan';
import { defineKerasGenerator, kerasActivation, kerasLayerVar, kerasName, pyBool } from '../types';

const TIED_CLASS = `class LayerLabTiedDense(layers.Layer):
    """f(x E^T + b), E the tied Embedding's [vocab, d] table (weight tying): only the bias is this layer's own."""

    def __init__(self, embedding, activation, use_bias, **kw):
        super().__init__(**kw)
        self.embedding, self.activation, self.use_bias = embedding, keras.activations.get(activation), use_bias

    def build(self, shape):
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.embedding.input_dim,), initializer="zeros")

    def call(self, x):
        y = tf.einsum("...d,vd->...v", x, self.embedding.embeddings)
        return self.activation(y + self.bias if self.use_bias else y)`;

export const tiedDenseKeras = defineKerasGenerator<TiedDenseParams>({
  kind: 'TiedDense',
  generate(n) {
    const emb = n.links.tiedTo;
    if (!emb) throw new ExportError(`TiedDense (${n.node.id}) names no Embedding to reuse`, n.node.id);
    const args = [kerasLayerVar(emb), kerasActivation(n.params.activation, n), pyBool(n.params.useBias), `name=${kerasName(n)}`];
    return { lines: [...TIED_CLASS.split('\n'), `${n.outputVars[0]} = LayerLabTiedDense(${args.join(', ')})(${n.inputVars[0][0]})`] };
  },
});
