// Attention as a real tfjs Layer (saves and loads), plus the tensor maths the other attention layers reuse.
// Every tensor enters through the inputs list: tfjs's own nlp layers take tensors through kwargs and break
// in predict/fit (see ../shared/TFJS-NOTES.md).
import * as tf from '@tensorflow/tfjs';

export type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
export type Kwargs = Record<string, unknown>;
export type LayerShape = (number | null)[];
export type InitName = 'glorot' | 'zeros' | 'ones' | 'embedding';
/** addWeight is protected on tf.layers.Layer; layers hand this closure to shared weight builders. */
export type AddWeight = (name: string, shape: number[], init: InitName) => tf.LayerVariable;

export function initializer(init: InitName): ReturnType<typeof tf.initializers.zeros> {
  switch (init) {
    case 'glorot':
      return tf.initializers.glorotUniform({});
    case 'zeros':
      return tf.initializers.zeros();
    case 'ones':
      return tf.initializers.ones();
    case 'embedding':
      return tf.initializers.randomNormal({ mean: 0, stddev: 0.02 });
  }
}

/** Normalises the `inputShape` tfjs hands to build/computeOutputShape into a list of shapes. */
export function shapeList(inputShape: tf.Shape | tf.Shape[]): LayerShape[] {
  return Array.isArray(inputShape[0]) ? (inputShape as LayerShape[]) : [inputShape as LayerShape];
}

export function tensorList(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(inputs) ? inputs : [inputs];
}

export function lastDim(shape: LayerShape, where: string): number {
  const d = shape[shape.length - 1];
  if (d === null || d === undefined) throw new Error(`${where}: the last dimension of input shape [${shape.join(', ')}] must be known`);
  return d;
}

/**
 * Padding masks are not applied by these layers. Returning no mask (instead of tfjs's default throw when a
 * mask arrives) keeps them usable after an Embedding with maskZero.
 */
export function dropMask(): tf.Tensor | tf.Tensor[] {
  return null as unknown as tf.Tensor;
}

/** x [..., n] @ kernel [n, m] (+ bias [m]) -> [..., m], by flattening the leading axes. */
export function linear(x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const lead = x.shape.slice(0, -1);
  const n = x.shape[x.shape.length - 1];
  let y = tf.matMul(tf.reshape(x, [-1, n]), kernel as tf.Tensor2D);
  if (bias) y = tf.add(y, bias);
  return tf.reshape(y, [...lead, kernel.shape[1] as number]);
}

/** Additive mask [Tq, Tk]: 0 where key j <= query i, -1e9 above the diagonal (softmax gives exactly 0 there). */
export function causalMask(tq: number, tk: number): tf.Tensor2D {
  const data = new Float32Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = i + 1; j < tk; j++) data[i * tk + j] = -1e9;
  return tf.tensor2d(data, [tq, tk]);
}

/**
 * Hard attention with a straight-through gradient: forward is one-hot(argmax) over the last axis,
 * backward passes the gradient to the soft weights unchanged, i.e. y = soft + stopGradient(hard - soft).
 */
export const hardStraightThrough = tf.customGrad(((soft: tf.Tensor) => {
  const depth = soft.shape[soft.shape.length - 1];
  // int32 one-hot then cast: the wasm OneHot kernel ignores a float32 dtype and returns int bit patterns.
  const hard = tf.cast(tf.oneHot(tf.argMax(soft, -1), depth), 'float32');
  return { value: hard, gradFunc: (dy: tf.Tensor) => dy };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/** Softmax over the last axis after adding an optional causal mask; `hard` switches to one-hot weights. */
export function attentionWeights(logits: tf.Tensor, causal: boolean, hard = false): tf.Tensor {
  const tq = logits.shape[logits.shape.length - 2];
  const tk = logits.shape[logits.shape.length - 1];
  const masked = causal ? tf.add(logits, causalMask(tq, tk)) : logits;
  const soft = tf.softmax(masked, -1);
  return hard ? hardStraightThrough(soft) : soft;
}

export type ScoreName = 'dot' | 'scaled' | 'additive';
export type AttentionMode = 'soft' | 'hard';

export interface AttentionConfig {
  mode: AttentionMode;
  score: ScoreName;
  /** Additive score hidden size; 0 = key size. */
  units: number;
  causal: boolean;
  returnScores: boolean;
}

/**
 * Inputs [query, value] or [query, value, key]; outputs out [B, Tq, dv] and, with returnScores, weights [B, Tq, Tk].
 * A single input [x] is self-attention (query = value = key = x): builders use it when one tensor is wired to
 * both query and value, because tfjs frees a tensor listed twice in a layer's inputs too early when
 * something else also reads it ("Cannot read properties of undefined (reading 'backend')" in predict).
 */
export class AttentionLayer extends tf.layers.Layer {
  static className = 'LayerLabAttention';
  readonly cfg: AttentionConfig;
  private w1?: tf.LayerVariable;
  private w2?: tf.LayerVariable;
  private v?: tf.LayerVariable;

  constructor(args: LayerArgs & Partial<AttentionConfig>) {
    super(args);
    this.cfg = {
      mode: args.mode ?? 'soft',
      score: args.score ?? 'scaled',
      units: args.units ?? 0,
      causal: args.causal ?? false,
      returnScores: args.returnScores ?? false,
    };
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = shapeList(inputShape);
    if (shapes.length < 1) throw new Error(`${this.name}: Attention needs [x], [query, value] or [query, value, key] inputs`);
    const dq = lastDim(shapes[0], `${this.name} query`);
    const dk = lastDim(shapes[2] ?? shapes[1] ?? shapes[0], `${this.name} key`);
    if (this.cfg.score === 'additive') {
      const units = this.cfg.units > 0 ? this.cfg.units : dk;
      this.w1 = this.addWeight('W1', [dq, units], 'float32', initializer('glorot'));
      this.w2 = this.addWeight('W2', [dk, units], 'float32', initializer('glorot'));
      this.v = this.addWeight('v', [units, 1], 'float32', initializer('glorot'));
    } else if (dq !== dk) {
      throw new Error(`${this.name}: ${this.cfg.score} score needs query size ${dq} = key size ${dk}`);
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shapes = shapeList(inputShape);
    const q = shapes[0];
    const v = shapes[1] ?? q;
    const k = shapes[2] ?? v;
    const out: tf.Shape = [q[0], q[1], v[v.length - 1]];
    return this.cfg.returnScores ? [out, [q[0], q[1], k[1]]] : out;
  }

  override computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  /** Unnormalised scores [B, Tq, Tk]. */
  private logits(q: tf.Tensor, k: tf.Tensor): tf.Tensor {
    if (this.cfg.score === 'additive') {
      const wq = tf.expandDims(linear(q, this.w1!.read()), 2); // [B, Tq, 1, u]
      const wk = tf.expandDims(linear(k, this.w2!.read()), 1); // [B, 1, Tk, u]
      const e = linear(tf.tanh(tf.add(wq, wk)), this.v!.read()); // [B, Tq, Tk, 1]
      return tf.squeeze(e, [3]);
    }
    const dots = tf.matMul(q, k, false, true);
    return this.cfg.score === 'scaled' ? tf.div(dots, Math.sqrt(k.shape[2] as number)) : dots;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const [q, vIn, kIn] = tensorList(inputs);
      const v = vIn ?? q;
      const k = kIn ?? v;
      const weights = attentionWeights(this.logits(q, k), this.cfg.causal, this.cfg.mode === 'hard');
      const out = tf.matMul(weights, v);
      return this.cfg.returnScores ? [out, weights] : out;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.cfg };
  }
}
tf.serialization.registerClass(AttentionLayer);
