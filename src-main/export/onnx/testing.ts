// Test support for the ONNX export: a graph's tfjs model with random weights (every weight, biases and
// normalisation statistics too, so gate order and bias layout are really compared), inputs that fit it
// (token ids for an Embedding), and the largest gap between tfjs's and onnxruntime's outputs.
import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import { dataShapesForGraph } from '../../../shared/infer';
import { buildModel, type BuiltModel } from '../../engine/compile';
import { runOnnx } from '../../onnx/testing';
import { exportOnnxModel, type OnnxExport } from './export-onnx';

/** Deterministic uniform numbers in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Builds the graph's model and fills every weight with seeded random values: matrices uniform with variance
 * 1 / fan-in (so activations neither vanish nor saturate a softmax into one-hot rows, which would hide
 * differences), vectors (biases, norms) in [-0.3, 0.3], variances in [0.5, 1.5].
 */
export function randomWeightModel(graph: GraphFile, seed = 7): BuiltModel {
  const built = buildModel(graph, tf, dataShapesForGraph(graph));
  const rand = lcg(seed);
  for (const w of built.model.weights) {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const positive = /variance/.test(w.originalName);
    const fanIn = shape.length >= 2 ? size / shape[shape.length - 1] : 0;
    const scale = fanIn ? Math.sqrt(3 / fanIn) : 0.3;
    const values = Float32Array.from({ length: size }, () => (positive ? 0.5 + rand() : (rand() * 2 - 1) * scale));
    w.write(tf.tensor(values, w.shape as number[]));
  }
  return built;
}

/** Token-id range for Input nodes that feed an Embedding (its inputDim), by Input node id. */
function idRanges(graph: GraphFile): Map<string, number> {
  const ranges = new Map<string, number>();
  for (const e of graph.edges) {
    const target = graph.nodes.find((n) => n.id === e.target);
    if (target?.kind === 'Embedding') ranges.set(e.source, Number(target.params.inputDim ?? 1000));
  }
  return ranges;
}

export interface OnnxParity {
  exported: OnnxExport;
  /** Largest |tfjs - onnxruntime| over every output, per batch size. */
  gaps: { batch: number; gap: number; outputDims: number[][]; /** Largest |output| (a scale for the gap). */ peak: number }[];
}

/** Exports the model and compares onnxruntime with tfjs on the same random inputs at each batch size. */
export async function onnxParity(graph: GraphFile, built: BuiltModel, batches: number[], seed = 11, exported?: OnnxExport): Promise<OnnxParity> {
  const exp = exported ?? exportOnnxModel(graph, built.model, dataShapesForGraph(graph));
  const ranges = idRanges(graph);
  const rand = lcg(seed);
  const gaps: OnnxParity['gaps'] = [];
  for (const batch of batches) {
    const feeds = built.inputs.map(({ nodeId }, i) => {
      const dims = [batch, ...(built.model.inputs[i].shape.slice(1) as (number | null)[]).map((d) => d ?? 5)];
      const size = dims.reduce((a, b) => a * b, 1);
      const vocab = ranges.get(nodeId);
      const data = Float32Array.from({ length: size }, () => (vocab ? Math.floor(rand() * vocab) : rand() * 2 - 1));
      return { nodeId, data, dims };
    });
    const tfOut = tf.tidy(() => {
      const out = built.model.predict(feeds.map((f) => tf.tensor(f.data, f.dims))) as tf.Tensor | tf.Tensor[];
      return (Array.isArray(out) ? out : [out]).map((t) => ({ data: t.dataSync() as Float32Array, dims: t.shape }));
    });
    let gap = 0;
    let peak = 0;
    const outputDims: number[][] = [];
    for (let o = 0; o < built.outputs.length; o++) {
      const name = exp.outputs.find((x) => x.nodeId === built.outputs[o].nodeId)!.name;
      const inputs = Object.fromEntries(feeds.map((f) => [exp.inputs.find((x) => x.nodeId === f.nodeId)!.name, { data: f.data, dims: f.dims }]));
      const ort = await runOnnx(exp.bytes, inputs, name);
      if (ort.dims.join() !== tfOut[o].dims.join()) throw new Error(`output ${name}: onnxruntime shape [${ort.dims.join(', ')}] vs tfjs [${tfOut[o].dims.join(', ')}]`);
      outputDims.push(ort.dims);
      for (let i = 0; i < ort.data.length; i++) {
        gap = Math.max(gap, Math.abs(ort.data[i] - tfOut[o].data[i]));
        peak = Math.max(peak, Math.abs(tfOut[o].data[i]));
      }
    }
    gaps.push({ batch, gap, outputDims, peak });
  }
  return { exported: exp, gaps };
}
