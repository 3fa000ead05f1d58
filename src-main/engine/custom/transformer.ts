// Transformer encoder and decoder blocks as tfjs Layers; `layers` = N stacks N identical blocks in one layer.
// Layer norm is written out by hand: tfjs's built-in layerNormalization is ~25x slower on wasm.
import * as tf from '@tensorflow/tfjs';
import { dropMask, initializer, lastDim, shapeList, tensorList, type AddWeight, type Kwargs, type LayerArgs } from './attention';
import { createMhaWeights, mhaForward, type MhaWeights } from './multi-head-attention';
import { fastDropout } from './dropout';

export const LAYER_NORM_EPSILON = 1e-5;

/** (x - mean) / sqrt(var + eps) * gamma + beta over the last axis. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon = LAYER_NORM_EPSILON): tf.Tensor {
  const axis = x.rank - 1;
  const mean = tf.mean(x, axis, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axis, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, epsilon))), gamma), beta);
}

/** GELU, tanh approximation (as GPT-2). */
function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

export function activate(x: tf.Tensor, name: string): tf.Tensor {
  switch (name) {
    case 'relu':
      return tf.relu(x);
    case 'gelu':
      return gelu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
    default:
      throw new Error(`Unknown feed-forward activation '${name}' (use relu, gelu, tanh, sigmoid or linear)`);
  }
}

interface NormWeights {
  gamma: tf.LayerVariable;
  beta: tf.LayerVariable;
}
interface BlockWeights {
  selfAttention: MhaWeights;
  selfNorm: NormWeights;
  crossAttention?: MhaWeights;
  crossNorm?: NormWeights;
  ff1: { kernel: tf.LayerVariable; bias: tf.LayerVariable };
  ff2: { kernel: tf.LayerVariable; bias: tf.LayerVariable };
  ffNorm: NormWeights;
}

export interface TransformerBlockConfig {
  layers: number;
  heads: number;
  /** 0 = d / heads. */
  keyDim: number;
  /** 0 = 4 * d. */
  ffDim: number;
  dropout: number;
  normFirst: boolean;
  activation: string;
}

function blockConfig(args: Partial<TransformerBlockConfig>): TransformerBlockConfig {
  return {
    layers: args.layers ?? 1,
    heads: args.heads ?? 4,
    keyDim: args.keyDim ?? 0,
    ffDim: args.ffDim ?? 0,
    dropout: args.dropout ?? 0.1,
    normFirst: args.normFirst ?? false,
    activation: args.activation ?? 'relu',
  };
}

/** Shared by encoder and decoder: weights for N blocks, and the residual sub-layer wiring. */
abstract class TransformerStack extends tf.layers.Layer {
  readonly cfg: TransformerBlockConfig;
  protected blocks: BlockWeights[] = [];

  constructor(args: LayerArgs & Partial<TransformerBlockConfig>) {
    super(args);
    this.cfg = blockConfig(args);
  }

  protected createBlocks(d: number, memoryDim: number | null): void {
    const { heads, layers } = this.cfg;
    if (this.cfg.keyDim === 0 && d % heads !== 0) throw new Error(`${this.name}: d = ${d} is not divisible by heads = ${heads}; set keyDim`);
    const headDim = this.cfg.keyDim > 0 ? this.cfg.keyDim : d / heads;
    const ffDim = this.cfg.ffDim > 0 ? this.cfg.ffDim : 4 * d;
    const add: AddWeight = (name, shape, init) => this.addWeight(name, shape, 'float32', initializer(init));
    const norm = (prefix: string): NormWeights => ({ gamma: add(`${prefix}/gamma`, [d], 'ones'), beta: add(`${prefix}/beta`, [d], 'zeros') });
    this.blocks = [];
    for (let i = 0; i < layers; i++) {
      const p = `block${i}`;
      const sizes = { queryDim: d, heads, headKeyDim: headDim, headValueDim: headDim, useBias: true };
      const block: BlockWeights = {
        selfAttention: createMhaWeights(add, `${p}/self_attention`, { ...sizes, keyDim: d, valueDim: d }),
        selfNorm: norm(`${p}/self_attention_norm`),
        ff1: { kernel: add(`${p}/ff1/kernel`, [d, ffDim], 'glorot'), bias: add(`${p}/ff1/bias`, [ffDim], 'zeros') },
        ff2: { kernel: add(`${p}/ff2/kernel`, [ffDim, d], 'glorot'), bias: add(`${p}/ff2/bias`, [d], 'zeros') },
        ffNorm: norm(`${p}/ff_norm`),
      };
      if (memoryDim !== null) {
        block.crossAttention = createMhaWeights(add, `${p}/cross_attention`, { ...sizes, keyDim: memoryDim, valueDim: memoryDim });
        block.crossNorm = norm(`${p}/cross_attention_norm`);
      }
      this.blocks.push(block);
    }
  }

  /** Post-norm: LN(x + drop(f(x))); pre-norm: x + drop(f(LN(x))). */
  protected residual(x: tf.Tensor, norm: NormWeights, training: boolean, f: (h: tf.Tensor) => tf.Tensor): tf.Tensor {
    const { normFirst, dropout } = this.cfg;
    const drop = (t: tf.Tensor) => (training && dropout > 0 ? fastDropout(tf, t, dropout) : t);
    if (normFirst) return tf.add(x, drop(f(layerNorm(x, norm.gamma.read(), norm.beta.read()))));
    return layerNorm(tf.add(x, drop(f(x))), norm.gamma.read(), norm.beta.read());
  }

  protected runBlocks(x: tf.Tensor, memory: tf.Tensor | null, causal: boolean, training: boolean, onSelfWeights?: (w: tf.Tensor) => void): tf.Tensor {
    const mha = { causal, dropout: this.cfg.dropout, training };
    for (const b of this.blocks) {
      x = this.residual(x, b.selfNorm, training, (h) => mhaForward(b.selfAttention, h, h, h, { ...mha, onWeights: onSelfWeights }));
      if (b.crossAttention && memory) {
        x = this.residual(x, b.crossNorm!, training, (h) => mhaForward(b.crossAttention!, h, memory, memory, { ...mha, causal: false }));
      }
      x = this.residual(x, b.ffNorm, training, (h) => {
        const hidden = activate(tf.add(tf.dot(tf.reshape(h, [-1, h.shape[2] as number]), b.ff1.kernel.read()), b.ff1.bias.read()), this.cfg.activation);
        return tf.reshape(tf.add(tf.dot(hidden, b.ff2.kernel.read()), b.ff2.bias.read()), h.shape as number[]);
      });
    }
    return x;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return shapeList(inputShape)[0].slice();
  }

  protected abstract readonly causal: boolean;

  /** Every block's self-attention weights [B, heads, T, T] for these inputs, as inference computes them. */
  selfAttentionWeights(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    const maps: tf.Tensor[] = [];
    tf.tidy(() => {
      const [x, memory] = tensorList(inputs);
      this.runBlocks(x, memory ?? null, this.causal, false, (w) => maps.push(tf.keep(w.clone())));
    });
    return maps;
  }

  override computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.cfg };
  }
}

/** Input x [B, T, d] -> [B, T, d]. */
export class TransformerEncoderLayer extends TransformerStack {
  static className = 'LayerLabTransformerEncoder';
  protected readonly causal = false;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.createBlocks(lastDim(shapeList(inputShape)[0], this.name), null);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => this.runBlocks(tensorList(inputs)[0], null, false, kwargs?.training === true));
  }
}
tf.serialization.registerClass(TransformerEncoderLayer);

/** Input x [B, T, d], or [x, memory [B, Tm, m]] for cross-attention -> [B, T, d]. Self-attention is causal. */
export class TransformerDecoderLayer extends TransformerStack {
  static className = 'LayerLabTransformerDecoder';
  protected readonly causal = true;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = shapeList(inputShape);
    const memoryDim = shapes[1] ? lastDim(shapes[1], `${this.name} memory`) : null;
    this.createBlocks(lastDim(shapes[0], this.name), memoryDim);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const [x, memory] = tensorList(inputs);
      return this.runBlocks(x, memory ?? null, true, kwargs?.training === true);
    });
  }
}
tf.serialization.registerClass(TransformerDecoderLayer);
