// Trained tfjs weights -> weights.npz keyed by PyTorch state_dict names, so the exported script continues
// from LayerLab's weights (`--weights weights.npz`), and back: a state_dict PyTorch trained -> the tfjs
// model's weights (the PyTorch engine's hand-back). Layouts are converted per the generators' mappings.
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

/** Nodes with parameters but no weight mapping: their trained weights cannot cross between tfjs and PyTorch. */
export function unmappedWeightNodes(exp: PytorchExport): PytorchExport['plan']['nodes'] {
  return exp.plan.nodes.filter((n) => exp.plan.inference.nodes[n.node.id].params > 0 && !exp.weights.some((w) => w.nodeId === n.node.id));
}

/** The permutation that undoes `perm` (numpy.transpose(transpose(a, perm), inversePermutation(perm)) is a). */
export function inversePermutation(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, k) => (inv[p] = k));
  return inv;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The weight hand-back of the PyTorch engine, the inverse of pytorchWeightArrays: a PyTorch state_dict (as the
 * script saves it, e.g. final.npz) is written into the tfjs model built from the same graph, every weight
 * through the generators' mappings with the layout permuted back. Throws naming what is missing, left over
 * or of the wrong shape, so a state_dict from another graph never half-loads.
 */
export function loadTorchWeights(tf: typeof tfTypes, model: tfTypes.LayersModel, exp: PytorchExport, state: Record<string, NpyArray>): void {
  const byName = new Map(model.weights.map((w) => [w.originalName, w]));
  const values = new Map<string, { data: Float32Array; shape: number[] }>();
  const problems: string[] = [];
  for (const { nodeId, mappings } of exp.weights) {
    for (const m of mappings) {
      // A tied head's weight is another node's (the Embedding's table): torch lists the shared matrix under both names.
      const layer = layerNameFor(m.node ?? nodeId);
      const name = `${layer}/${m.tfjs.replaceAll('{layer}', layer)}`;
      const target = byName.get(name);
      const source = state[m.torch];
      if (!target) {
        problems.push(`the tfjs model has no weight ${name}`);
        continue;
      }
      if (!source) {
        problems.push(`the PyTorch weights have no '${m.torch}' (for ${name})`);
        continue;
      }
      const data = source.data instanceof Float32Array ? source.data : Float32Array.from(source.data);
      const back = m.permute ? transpose(data, source.shape, inversePermutation(m.permute)) : { data, shape: source.shape };
      if (!sameShape(back.shape, target.shape as number[])) {
        problems.push(`'${m.torch}' has shape [${source.shape.join(', ')}], which does not fit ${name} [${target.shape.join(', ')}]`);
        continue;
      }
      values.set(name, back);
    }
  }
  const unset = model.weights.filter((w) => !values.has(w.originalName)).map((w) => w.originalName);
  if (unset.length && !problems.length) problems.push(`no PyTorch weight sets ${unset.join(', ')}`);
  if (problems.length) throw new Error(`The PyTorch weights do not fit this model: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  for (const w of model.weights) {
    const v = values.get(w.originalName)!;
    const t = tf.tensor(v.data, v.shape, w.dtype);
    w.write(t);
    t.dispose();
  }
}
