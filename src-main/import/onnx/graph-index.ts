// Who produces and who reads each value of an ONNX graph, and the constant behind a value (an initializer, a
// Constant node, or either through Identity nodes: torch's exporter deduplicates equal weights that way).
import type { OnnxModel, OnnxNode, OnnxTensor } from './read-model';

export interface GraphIndex {
  model: OnnxModel;
  producer: Map<string, OnnxNode>;
  consumers: Map<string, OnnxNode[]>;
  /** Values the model outputs. */
  outputs: Set<string>;
  constOf(value: string): OnnxTensor | null;
  /** The float data of a constant, or null. */
  floatsOf(value: string): { data: Float32Array; shape: number[] } | null;
}

export function indexGraph(model: OnnxModel): GraphIndex {
  const producer = new Map<string, OnnxNode>();
  const consumers = new Map<string, OnnxNode[]>();
  for (const n of model.nodes) {
    for (const o of n.outputs) if (o) producer.set(o, n);
    for (const i of n.inputs) if (i) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }
  const constOf = (value: string): OnnxTensor | null => {
    // A loop bound: Identity chains are at most as long as the graph.
    for (let hops = 0; hops <= model.nodes.length; hops++) {
      const init = model.initializers.get(value);
      if (init) return init;
      const p = producer.get(value);
      if (p?.opType === 'Constant') {
        const t = p.attrs.get('value');
        if (t && typeof t === 'object' && 'dims' in t) return t;
        const f = p.attrs.get('value_float') ?? p.attrs.get('value_int');
        if (typeof f === 'number') return { name: value, dims: [], dataType: 1, floats: p.attrs.has('value_float') ? Float32Array.of(f) : null, ints: p.attrs.has('value_int') ? [f] : null };
        const fs = p.attrs.get('value_floats') ?? p.attrs.get('value_ints');
        if (Array.isArray(fs) && fs.every((x) => typeof x === 'number')) {
          const list = fs as number[];
          return { name: value, dims: [list.length], dataType: 1, floats: p.attrs.has('value_floats') ? Float32Array.from(list) : null, ints: p.attrs.has('value_ints') ? list : null };
        }
        return null;
      }
      if (p?.opType !== 'Identity') return null;
      value = p.inputs[0];
    }
    return null;
  };
  return {
    model,
    producer,
    consumers,
    outputs: new Set(model.outputs),
    constOf,
    floatsOf(value) {
      const t = constOf(value);
      return t?.floats ? { data: t.floats, shape: t.dims } : null;
    },
  };
}
