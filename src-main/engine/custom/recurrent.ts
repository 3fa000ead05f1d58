// Drop-in replacements for two tfjs recurrent pieces, registered under the stock class names so saved
// model.json files stay standard ('LSTM', 'GRU', 'SimpleRNN', 'Orthogonal') and loaded models get the fixes.
//
// 1. RNN layers that do not leak their initial state into other layers. tfjs's RNN.apply writes
//    `kwargs.initialState` into the kwargs object it is given, and during fit the graph executor
//    (engine/executor.js) passes ONE shared kwargs object ({training: true}) to every layer it runs. It also
//    re-applies a multi-output layer once per output tensor it meets. So after a decoder started from
//    [h, c] has run, a later re-run of the encoder (to get its other output, e.g. all steps for attention)
//    receives the decoder's initialState and throws "When inputs is an array, neither initialState or
//    constants should be provided". predict passes no kwargs and is unaffected. The fix: apply with a copy.
// 2. A fast orthogonal initializer. tfjs's Orthogonal runs tf.linalg.qr (Gram-Schmidt built from many small
//    tensor ops): ~50 s for an LSTM(128) recurrent kernel [128, 512] on the cpu backend, and it runs again
//    when a saved model is loaded. This one does the same maths (QR of a normal matrix, signs from diag(R),
//    transposed when wide, times gain) with a Householder QR in plain Float64Array: milliseconds.
// 3. A fused LSTM (./lstm-fused.ts): the LSTM's call runs the whole sequence in a few kernels per step where
//    it applies (no masking or dropout, tanh / sigmoid, not stateful); elsewhere tfjs's own path.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { fusedLstmCall } from './lstm-fused';
import { registerLstmCpuKernels } from './lstm-kernels';

type LayerInstance = tfType.layers.Layer;
type Kwargs = Record<string, unknown> | undefined;
export interface RnnClasses {
  LSTM: new (args: Parameters<TF['layers']['lstm']>[0]) => tfType.RNN;
  GRU: new (args: Parameters<TF['layers']['gru']>[0]) => tfType.RNN;
  SimpleRNN: new (args: Parameters<TF['layers']['simpleRNN']>[0]) => tfType.RNN;
}

type Serializable = tfType.serialization.SerializableConstructor<tfType.serialization.Serializable>;
type ApplyFn = (inputs: unknown, kwargs?: Kwargs) => unknown;
type CallFn = (inputs: tfType.Tensor | tfType.Tensor[], kwargs: Kwargs) => tfType.Tensor | tfType.Tensor[];
/** A faster call for some configurations of a layer; null means "not this one": run the stock call. */
type FastCall = (layer: LayerInstance, inputs: tfType.Tensor | tfType.Tensor[], kwargs: Kwargs) => tfType.Tensor | tfType.Tensor[] | null;

const rnnCache = new WeakMap<object, RnnClasses>();

/** A subclass of a stock RNN class whose apply never mutates the caller's kwargs. */
function noLeakRnn(tf: TF, Stock: new (args: never) => LayerInstance, className: string, fastCall?: FastCall): Serializable {
  const Fixed = class extends (Stock as new (args: never) => LayerInstance) {
    static className = className;
    override apply(inputs: never, kwargs?: Kwargs): never {
      const stockApply = Stock.prototype.apply as unknown as ApplyFn;
      return stockApply.call(this, inputs, kwargs == null ? kwargs : { ...kwargs }) as never;
    }
    override call(inputs: tfType.Tensor | tfType.Tensor[], kwargs: Kwargs): tfType.Tensor | tfType.Tensor[] {
      const fast = fastCall?.(this, inputs, kwargs);
      return fast ?? (Stock.prototype.call as unknown as CallFn).call(this, inputs, kwargs);
    }
  };
  tf.serialization.registerClass(Fixed as unknown as Serializable);
  return Fixed as unknown as Serializable;
}

/** LSTM, GRU and SimpleRNN classes with the kwargs fix, registered for loading (idempotent per tf). */
export function rnnClasses(tf: TF): RnnClasses {
  const existing = rnnCache.get(tf);
  if (existing) return existing;
  fastOrthogonalClass(tf);
  registerLstmCpuKernels(tf);
  // tfjs does not export its RNN classes; take them from instances.
  const stock = (l: LayerInstance) => l.constructor as new (args: never) => LayerInstance;
  const classes = {
    LSTM: noLeakRnn(tf, stock(tf.layers.lstm({ units: 1 })), 'LSTM', (layer, inputs, kwargs) => fusedLstmCall(tf, layer, inputs, kwargs)),
    GRU: noLeakRnn(tf, stock(tf.layers.gru({ units: 1 })), 'GRU'),
    SimpleRNN: noLeakRnn(tf, stock(tf.layers.simpleRNN({ units: 1 })), 'SimpleRNN'),
  } as unknown as RnnClasses;
  rnnCache.set(tf, classes);
  return classes;
}

/**
 * Q of the QR decomposition of the m x n matrix `a` (row-major, m >= n), as an m x n row-major matrix
 * with orthonormal columns, signed so that R has a positive diagonal (the unique, uniformly distributed Q).
 */
export function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  if (m < n) throw new Error(`householderQ needs rows >= columns, got ${m} x ${n}`);
  const r = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k] * r[i * n + k];
    norm = Math.sqrt(norm);
    const x0 = r[k * n + k];
    const alpha = x0 >= 0 ? -norm : norm; // R[k][k] after the reflection
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k];
    v[0] -= alpha;
    let vNorm = 0;
    for (let i = 0; i < v.length; i++) vNorm += v[i] * v[i];
    vNorm = Math.sqrt(vNorm);
    if (vNorm > 0) for (let i = 0; i < v.length; i++) v[i] /= vNorm;
    vs.push(v);
    signs[k] = alpha < 0 ? -1 : 1;
    // R[k:, k:] -= 2 v (v^T R[k:, k:])
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * r[i * n + j];
      dot *= 2;
      for (let i = k; i < m; i++) r[i * n + j] -= dot * v[i - k];
    }
  }
  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k] * q[i * n + j];
      dot *= 2;
      for (let i = k; i < m; i++) q[i * n + j] -= dot * v[i - k];
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] *= signs[j];
  return q;
}

const orthogonalCache = new WeakMap<object, Serializable>();

/** Registers (once per tf) an 'Orthogonal' initializer computed with householderQ; returns its class. */
export function fastOrthogonalClass(tf: TF): Serializable {
  const existing = orthogonalCache.get(tf);
  if (existing) return existing;
  const Stock = tf.initializers.orthogonal({}).constructor as new (args: { gain?: number; seed?: number }) => {
    apply(shape: number[], dtype?: tfType.DataType): tfType.Tensor;
  };
  class Orthogonal extends Stock {
    static className = 'Orthogonal';
    override apply(shape: number[], dtype?: tfType.DataType): tfType.Tensor {
      if (shape.length < 2) throw new Error(`Orthogonal initializer needs a shape of at least 2 dimensions, got [${shape.join(', ')}]`);
      if (dtype !== undefined && dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`Orthogonal initializer: unsupported dtype ${dtype}`);
      const self = this as unknown as { gain: number; seed?: number };
      const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
      const cols = shape[shape.length - 1];
      const tall = Math.max(rows, cols);
      const narrow = Math.min(rows, cols);
      const normal = tf.tidy(() => tf.randomNormal([tall, narrow], 0, 1, 'float32', self.seed).dataSync());
      const q = householderQ(Float64Array.from(normal), tall, narrow);
      const out = new Float32Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) out[i * cols + j] = self.gain * (rows >= cols ? q[i * cols + j] : q[j * rows + i]);
      }
      return tf.tensor(out, shape, dtype ?? 'float32');
    }
  }
  tf.serialization.registerClass(Orthogonal as unknown as Serializable);
  orthogonalCache.set(tf, Orthogonal as unknown as Serializable);
  return Orthogonal as unknown as Serializable;
}

/** Call once before building or loading models with recurrent layers (idempotent). */
export function registerRecurrentCustomClasses(tf: TF): void {
  fastOrthogonalClass(tf);
  rnnClasses(tf);
}
