// Trained tfjs weights -> weights.npz keyed by PyTorch state_dict names, so the exported script continues
// from LayerLab's weights (`--weights weights.npz`). Layouts are converted per the generators' mappings.
import type * as tfTypes from '@tensorflow/tfjs';
import { layerNameFor } from '../../engine/compile';
import { encodeNpz, type NpyArray } from '../npz';
import type { PytorchExport } from './script';

/** Transposes a row-major array: output axis k is input axis perm[k] (numpy.transpose). */
export function transpose(data: Float32Array, shape: number[], perm: number[]): { data: Float32Array; shape: number[] } {
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(data.length);
  const idx = new Array<number>(outShape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < idx.length; k++) src += idx[k] * inStrides[perm[k]];
    out[o] = data[src];
    for (let k = idx.length - 1; k >= 0; k--) {
      if (++idx[k] < outShape[k]) break;
      idx[k] = 0;
    }
  }
  return { data: out, shape: outShape };
}

export function pytorchWeightArrays(model: tfTypes.LayersModel, exp: PytorchExport): Record<string, NpyArray> {
  const byName = new Map(model.weights.map((w) => [w.originalName, w]));
  const arrays: Record<string, NpyArray> = {};
  const missing: string[] = [];
  for (const { nodeId, mappings } of exp.weights) {
    for (const m of mappings) {
      const layer = layerNameFor(m.node ?? nodeId);
      const name = `${layer}/${m.tfjs.replaceAll('{layer}', layer)}`;
      const w = byName.get(name);
      if (!w) {
        missing.push(name);
        continue;
      }
      const data = w.read().dataSync() as Float32Array;
      const shape = [...w.shape] as number[];
      arrays[m.torch] = m.permute ? transpose(data, shape, m.permute) : { data: Float32Array.from(data), shape };
    }
  }
  if (missing.length) throw new Error(`The trained model has no weights ${missing.join(', ')}: was it built from this graph?`);
  return arrays;
}

export function pytorchWeightsNpz(model: tfTypes.LayersModel, exp: PytorchExport): Buffer {
  return encodeNpz(pytorchWeightArrays(model, exp));
}
