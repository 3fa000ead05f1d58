// Multi-head attention as a tfjs Layer, and the weight set + forward pass the transformer blocks reuse.
// Kernels are stored 2-D ([d_in, heads * headDim]) so a projection is one matMul; the count equals Keras MHA.
import * as tf from '@tensorflow/tfjs';
import {
  attentionWeights,
  dropMask,
  initializer,
  lastDim,
  linear,
  shapeList,
  tensorList,
  type AddWeight,
  type Kwargs,
  type LayerArgs,
} from './attention';
import { fastDropout } from './dropout';

export interface MhaSizes {
  queryDim: number;
  keyDim: number;
  valueDim: number;
  heads: number;
  headKeyDim: number;
  headValueDim: number;
  useBias: boolean;
}

export interface MhaWeights {
  sizes: MhaSizes;
  qKernel: tf.LayerVariable;
  kKernel: tf.LayerVariable;
  vKernel: tf.LayerVariable;
  oKernel: tf.LayerVariable;
  qBias?: tf.LayerVariable;
  kBias?: tf.LayerVariable;
  vBias?: tf.LayerVariable;
  oBias?: tf.LayerVariable;
}

/** Creates the projection weights under `prefix` (e.g. 'block0/self_attention'). */
export function createMhaWeights(add: AddWeight, prefix: string, s: MhaSizes): MhaWeights {
  const hk = s.heads * s.headKeyDim;
  const hv = s.heads * s.headValueDim;
  const w: MhaWeights = {
    sizes: s,
    qKernel: add(`${prefix}/query/kernel`, [s.queryDim, hk], 'glorot'),
    kKernel: add(`${prefix}/key/kernel`, [s.keyDim, hk], 'glorot'),
    vKernel: add(`${prefix}/value/kernel`, [s.valueDim, hv], 'glorot'),
    oKernel: add(`${prefix}/output/kernel`, [hv, s.queryDim], 'glorot'),
  };
  if (s.useBias) {
    w.qBias = add(`${prefix}/query/bias`, [hk], 'zeros');
    w.kBias = add(`${prefix}/key/bias`, [hk], 'zeros');
    w.vBias = add(`${prefix}/value/bias`, [hv], 'zeros');
    w.oBias = add(`${prefix}/output/bias`, [s.queryDim], 'zeros');
  }
  return w;
}

/** [B, T, h * k] -> [B, h, T, k] */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor {
  const [b, t, hk] = x.shape;
  return tf.transpose(tf.reshape(x, [b, t, heads, hk / heads]), [0, 2, 1, 3]);
}

export interface MhaOptions {
  causal: boolean;
  dropout: number;
  training: boolean;
  /** Receives the attention weights [B, h, Tq, Tk] (before dropout); for the try and look-inside views. */
  onWeights?: (weights: tf.Tensor) => void;
}

/** query [B, Tq, dq], key [B, Tk, dk], value [B, Tk, dv] -> [B, Tq, dq]. */
export function mhaForward(w: MhaWeights, query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, o: MhaOptions): tf.Tensor {
  const { heads, headKeyDim } = w.sizes;
  const q = splitHeads(linear(query, w.qKernel.read(), w.qBias?.read()), heads);
  const k = splitHeads(linear(key, w.kKernel.read(), w.kBias?.read()), heads);
  const v = splitHeads(linear(value, w.vKernel.read(), w.vBias?.read()), heads);
  const logits = tf.div(tf.matMul(q, k, false, true), Math.sqrt(headKeyDim)); // [B, h, Tq, Tk]
  let weights = attentionWeights(logits, o.causal);
  o.onWeights?.(weights);
  if (o.training && o.dropout > 0) weights = fastDropout(tf, weights, o.dropout);
  const ctx = tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]); // [B, Tq, h, v]
  const [b, tq, h, dv] = ctx.shape;
  return linear(tf.reshape(ctx, [b, tq, h * dv]), w.oKernel.read(), w.oBias?.read());
}

export interface MultiHeadAttentionConfig {
  heads: number;
  keyDim: number;
  /** 0 = keyDim. */
  valueDim: number;
  causal: boolean;
  dropout: number;
  useBias: boolean;
}

/**
 * Inputs [query, value] or [query, value, key]; output [B, Tq, d_query]. A single input [x] is self-attention
 * (query = value = key = x): builders use it when one tensor is wired to both query and value, because tfjs
 * frees a tensor listed twice in a layer's inputs too early when something else also reads it.
 */
export class MultiHeadAttentionLayer extends tf.layers.Layer {
  static className = 'LayerLabMultiHeadAttention';
  readonly cfg: MultiHeadAttentionConfig;
  private w?: MhaWeights;

  constructor(args: LayerArgs & Partial<MultiHeadAttentionConfig>) {
    super(args);
    this.cfg = {
      heads: args.heads ?? 4,
      keyDim: args.keyDim ?? 16,
      valueDim: args.valueDim ?? 0,
      causal: args.causal ?? false,
      dropout: args.dropout ?? 0,
      useBias: args.useBias ?? true,
    };
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = shapeList(inputShape);
    if (shapes.length < 1) throw new Error(`${this.name}: MultiHeadAttention needs [x], [query, value] or [query, value, key] inputs`);
    const add: AddWeight = (name, shape, init) => this.addWeight(name, shape, 'float32', initializer(init));
    this.w = createMhaWeights(add, 'mha', {
      queryDim: lastDim(shapes[0], `${this.name} query`),
      valueDim: lastDim(shapes[1] ?? shapes[0], `${this.name} value`),
      keyDim: lastDim(shapes[2] ?? shapes[1] ?? shapes[0], `${this.name} key`),
      heads: this.cfg.heads,
      headKeyDim: this.cfg.keyDim,
      headValueDim: this.cfg.valueDim > 0 ? this.cfg.valueDim : this.cfg.keyDim,
      useBias: this.cfg.useBias,
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return shapeList(inputShape)[0].slice();
  }

  override computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const [q, vIn, k] = tensorList(inputs);
      const v = vIn ?? q;
      return mhaForward(this.w!, q, k ?? v, v, { causal: this.cfg.causal, dropout: this.cfg.dropout, training: kwargs?.training === true });
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.cfg };
  }
}
tf.serialization.registerClass(MultiHeadAttentionLayer);
