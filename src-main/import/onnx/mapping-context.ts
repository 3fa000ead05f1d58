// The state of one ONNX-to-LayerLab mapping: what each ONNX value stands for, the LayerLab nodes, edges and weights
// built so far, and the ONNX node being mapped (errors and node labels name it). Operator mappers
// (operators/*.ts) read their inputs and emit layers through it.
import type { GraphEdge, GraphNode } from '../../../shared/graph/types';
import type { ParamValues } from '../../../shared/layers/types';
import { ImportError } from '../model-json';
import type { OnnxModel, OnnxNode } from './read-model';
import type { GraphIndex } from './graph-index';
import { arr, type NodeWeights, type WeightArray } from './weights';
import type { TensorVal, Val } from './values';

export class MappingContext {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly weights = new Map<string, NodeWeights>();
  readonly notes: string[] = [];
  private readonly vals = new Map<string, Val>();
  private readonly counts = new Map<string, number>();
  private onnxNode!: OnnxNode;

  constructor(readonly ix: GraphIndex) {}

  /** The ONNX node mapped from now on: errors, attributes and labels refer to it. */
  begin(n: OnnxNode): void {
    this.onnxNode = n;
  }

  fail(message: string): never {
    throw new ImportError(`Node '${this.onnxNode.name}' (${this.onnxNode.opType}): ${message}`);
  }

  // ---- values ----

  val(name: string): Val | undefined {
    return this.vals.get(name);
  }
  set(out: string, v: Val): void {
    if (out) this.vals.set(out, v);
  }
  tensor(name: string, what = 'input'): TensorVal {
    const v = this.vals.get(name);
    if (v?.kind === 'tensor') return v;
    if (v?.kind === 'rnn') this.fail(`reads output ${v.part} of ${v.node} as a whole; LayerLab reads an LSTM/GRU/RNN's outputs through Squeeze or Gather of the single direction`);
    return this.fail(`its ${what} '${name}' is ${this.ix.constOf(name) || v ? 'a constant' : 'not computed by a supported node'}; LayerLab layers read computed tensors`);
  }
  weight(name: string, what: string): WeightArray {
    const t = this.ix.floatsOf(name);
    if (!t) this.fail(`its ${what} '${name}' should be a constant float tensor (a weight)`);
    return arr(t.data, t.shape);
  }
  /** Integer values of a constant or of torch's shape arithmetic. */
  ints(name: string): (number | null)[] | null {
    const v = this.vals.get(name);
    if (v?.kind === 'shape') return v.dims;
    const c = this.ix.constOf(name);
    return c?.ints ?? (c?.floats && c.floats.every(Number.isInteger) ? Array.from(c.floats) : null);
  }
  isConst(name: string): boolean {
    return !this.vals.has(name) && this.ix.constOf(name) !== null;
  }
  /** An attribute of the current ONNX node. */
  attr<T>(name: string, fallback: T): T {
    return (this.onnxNode.attrs.get(name) as T | undefined) ?? fallback;
  }
  /** Read by one node only and not a model output: safe to fold into the layer that computes it. */
  singleUse(value: string): boolean {
    return (this.ix.consumers.get(value) ?? []).length === 1 && !this.ix.outputs.has(value);
  }
  /** Read by some node or the model's outputs. */
  used(value: string | undefined): boolean {
    return !!value && ((this.ix.consumers.get(value) ?? []).length > 0 || this.ix.outputs.has(value));
  }

  // ---- graph building ----

  /** Adds a LayerLab node of `kind` reading `inputs`, with an id from its kind ('dense', 'dense_2', ...). */
  emit(kind: string, params: ParamValues, inputs: TensorVal[], weights?: NodeWeights): string {
    const base = kind.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    const n = (this.counts.get(base) ?? 0) + 1;
    this.counts.set(base, n);
    const id = n === 1 ? base : `${base}_${n}`;
    // torch names nodes after the module that wrote them ('/encoder/layers.0/linear1/MatMul'): the module path is the label.
    const label = /^\/?(.+)\/[^/]+$/.exec(this.onnxNode?.name ?? '')?.[1]?.replaceAll('/', '.');
    this.nodes.push({ id, kind, params, position: { x: 0, y: 0 }, ...(label && kind !== 'Input' ? { label } : {}) });
    inputs.forEach((v, i) => this.edges.push({ id: `e_${v.node}_${v.handle}-${id}_in_${i}`, source: v.node, sourceHandle: v.handle, target: id, targetHandle: 'in' }));
    if (weights) this.weights.set(id, weights);
    return id;
  }
  node(id: string): GraphNode {
    return this.nodes.find((n) => n.id === id)!;
  }

  addInput(input: OnnxModel['inputs'][number], channelsFirst: boolean, feature: string): void {
    const where = `Graph input '${input.name}'`;
    if (input.elemType !== 1) throw new ImportError(`${where} is not float32 (ONNX type ${input.elemType}); LayerLab imports models with float inputs (token ids for an Embedding are not imported yet)`);
    const sample = input.dims.slice(1);
    if (input.dims.length < 2 || sample.some((d) => d === null)) {
      throw new ImportError(`${where} has shape [${input.dims.map((d) => d ?? '?').join(', ')}]; LayerLab needs a batch axis first and fixed sizes after it`);
    }
    const dims = sample as number[];
    const cf = channelsFirst && dims.length >= 2;
    const shape = cf ? [...dims.slice(1), dims[0]] : dims;
    const id = this.emit('Input', { feature, shape }, []);
    this.set(input.name, { kind: 'tensor', node: id, handle: 'out', shape, layout: cf ? 'cf' : 'plain' });
  }

  addOutput(value: string, i: number): void {
    const v = this.vals.get(value);
    if (v?.kind !== 'tensor') throw new ImportError(`Graph output '${value}' is not a tensor LayerLab computes`);
    if (v.layout === 'tbf') throw new ImportError(`Graph output '${value}' is sequence-first [T, N, F]; LayerLab outputs are batch-first`);
    const id = `output${i === 0 ? '' : `_${i + 1}`}`;
    this.nodes.push({ id, kind: 'Output', params: { target: i === 0 ? 'y' : `y${i + 1}` }, position: { x: 0, y: 0 } });
    this.edges.push({ id: `e_${v.node}_${v.handle}-${id}`, source: v.node, sourceHandle: v.handle, target: id, targetHandle: 'in' });
    if (v.layout === 'cf' && v.shape.length > 1) this.notes.push(`Output '${value}' is channels-last in LayerLab ([${v.shape.join(', ')}]), channels-first in the ONNX model.`);
  }
}
