// Weight tying as two tfjs layers: the Embedding's matrix E reaches the output head through the inputs list
// (TFJS-NOTES: custom layers take tensors through inputs, never kwargs), so there is one variable, the tape
// records both uses (the gather and the product), and a saved model.json holds the link itself: the head's
// second inbound tensor is the embedding's second output. A reloaded model is tied again by construction.
import * as tf from '@tensorflow/tfjs';
import { shapeList, tensorList, type LayerArgs } from './attention';

export interface TiedEmbeddingConfig {
  inputDim: number;
  outputDim: number;
  maskZero: boolean;
}

/**
 * An Embedding (same weight name 'embeddings', initialiser and lookup as tf.layers.embedding) with a second
 * output: its table E [inputDim, outputDim] itself, without a batch axis, for the heads tied to it.
 */
export class TiedEmbeddingLayer extends tf.layers.Layer {
  static className = 'LayerLabTiedEmbedding';
  readonly cfg: TiedEmbeddingConfig;
  private embeddings?: tf.LayerVariable;

  constructor(args: LayerArgs & Partial<TiedEmbeddingConfig>) {
    super(args);
    if (!args.inputDim || !args.outputDim) throw new Error('LayerLabTiedEmbedding needs inputDim and outputDim');
    this.cfg = { inputDim: args.inputDim, outputDim: args.outputDim, maskZero: args.maskZero ?? false };
  }

  override build(): void {
    // tf.layers.embedding's default initialiser, so tying changes nothing but the sharing.
    const init = tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });
    this.embeddings = this.addWeight('embeddings', [this.cfg.inputDim, this.cfg.outputDim], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const ids = shapeList(inputShape)[0];
    return [[...ids, this.cfg.outputDim], [this.cfg.inputDim, this.cfg.outputDim]];
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    const none = null as unknown as tf.Tensor;
    if (!this.cfg.maskZero) return [none, none];
    const ids = tensorList(inputs)[0];
    return [tf.notEqual(ids, tf.zerosLike(ids)), none];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      const x = tensorList(inputs)[0];
      const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
      const table = this.embeddings!.read();
      const rows = tf.gather(table, tf.reshape(ids, [-1]));
      // A clone, not the variable itself: tfjs disposes layer outputs it no longer needs.
      return [tf.reshape(rows, [...ids.shape, this.cfg.outputDim]), tf.clone(table)];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.cfg };
  }
}
tf.serialization.registerClass(TiedEmbeddingLayer);

export type TiedActivation = 'softmax' | 'linear' | 'sigmoid';

export interface TiedDenseConfig {
  activation: TiedActivation;
  useBias: boolean;
}

/** inputs [x [..., d], E [vocab, d]] -> f(x E^T + b) [..., vocab]. Its own weight is the optional bias only. */
export class TiedDenseLayer extends tf.layers.Layer {
  static className = 'LayerLabTiedDense';
  readonly cfg: TiedDenseConfig;
  private bias?: tf.LayerVariable;

  constructor(args: LayerArgs & Partial<TiedDenseConfig>) {
    super(args);
    this.cfg = { activation: args.activation ?? 'softmax', useBias: args.useBias ?? false };
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = shapeList(inputShape);
    if (shapes.length !== 2) throw new Error(`${this.name}: expects [x, tied matrix], got ${shapes.length} inputs`);
    const vocab = shapes[1][0];
    if (vocab === null || vocab === undefined) throw new Error(`${this.name}: the tied matrix's vocabulary size must be known`);
    if (this.cfg.useBias) this.bias = this.addWeight('bias', [vocab], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [x, table] = shapeList(inputShape);
    return [...x.slice(0, -1), table[0]];
  }

  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, table] = tensorList(inputs);
      const d = x.shape[x.shape.length - 1];
      const vocab = table.shape[0];
      let y = tf.matMul(tf.reshape(x, [-1, d]), table as tf.Tensor2D, false, true);
      if (this.bias) y = tf.add(y, this.bias.read());
      y = tf.reshape(y, [...x.shape.slice(0, -1), vocab]);
      if (this.cfg.activation === 'softmax') return tf.softmax(y);
      if (this.cfg.activation === 'sigmoid') return tf.sigmoid(y);
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.cfg };
  }
}
tf.serialization.registerClass(TiedDenseLayer);
