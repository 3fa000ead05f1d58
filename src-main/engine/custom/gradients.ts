// Process-wide fixes that make training work where stock tfjs 4.22 cannot (see ../shared/TFJS-NOTES.md):
//  1. A replacement gradient for the Conv2D kernel. The built-in one throws for dilation > 1 (tfjs issue
//     7906) and its filter gradient needs Conv2DBackpropFilter, which the wasm backend lacks. Conv1D is
//     built on conv2d in tfjs, so this covers dilated/causal Conv1D too.
//  2. A plain-JS UnsortedSegmentSum kernel for wasm. The gradient of Gather (Embedding's lookup) needs it
//     and wasm has none. Lookup tables are small next to the activations, so a JS loop is fine.
//  3. Sum and Mean gradients that broadcast dy with a kernel instead of a JS array of ones (./reduction-gradients).
//  4. Tanh and Sigmoid gradients as one fused kernel on wasm (./activation-gradients).
// All registrations are global to the tfjs-core instance: ensureGradientFixes is safe to call often.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { registerActivationGradients } from './activation-gradients';
import { registerReductionGradients } from './reduction-gradients';

type Tensor4D = tfType.Tensor4D;
type Pair = [number, number];
type Padding = 'same' | 'valid' | number | tfType.backend_util.ExplicitPadding;

const MARK = '__layerlabConv2DGrad';

function pair(v: unknown): Pair {
  if (typeof v === 'number') return [v, v];
  const a = v as number[];
  return [a[0], a[1]];
}

/** Insert d - 1 zeros between filter taps: [kh, kw, C, F] -> [(kh-1)*dh+1, (kw-1)*dw+1, C, F]. */
export function dilateFilter(tf: TF, filter: Tensor4D, [dh, dw]: Pair): Tensor4D {
  if (dh === 1 && dw === 1) return filter;
  return tf.tidy(() => {
    const [kh, kw, c, f] = filter.shape;
    const spread = tf
      .pad(filter.reshape([kh, 1, kw, 1, c, f]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]])
      .reshape([kh * dh, kw * dw, c, f]);
    return spread.slice([0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, c, f]) as Tensor4D;
  });
}

/**
 * Gradients of y = conv2d(x, filter) (NHWC) for any dilation and stride, using only ops every backend has.
 * dx: transposed conv of dy with the zero-dilated filter (same geometry as the forward conv).
 * dFilter: a convolution of the (transposed) input with dy as the filter, see below.
 */
export function conv2dGradients(
  tf: TF,
  dy: Tensor4D,
  x: Tensor4D,
  filter: Tensor4D,
  attrs: { strides: unknown; dilations: unknown; pad: Padding; dimRoundingMode?: 'floor' | 'round' | 'ceil' },
): { dx: () => Tensor4D; dFilter: () => Tensor4D } {
  const strides = pair(attrs.strides);
  const dilations = pair(attrs.dilations);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    filter.shape,
    strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    dx: () =>
      tf.tidy(() => {
        // 'same' padding depends only on the effective (dilated) filter size, so the geometry matches.
        const dilated = dilateFilter(tf, filter, dilations);
        return tf.conv2dTranspose(dy, dilated, x.shape, strides, attrs.pad, attrs.dimRoundingMode);
      }),
    dFilter: () =>
      tf.tidy(() => {
        // dFilter[u, v, c, f] = sum over n, i, j of xPadded[n, i*s + u*d, j*s + v*d, c] * dy[n, i, j, f]: a
        // convolution of x (batch and channels swapped, [C, H, W, N]) with dy as the filter
        // ([OH, OW, N, F]), the forward stride becoming its dilation and the forward dilation its stride.
        // One conv2d call instead of a slice and matMul per filter tap (10x faster on wasm, XNNPACK).
        const [kh, kw, c, f] = filter.shape;
        const { top, bottom, left, right } = info.padInfo;
        const xp = tf.pad(x, [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]]);
        const xT = tf.transpose(xp, [3, 1, 2, 0]) as Tensor4D;
        const dyT = tf.transpose(dy, [1, 2, 0, 3]) as Tensor4D;
        const out = tf.conv2d(xT, dyT, dilations, 'valid', 'NHWC', strides); // [C, >=KH, >=KW, F]
        return tf.transpose(tf.slice(out, [0, 0, 0, 0], [c, kh, kw, f]), [1, 2, 0, 3]) as Tensor4D;
      }),
  };
}

function registerConv2DGradient(tf: TF): void {
  const current = tf.getGradient('Conv2D') as (tfType.GradConfig & { [MARK]?: boolean }) | undefined;
  if (current?.[MARK]) return;
  const config: tfType.GradConfig & { [MARK]: boolean } = {
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved as [Tensor4D, Tensor4D];
      const a = attrs as unknown as Parameters<typeof conv2dGradients>[4] & { dataFormat?: string };
      if (a.dataFormat && a.dataFormat !== 'NHWC') {
        throw new Error(`LayerLab's Conv2D gradient supports NHWC only, got dataFormat ${a.dataFormat}`);
      }
      const g = conv2dGradients(tf, dy as Tensor4D, x, filter, a);
      return { x: g.dx, filter: g.dFilter };
    },
    [MARK]: true,
  };
  tf.registerGradient(config);
}

/** Sum rows of x into numSegments buckets by id (ids outside [0, numSegments) are dropped, as in TF). */
export function unsortedSegmentSumValues(
  x: ArrayLike<number>,
  ids: ArrayLike<number>,
  numSegments: number,
  out: Float32Array | Int32Array,
): void {
  const inner = ids.length === 0 ? 0 : x.length / ids.length;
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) out[to + j] += x[from + j];
  }
}

interface WasmLikeBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: string, memoryOffset?: number, values?: ArrayLike<number>): tfType.TensorInfo;
}

function registerWasmUnsortedSegmentSum(tf: TF): void {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: tfType.TensorInfo; segmentIds: tfType.TensorInfo };
      const numSegments = Number((attrs as { numSegments: number }).numSegments);
      const b = backend as unknown as WasmLikeBackend;
      const values = b.readSync(x.dataId);
      const ids = b.readSync(segmentIds.dataId);
      const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
      const size = outShape.reduce((a, d) => a * d, 1);
      const out = x.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
      unsortedSegmentSumValues(values, ids, numSegments, out);
      return b.makeOutput(outShape, x.dtype, undefined, out);
    },
  });
}

/** Register the Conv2D gradient, the wasm UnsortedSegmentSum kernel and the reduction gradients once; call before training. */
export function ensureGradientFixes(tf: TF): void {
  registerConv2DGradient(tf);
  registerWasmUnsortedSegmentSum(tf);
  registerReductionGradients(tf);
  registerActivationGradients(tf);
}
