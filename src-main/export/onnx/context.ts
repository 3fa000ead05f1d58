// The ONNX graph under construction: unique tensor names, nodes, initializers (trained tfjs weights, read once
// and shared by name: a tied head reuses its Embedding's table) and small int64/float constants.
import type * as tfTypes from '@tensorflow/tfjs';
import { layerNameFor } from '../../../shared/graph/node-names';
import { attr, floatTensor, int64Tensor, makeNode, type AttributeProto, type NodeProto, type TensorProto } from '../../onnx/proto';
import { ExportError, type PlannedNode } from '../codegen/plan';

export { attr };

export interface WeightArray {
  data: Float32Array;
  shape: number[];
}

export class OnnxGraphContext {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly used = new Set<string>();
  private readonly weightInits = new Map<string, string>();
  private readonly consts = new Map<string, string>();
  private readonly byName: Map<string, tfTypes.LayerVariable>;

  constructor(model: tfTypes.LayersModel) {
    this.byName = new Map(model.weights.map((w) => [w.originalName, w]));
  }

  /** A tensor name not used yet, derived from `base`. */
  fresh(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_./:-]/g, '_');
    let name = clean;
    for (let i = 2; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds one ONNX node; returns its output names (fresh names from `outBase`, or `outputs` as given). */
  op(opType: string, inputs: string[], outBase: string, attributes: AttributeProto[] = [], outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, (_, i) => this.fresh(outputCount === 1 ? outBase : `${outBase}_${i}`));
    this.nodes.push(makeNode(opType, inputs, outputs, attributes, this.fresh(`${outBase}/${opType}`)));
    return outputs;
  }

  /** `op` with a single output. */
  op1(opType: string, inputs: string[], outBase: string, attributes: AttributeProto[] = []): string {
    return this.op(opType, inputs, outBase, attributes)[0];
  }

  /** A tfjs weight of the model as an array: `${layer}/${suffix}` of the node's layer. */
  weightArray(n: PlannedNode, suffix: string, nodeId = n.node.id): WeightArray {
    const name = `${layerNameFor(nodeId)}/${suffix}`;
    const w = this.byName.get(name);
    if (!w) throw new ExportError(`${n.node.kind} (${n.node.id}): the model has no weight ${name}; was it built from this graph?`, n.node.id);
    return { data: Float32Array.from(w.read().dataSync() as Float32Array), shape: [...w.shape] as number[] };
  }

  /** The sub-layer folder of a wrapper's weights whose name contains `part` (Bidirectional: forward_..., backward_...). */
  weightPrefix(n: PlannedNode, part: string): string {
    const layer = `${layerNameFor(n.node.id)}/`;
    const folders = [...this.byName.keys()].filter((k) => k.startsWith(layer)).map((k) => k.slice(layer.length).split('/')[0]);
    const hit = folders.find((f) => f.includes(part));
    if (!hit) throw new ExportError(`${n.node.kind} (${n.node.id}): the model has no ${part} weights under ${layer}`, n.node.id);
    return hit;
  }

  /** A tfjs weight as an initializer, added once per weight (a second use gets the same name). */
  weight(n: PlannedNode, suffix: string, nodeId = n.node.id): string {
    const key = `${layerNameFor(nodeId)}/${suffix}`;
    const known = this.weightInits.get(key);
    if (known) return known;
    const w = this.weightArray(n, suffix, nodeId);
    const name = this.initializer(key, w.shape, w.data);
    this.weightInits.set(key, name);
    return name;
  }

  /** A float32 initializer with the given values (converted weights, tables). */
  initializer(base: string, dims: number[], data: Float32Array | number[]): string {
    const name = this.fresh(base);
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  /** A shared int64 constant (shapes, axes, pads, indices); a scalar when `dims` is []. */
  ints(values: number[], dims: number[] = [values.length]): string {
    const key = `i:${dims.join('x')}:${values.join(',')}`;
    let name = this.consts.get(key);
    if (!name) {
      name = this.fresh(`const_i64_${values.join('_').replace(/-/g, 'm')}`.slice(0, 60));
      this.initializers.push(int64Tensor(name, dims, values));
      this.consts.set(key, name);
    }
    return name;
  }

  /** A shared float32 scalar constant. */
  scalar(value: number): string {
    const key = `f:${value}`;
    let name = this.consts.get(key);
    if (!name) {
      name = this.fresh(`const_f32_${String(value).replace(/[^0-9a-z]/gi, '_')}`);
      this.initializers.push(floatTensor(name, [], [value]));
      this.consts.set(key, name);
    }
    return name;
  }

  // ---- small helpers many emitters share ----

  transpose(x: string, perm: number[], base: string): string {
    return this.op1('Transpose', [x], base, [attr.ints('perm', perm)]);
  }

  reshape(x: string, shape: number[], base: string): string {
    return this.op1('Reshape', [x, this.ints(shape)], base);
  }

  unsqueeze(x: string, axes: number[], base: string): string {
    return this.op1('Unsqueeze', [x, this.ints(axes)], base);
  }

  squeeze(x: string, axes: number[], base: string): string {
    return this.op1('Squeeze', [x, this.ints(axes)], base);
  }

  /** x @ kernel (+ bias) over the last axis: Gemm for a 2-D x, MatMul (+ Add) otherwise. */
  linear(x: string, rank: number, kernel: string, bias: string | null, base: string): string {
    if (rank === 2) return this.op1('Gemm', bias ? [x, kernel, bias] : [x, kernel], base);
    const y = this.op1('MatMul', [x, kernel], bias ? `${base}_matmul` : base);
    return bias ? this.op1('Add', [y, bias], base) : y;
  }
}
