// MaxPoolGrad on wasm in one pass over the input. The stock wasm kernel took a quarter of a CNN training
// step (two pooling layers). Each output position's gradient goes to the first maximum of its window
// (row-major order, NaN never wins), as tfjs's cpu backend and TensorFlow do; overlapping windows add up.
// Plain JavaScript over the wasm heap: the work is one comparison per input element per window.
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { replaceKernel, type KernelArgs } from './wasm-backend';

type TensorInfo = tfType.TensorInfo;

export interface PoolGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  channels: number;
  outHeight: number;
  outWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  filterHeight: number;
  filterWidth: number;
  padTop: number;
  padLeft: number;
}

/** dx (zero-filled here) receives each dy value at the position of its window's first maximum in x. */
export function maxPoolBackprop(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  const c = g.channels;
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  dx.fill(0);
  for (let b = 0; b < g.batch; b++) {
    const xBatch = b * g.inHeight * g.inWidth * c;
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        best.fill(-Infinity);
        at.fill(-1);
        for (let wy = 0; wy < g.filterHeight; wy++) {
          const y = oy * g.strideHeight - g.padTop + wy * g.dilationHeight;
          if (y < 0 || y >= g.inHeight) continue;
          for (let wx = 0; wx < g.filterWidth; wx++) {
            const xx = ox * g.strideWidth - g.padLeft + wx * g.dilationWidth;
            if (xx < 0 || xx >= g.inWidth) continue;
            const base = xBatch + (y * g.inWidth + xx) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > best[ch]) {
                best[ch] = v;
                at[ch] = base + ch;
              }
            }
          }
        }
        const dyBase = ((b * g.outHeight + oy) * g.outWidth + ox) * c;
        for (let ch = 0; ch < c; ch++) if (at[ch] >= 0) dx[at[ch]] += dy[dyBase + ch];
      }
    }
  }
}

export function makeMaxPoolGrad(tf: TF): tfType.KernelConfig {
  return replaceKernel(tf, 'MaxPoolGrad', (stockFn) => (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
    if (dy.dtype !== 'float32' || input.dtype !== 'float32') return stockFn(args) as TensorInfo;
    const a = attrs as { filterSize: number | [number, number]; strides: number | [number, number]; pad: 'same'; dimRoundingMode?: 'floor' };
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    const dx = backend.makeOutput(input.shape, 'float32');
    maxPoolBackprop(backend.typedArrayFromHeap(input) as Float32Array, backend.typedArrayFromHeap(dy) as Float32Array, backend.typedArrayFromHeap(dx) as Float32Array, {
      batch: info.batchSize,
      inHeight: info.inHeight,
      inWidth: info.inWidth,
      channels: info.inChannels,
      outHeight: info.outHeight,
      outWidth: info.outWidth,
      strideHeight: info.strideHeight,
      strideWidth: info.strideWidth,
      dilationHeight: info.dilationHeight,
      dilationWidth: info.dilationWidth,
      filterHeight: info.filterHeight,
      filterWidth: info.filterWidth,
      padTop: info.padInfo.top,
      padLeft: info.padInfo.left,
    });
    return dx;
  });
}
