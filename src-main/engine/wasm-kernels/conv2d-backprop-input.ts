// Conv2DBackpropInput (the input gradient of a convolution, also conv2dTranspose) on wasm through XNNPACK.
// The stock wasm kernel is a plain loop: it took 36% of a CNN training step and 54% of a WaveNet step.
// The input gradient is itself a convolution: insert stride-1 zeros between the rows and columns of dy,
// and convolve with the filter rotated by 180 degrees and its in/out channels swapped, padded so the
// result has the input's size (the "full" correlation). That runs on the stock Conv2D kernel (XNNPACK).
// Cases this does not cover (NCHW, padding that would need cropping) run the stock kernel.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { replaceKernel, stockKernel, Temporaries, type KernelArgs, type StockKernel } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

/** [KH, KW, C, F] -> rotated 180 degrees in (KH, KW), channels swapped: [KH, KW, F, C]. */
export function flipFilter(w: Float32Array, [kh, kw, c, f]: number[], out: Float32Array): void {
  for (let u = 0; u < kh; u++) {
    for (let v = 0; v < kw; v++) {
      const src = (u * kw + v) * c * f;
      const dst = ((kh - 1 - u) * kw + (kw - 1 - v)) * f * c;
      for (let ci = 0; ci < c; ci++) for (let fi = 0; fi < f; fi++) out[dst + fi * c + ci] = w[src + ci * f + fi];
    }
  }
}

/** dy [N, OH, OW, F] with (sh - 1) zero rows and (sw - 1) zero columns between its own: [N, (OH-1)*sh+1, (OW-1)*sw+1, F]. */
export function spreadRows(dy: Float32Array, [n, oh, ow, f]: number[], [sh, sw]: number[], out: Float32Array): void {
  const uh = (oh - 1) * sh + 1;
  const uw = (ow - 1) * sw + 1;
  out.fill(0);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const src = ((b * oh + i) * ow + j) * f;
        const dst = ((b * uh + i * sh) * uw + j * sw) * f;
        out.set(dy.subarray(src, src + f), dst);
      }
    }
  }
}

export function makeConv2DBackpropInput(tf: TF): tfType.KernelConfig {
  const conv2d = stockKernel(tf, 'Conv2D').kernelFunc as unknown as StockKernel;
  return replaceKernel(tf, 'Conv2DBackpropInput', (stockFn) => (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = attrs as { strides: number | [number, number]; pad: unknown; dataFormat?: string; dimRoundingMode?: string; inputShape: number[] };
    if ((a.dataFormat ?? 'NHWC') !== 'NHWC' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return stockFn(args) as TensorInfo;
    const info = tf.backend_util.computeConv2DInfo(
      a.inputShape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      a.strides,
      1,
      a.pad as 'same',
      a.dimRoundingMode as 'floor' | undefined,
      false,
      'channelsLast',
    );
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, inHeight: h, inWidth: w } = info;
    const [n, oh, ow, f] = dy.shape;
    const c = filter.shape[2];
    // Full-correlation padding so the output has the input's height and width.
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = h - (oh - 1) * sh - 1 + info.padInfo.top;
    const right = w - (ow - 1) * sw - 1 + info.padInfo.left;
    if (top < 0 || left < 0 || bottom < 0 || right < 0) return stockFn(args) as TensorInfo;

    const temps = new Temporaries(backend);
    try {
      // Allocate every temporary before taking heap views: an allocation may grow (and move) the heap.
      const flipped = temps.keep(backend.makeOutput([kh, kw, f, c], 'float32'));
      const spread = sh > 1 || sw > 1 ? temps.keep(backend.makeOutput([n, (oh - 1) * sh + 1, (ow - 1) * sw + 1, f], 'float32')) : dy;
      flipFilter(backend.typedArrayFromHeap(filter) as Float32Array, filter.shape, backend.typedArrayFromHeap(flipped) as Float32Array);
      if (spread !== dy) spreadRows(backend.typedArrayFromHeap(dy) as Float32Array, dy.shape, [sh, sw], backend.typedArrayFromHeap(spread) as Float32Array);
      return conv2d({
        inputs: { x: spread, filter: flipped },
        backend,
        attrs: { strides: 1, dilations: 1, pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC' },
      }) as TensorInfo;
    } finally {
      temps.dispose();
    }
  });
}
