// Opens an ONNX model as a LayerLab graph plus the weights of each node (in the tfjs layouts), all or nothing:
// every operator is checked first and the unsupported ones are listed by name and node before anything is mapped.
// Operators map to layer kinds (the table in README's import section); PyTorch's channels-first tensors become
// LayerLab's channels-last ones ('cf' values below), and the shape arithmetic torch writes around reshapes and
// LSTMs (Shape, Gather, Concat ...) is evaluated on the spot, the batch size staying unknown.
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphEdge, type GraphFile, type GraphNode } from '../../../shared/graph/types';
import type { ParamValues } from '../../../shared/layers/types';
import { defaultDatasetConfig, defaultTrainingConfig } from '../../../shared/graph/defaults';
import { markForAutoLayout } from '../../../shared/graph/layout';
import { ensureGraphId } from '../../../shared/graph/identity';
import { inferGraph } from '../../../shared/infer';
import { checked, ImportError, layout as layoutByDepth } from '../model-json';
import { readOnnxModel, type OnnxModel, type OnnxNode, type OnnxTensor } from './read-model';
import { indexGraph, type GraphIndex } from './graph-index';
import { findEncoderBlocks, type EncoderBlockMatch } from './transformer-pattern';
import { arr, permuted, recurrentBias, recurrentKernel, rowsFromChannelsFirst, type NodeWeights, type WeightArray } from './weights';

export interface OnnxImport {
  graph: GraphFile;
  /** tfjs weights per LayerLab node id. */
  weights: Map<string, NodeWeights>;
  /** What changed on the way in (summed biases, zero biases added), for the run's log. */
  notes: string[];
  producer: string;
  opset: number;
}

/** How a LayerLab tensor [sample dims] sits in ONNX: the same ('plain'), channels-first ('cf': ONNX [C, ...spatial]
 * for LayerLab [...spatial, C]; a pooled [C] is ONNX [C, 1, 1]), or sequence-first ('tbf': ONNX [T, N, F]). */
type Layout = 'plain' | 'cf' | 'tbf';
interface TensorVal {
  kind: 'tensor';
  node: string;
  handle: string;
  shape: number[];
  layout: Layout;
  /** Flattened from a channels-first tensor of this LayerLab shape: the next Dense reorders its rows. */
  flatFrom?: number[];
  /** The node's own output, nothing applied yet: an activation or a bias can fold into it. */
  fresh?: boolean;
}
/** Integers of torch's shape arithmetic; null is the batch size. */
interface ShapeVal { kind: 'shape'; dims: (number | null)[] }
interface ZerosVal { kind: 'zeros' }
interface RnnVal { kind: 'rnn'; node: string; part: 0 | 1 | 2; steps: number; hidden: number; batchAxis: number; returnSequences: boolean }
type Val = TensorVal | ShapeVal | ZerosVal | RnnVal;

const ACTIVATION_OPS: Record<string, string> = { Relu: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh', Softmax: 'softmax', Elu: 'elu', Selu: 'selu', Softplus: 'softplus', Softsign: 'softsign' };
const ALIAS_OPS = new Set(['Identity', 'Dropout', 'Cast']);
const SHAPE_OPS = new Set(['Shape', 'Constant', 'ConstantOfShape', 'Expand', 'Unsqueeze', 'Squeeze', 'Gather', 'Concat', 'Slice', 'Div', 'Sub']);
const LAYER_OPS = new Set(['Gemm', 'MatMul', 'Add', 'Mul', 'Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'ReduceMean', 'BatchNormalization', 'LayerNormalization', 'Flatten', 'Reshape', 'Transpose', 'LSTM', 'GRU', 'RNN', 'Pad']);
export const SUPPORTED_OPS = [...new Set([...Object.keys(ACTIVATION_OPS), ...ALIAS_OPS, ...SHAPE_OPS, ...LAYER_OPS])].sort();
/** Ops that feed layers through the channels-first input of a 1-D convolution stack. */
const CHANNEL_OPS = new Set(['Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization']);

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Lists every operator no LayerLab kind stands for, by name and node; the transformer blocks' nodes are exempt. */
function unsupportedOps(model: OnnxModel, covered: Set<OnnxNode>): string | null {
  const bad = new Map<string, string[]>();
  for (const n of model.nodes) {
    if (covered.has(n)) continue;
    const op = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : n.opType;
    if (n.domain && n.domain !== 'ai.onnx' || !SUPPORTED_OPS.includes(n.opType)) bad.set(op, [...(bad.get(op) ?? []), n.name]);
  }
  if (bad.size === 0) return null;
  const list = [...bad].map(([op, nodes]) => `${op} (${nodes.length === 1 ? 'node' : 'nodes'} ${nodes.slice(0, 5).map((x) => `'${x}'`).join(', ')}${nodes.length > 5 ? ` and ${nodes.length - 5} more` : ''})`);
  return `The model uses operators LayerLab cannot import: ${list.join('; ')}. Nothing was imported. Supported: ${SUPPORTED_OPS.join(', ')}, and torch's nn.TransformerEncoderLayer as a whole.`;
}

class Mapper {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly weights = new Map<string, NodeWeights>();
  readonly notes: string[] = [];
  private readonly vals = new Map<string, Val>();
  private readonly counts = new Map<string, number>();
  private onnxNode!: OnnxNode;

  constructor(private readonly ix: GraphIndex) {}

  fail(message: string): never {
    throw new ImportError(`Node '${this.onnxNode.name}' (${this.onnxNode.opType}): ${message}`);
  }

  // ---- values ----

  private val(name: string): Val | undefined {
    return this.vals.get(name);
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
  private attr<T>(name: string, fallback: T): T {
    return (this.onnxNode.attrs.get(name) as T | undefined) ?? fallback;
  }
  private set(out: string, v: Val): void {
    if (out) this.vals.set(out, v);
  }
  private singleUse(value: string): boolean {
    return (this.ix.consumers.get(value) ?? []).length === 1 && !this.ix.outputs.has(value);
  }

  // ---- graph building ----

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
  private node(id: string): GraphNode {
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

  addEncoderBlock(b: EncoderBlockMatch, name: string): void {
    this.onnxNode = { name, opType: 'TransformerEncoderLayer', domain: '', inputs: [], outputs: [], attrs: new Map() };
    const x = this.tensor(b.input);
    if (x.layout !== 'plain' || x.shape.length !== 2) this.fail(`the encoder layer's input should be a batch-first sequence [T, d], got [${x.shape.join(', ')}]`);
    const params = { layers: 1, heads: b.params.heads, keyDim: 0, ffDim: b.params.ffDim, dropout: 0.1, normFirst: false, activation: 'relu' };
    const id = this.emit('TransformerEncoderBlock', params, [x], b.weights);
    this.set(b.output, { kind: 'tensor', node: id, handle: 'out', shape: x.shape, layout: 'plain' });
  }

  // ---- operators ----

  map(n: OnnxNode): void {
    this.onnxNode = n;
    const out = n.outputs[0];
    if (ACTIVATION_OPS[n.opType]) return this.activation(n, ACTIVATION_OPS[n.opType]);
    if (ALIAS_OPS.has(n.opType)) {
      const v = this.val(n.inputs[0]);
      if (n.opType === 'Dropout' && n.inputs[2] && this.ints(n.inputs[2])?.[0]) this.fail('runs in training mode; export the model in eval mode');
      if (v) this.set(out, v); // constants stay constants (read through ix.constOf)
      return;
    }
    switch (n.opType) {
      case 'Constant':
        return;
      case 'Gemm':
        return this.gemm(n);
      case 'MatMul':
        return this.matMul(n);
      case 'Add':
      case 'Mul':
      case 'Sub':
      case 'Div':
        return this.arithmetic(n);
      case 'Conv':
        return this.conv(n);
      case 'MaxPool':
      case 'AveragePool':
        return this.pool(n);
      case 'GlobalAveragePool':
        return this.globalPool(this.tensor(n.inputs[0]), out, true);
      case 'ReduceMean':
        return this.reduceMean(n);
      case 'BatchNormalization':
        return this.batchNorm(n);
      case 'LayerNormalization':
        return this.layerNorm(n);
      case 'Flatten':
        if (this.attr('axis', 1) !== 1) this.fail(`flattens from axis ${String(n.attrs.get('axis'))}; LayerLab flattens each sample (axis 1)`);
        return this.flatten(this.tensor(n.inputs[0]), out);
      case 'Reshape':
        return this.reshape(n);
      case 'Pad': {
        // torch writes a Pad of zeros before avg_pool2d; real padding has no LayerLab layer kind.
        const pads = (n.inputs[1] ? this.ints(n.inputs[1]) : this.attr<number[]>('pads', [])) ?? [null];
        if (pads.some((p) => p !== 0)) this.fail(`pads by [${pads.join(', ')}]; LayerLab has no padding layer (a convolution's padding='same' is imported)`);
        return this.set(out, this.tensor(n.inputs[0]));
      }
      case 'Transpose':
        return this.transpose(n);
      case 'LSTM':
      case 'GRU':
      case 'RNN':
        return this.recurrent(n);
      default:
        return this.shapeOp(n);
    }
  }

  private activation(n: OnnxNode, activation: string): void {
    const x = this.tensor(n.inputs[0]);
    if (n.opType === 'Softmax') {
      const rank = x.shape.length + 1;
      const axis = this.attr<number>('axis', this.ix.model.opset >= 13 ? -1 : 1);
      if ((axis + rank) % rank !== rank - 1 || x.layout === 'cf') this.fail(`softmax over axis ${axis} of a ${x.layout === 'cf' ? 'channels-first ' : ''}rank-${rank} tensor; LayerLab's softmax runs over the last axis`);
    }
    if (n.opType === 'Elu' && this.attr('alpha', 1) !== 1) this.fail('Elu with alpha other than 1');
    if (n.opType === 'Selu' && (Math.abs(this.attr('alpha', 1.6732632) - 1.6732632) > 1e-5 || Math.abs(this.attr('gamma', 1.050701) - 1.050701) > 1e-5)) this.fail('Selu with non-standard alpha or gamma');
    const producer = this.node(x.node);
    if (x.fresh && ['Dense', 'Conv2D', 'Conv1D'].includes(producer.kind) && producer.params.activation === 'linear' && this.singleUse(n.inputs[0])) {
      producer.params.activation = activation;
      this.set(n.outputs[0], { ...x, fresh: false });
      return;
    }
    const id = this.emit('Activation', { activation }, [x]);
    this.set(n.outputs[0], { ...x, node: id, handle: 'out', fresh: false, flatFrom: x.flatFrom });
  }

  private dense(x: TensorVal, kernel: WeightArray, bias: WeightArray | null, out: string): void {
    if (x.layout !== 'plain') this.fail(`multiplies a ${x.layout === 'cf' ? 'channels-first' : 'sequence-first'} tensor; flatten or pool it first`);
    const features = x.shape[x.shape.length - 1];
    if (kernel.shape[0] !== features) this.fail(`its weight is [${kernel.shape.join(', ')}] but its input has ${features} features`);
    if (x.flatFrom) kernel = rowsFromChannelsFirst(kernel, x.flatFrom);
    const units = kernel.shape[1];
    if (bias && bias.data.length !== units) this.fail(`its bias has ${bias.data.length} values, expected ${units}`);
    const id = this.emit('Dense', { units, activation: 'linear', useBias: !!bias }, [x], { kernel, ...(bias ? { bias: arr(bias.data, [units]) } : {}) });
    this.set(out, { kind: 'tensor', node: id, handle: 'out', shape: [...x.shape.slice(0, -1), units], layout: 'plain', fresh: true });
  }

  private gemm(n: OnnxNode): void {
    if (this.attr('alpha', 1) !== 1 || this.attr('beta', 1) !== 1 || this.attr('transA', 0)) this.fail('alpha, beta other than 1 or transA are not a Dense layer');
    const x = this.tensor(n.inputs[0]);
    if (x.shape.length !== 1) this.fail(`multiplies a rank-${x.shape.length + 1} tensor; Gemm is a Dense layer on [batch, features]`);
    const b = this.weight(n.inputs[1], 'weight');
    const kernel = this.attr('transB', 0) ? permuted(b, [1, 0]) : b;
    this.dense(x, kernel, n.inputs[2] ? this.weight(n.inputs[2], 'bias') : null, n.outputs[0]);
  }

  private matMul(n: OnnxNode): void {
    if (!this.isConst(n.inputs[1])) {
      this.fail('multiplies two computed tensors (attention scores); LayerLab imports attention only as part of torch\'s nn.TransformerEncoderLayer (batch_first=True, norm_first=False, relu, no mask)');
    }
    const w = this.weight(n.inputs[1], 'weight');
    if (w.shape.length !== 2) this.fail(`its weight has rank ${w.shape.length}; a Dense weight is [in, out]`);
    this.dense(this.tensor(n.inputs[0]), w, null, n.outputs[0]);
  }

  private arithmetic(n: OnnxNode): void {
    const [a, b] = n.inputs;
    const va = this.val(a);
    const vb = this.val(b);
    if (va?.kind !== 'tensor' && vb?.kind !== 'tensor') return this.shapeOp(n);
    if (n.opType === 'Add' && (this.isConst(a) || this.isConst(b))) return this.foldBias(n, this.isConst(a) ? b : a, this.isConst(a) ? a : b);
    if (n.opType === 'Sub' || n.opType === 'Div' || this.isConst(a) || this.isConst(b)) this.fail(`${n.opType} with a constant or a second computed tensor has no LayerLab layer kind`);
    const x = this.tensor(a);
    const y = this.tensor(b);
    if (x.layout !== y.layout || !same(x.shape, y.shape)) this.fail(`joins tensors of shapes [${x.shape.join(', ')}] and [${y.shape.join(', ')}]; LayerLab's ${n.opType === 'Add' ? 'Add' : 'Multiply'} needs equal shapes (no broadcasting)`);
    const id = this.emit(n.opType === 'Add' ? 'Add' : 'Multiply', {}, [x, y]);
    this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: x.shape, layout: x.layout });
  }

  /** MatMul then Add(bias): the bias of the Dense layer the MatMul became. */
  private foldBias(n: OnnxNode, value: string, constant: string): void {
    const x = this.tensor(value);
    const producer = this.node(x.node);
    const bias = this.weight(constant, 'addend');
    const units = x.shape[x.shape.length - 1];
    const fits = bias.data.length === units && bias.shape.every((d, i) => i === bias.shape.length - 1 || d === 1);
    if (!x.fresh || producer.kind !== 'Dense' || producer.params.useBias || !this.singleUse(value) || !fits) {
      this.fail('adds a constant that is not the bias of a MatMul just before it; LayerLab has no layer that adds a constant');
    }
    producer.params.useBias = true;
    this.weights.get(producer.id)!.bias = arr(bias.data, [units]);
    this.set(n.outputs[0], x);
  }

  private spatialAttrs(n: OnnxNode, rank: number, what: string) {
    const square = (name: string, fallback: number): number => {
      const v = this.attr<number[]>(name, new Array<number>(rank).fill(fallback));
      if (v.length !== rank || v.some((d) => d !== v[0])) this.fail(`${name} [${v.join(', ')}] is not the same on every axis; LayerLab ${what} layers use one size for every axis`);
      return v[0];
    };
    const pads = this.attr<number[]>('pads', new Array<number>(2 * rank).fill(0));
    if (pads.some((p) => p !== pads[0])) this.fail(`pads [${pads.join(', ')}] are not symmetric; LayerLab pads 'same' or not at all`);
    const autoPad = this.attr('auto_pad', 'NOTSET');
    return { strides: square('strides', 1), dilations: square('dilations', 1), pad: pads[0] ?? 0, autoPad };
  }

  private conv(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    const w = this.weight(n.inputs[1], 'weight');
    const rank = w.shape.length - 2;
    if (x.layout !== 'cf' || (rank !== 1 && rank !== 2) || x.shape.length !== rank + 1) this.fail(`LayerLab imports Conv on channels-first [C, L] or [C, H, W] inputs with a 1-D or 2-D kernel (got a ${w.shape.length}-D weight on a ${x.layout} tensor)`);
    if (this.attr('group', 1) !== 1) this.fail(`group = ${String(n.attrs.get('group'))} (grouped or depthwise convolution) has no LayerLab layer kind`);
    const k = w.shape.slice(2);
    if (k.some((d) => d !== k[0])) this.fail(`kernel [${k.join(', ')}] is not square; LayerLab's Conv layers use one size for every axis`);
    const { strides, dilations, pad, autoPad } = this.spatialAttrs(n, rank, 'Conv');
    const sameSize = (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER' || (autoPad === 'NOTSET' && pad > 0 && 2 * pad === dilations * (k[0] - 1))) && strides === 1;
    if (!sameSize && (pad !== 0 || (autoPad !== 'NOTSET' && autoPad !== 'VALID'))) this.fail(`padding ${pad} (auto_pad ${autoPad}) is neither none ('valid') nor 'same' at stride 1`);
    const channels = x.shape[x.shape.length - 1];
    if (w.shape[1] !== channels) this.fail(`its weight expects ${w.shape[1]} input channels, the input has ${channels}`);
    const filters = w.shape[0];
    const kernel = permuted(w, rank === 2 ? [2, 3, 1, 0] : [2, 1, 0]);
    let bias = n.inputs[2] ? this.weight(n.inputs[2], 'bias') : null;
    if (!bias) {
      bias = arr(new Float32Array(filters), [filters]);
      this.notes.push(`${n.name}: the convolution has no bias; LayerLab's Conv always has one, set to zeros (${filters} more parameters).`);
    }
    const span = dilations * (k[0] - 1) + 1;
    const spatial = x.shape.slice(0, -1).map((d) => (sameSize ? d : Math.floor((d - span) / strides) + 1));
    if (spatial.some((d) => d < 1)) this.fail('its window is larger than the input');
    const kind = rank === 2 ? 'Conv2D' : 'Conv1D';
    const params = { filters, kernelSize: k[0], strides, padding: sameSize ? 'same' : 'valid', dilationRate: dilations, activation: 'linear' };
    const id = this.emit(kind, params, [x], { kernel, bias: arr(bias.data, [filters]) });
    this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [...spatial, filters], layout: 'cf', fresh: true });
  }

  private pool(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    const kernel = this.attr<number[]>('kernel_shape', []);
    if (x.layout !== 'cf' || x.shape.length !== 3 || kernel.length !== 2) this.fail('LayerLab imports 2-D pooling on channels-first [C, H, W] tensors');
    if (kernel[0] !== kernel[1]) this.fail(`kernel [${kernel.join(', ')}] is not square`);
    if (this.attr('ceil_mode', 0) || this.attr('storage_order', 0)) this.fail('ceil_mode or storage_order is set; LayerLab pools with floor and row-major order');
    const { strides, dilations, pad, autoPad } = this.spatialAttrs(n, 2, 'pooling');
    if (dilations !== 1 || pad !== 0 || (autoPad !== 'NOTSET' && autoPad !== 'VALID')) this.fail('padded or dilated pooling has no LayerLab layer kind (valid pooling only)');
    const k = kernel[0];
    const spatial = x.shape.slice(0, 2).map((d) => Math.floor((d - k) / strides) + 1);
    if (spatial.some((d) => d < 1)) this.fail('its window is larger than the input');
    const kind = n.opType === 'MaxPool' ? 'MaxPooling2D' : 'AveragePooling2D';
    const id = this.emit(kind, { poolSize: k, strides: strides === k ? 0 : strides, padding: 'valid' }, [x]);
    this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [...spatial, x.shape[2]], layout: 'cf' });
  }

  private globalPool(x: TensorVal, out: string, keepDims: boolean): void {
    if (x.layout !== 'cf' || (x.shape.length !== 2 && x.shape.length !== 3)) this.fail('LayerLab pools channels-first [C, L] or [C, H, W] tensors globally');
    const kind = x.shape.length === 3 ? 'GlobalAveragePooling2D' : 'GlobalAveragePooling1D';
    const id = this.emit(kind, {}, [x]);
    const c = x.shape[x.shape.length - 1];
    this.set(out, { kind: 'tensor', node: id, handle: 'out', shape: [c], layout: keepDims ? 'cf' : 'plain' });
  }

  private reduceMean(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    const axes = (n.inputs[1] ? this.ints(n.inputs[1]) : this.attr<number[] | null>('axes', null)) ?? [];
    const rank = x.shape.length + 1;
    const norm = axes.map((a) => ((a ?? 0) + rank) % rank).sort();
    const keepDims = this.attr('keepdims', 1) === 1;
    const spatialCf = Array.from({ length: rank - 2 }, (_, i) => i + 2);
    const spatialCl = Array.from({ length: rank - 2 }, (_, i) => i + 1);
    if (x.layout === 'cf' && same(norm, spatialCf)) return this.globalPool(x, n.outputs[0], keepDims);
    // Keras's GlobalAveragePooling2D through tf2onnx: a mean over the spatial axes of a channels-last tensor.
    if (x.layout === 'plain' && rank >= 3 && !keepDims && same(norm, spatialCl)) return this.globalPool({ ...x, layout: 'cf' }, n.outputs[0], false);
    this.fail(`a mean over axes [${axes.join(', ')}] is not a global average pooling over the spatial axes`);
  }

  private batchNorm(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    if (this.attr('training_mode', 0)) this.fail('runs in training mode; export the model in eval mode');
    if (x.layout !== 'cf' && !(x.layout === 'plain' && x.shape.length === 1)) this.fail('LayerLab normalises channels-first tensors or [batch, features] over the channel axis');
    const [gamma, beta, mean, variance] = ['scale', 'bias', 'mean', 'var'].map((what, i) => this.weight(n.inputs[i + 1], what));
    const c = x.shape[x.shape.length - 1];
    if ([gamma, beta, mean, variance].some((w) => w.data.length !== c)) this.fail(`its statistics do not have ${c} values, one per channel`);
    const vec = (w: WeightArray) => arr(w.data, [c]);
    const params = { momentum: this.attr('momentum', 0.9), epsilon: this.attr('epsilon', 1e-5) };
    const id = this.emit('BatchNormalization', params, [x], { gamma: vec(gamma), beta: vec(beta), moving_mean: vec(mean), moving_variance: vec(variance) });
    this.set(n.outputs[0], { ...x, node: id, handle: 'out', fresh: false });
  }

  private layerNorm(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    const rank = x.shape.length + 1;
    const axis = this.attr('axis', -1);
    if ((axis + rank) % rank !== rank - 1 || x.layout !== 'plain') this.fail(`normalises from axis ${axis}; LayerLab's LayerNormalization normalises the last axis of a batch-first tensor`);
    const d = x.shape[x.shape.length - 1];
    const gamma = this.weight(n.inputs[1], 'scale');
    const beta = n.inputs[2] ? this.weight(n.inputs[2], 'bias') : arr(new Float32Array(d), [d]);
    if (gamma.data.length !== d || beta.data.length !== d) this.fail(`its scale and bias should have ${d} values`);
    const id = this.emit('LayerNormalization', { epsilon: this.attr('epsilon', 1e-5) }, [x], { gamma: arr(gamma.data, [d]), beta: arr(beta.data, [d]) });
    this.set(n.outputs[0], { ...x, node: id, handle: 'out', fresh: false });
  }

  private flatten(x: TensorVal, out: string): void {
    if (x.layout === 'tbf') this.fail('flattens a sequence-first tensor');
    if (x.shape.length === 1) return this.set(out, { ...x, layout: 'plain' });
    const id = this.emit('Flatten', {}, [x]);
    this.set(out, { kind: 'tensor', node: id, handle: 'out', shape: [prod(x.shape)], layout: 'plain', ...(x.layout === 'cf' ? { flatFrom: x.shape } : {}) });
  }

  private reshape(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    const target = this.ints(n.inputs[1]);
    if (!target) this.fail('its target shape is not known before running the model');
    const total = prod(x.shape);
    // The batch axis comes first: the batch size itself (null), or 0 (copy) or -1 with the rest fixed.
    const [first, ...rest] = target;
    if (!(first === null || first === 0 || (first === -1 && rest.every((d) => d !== null && d > 0)))) {
      this.fail(`reshapes to [${target.join(', ')}], which does not keep the batch axis (exported with a fixed batch size? use dynamic_axes)`);
    }
    const onnxSample = x.layout === 'cf' ? [x.shape[x.shape.length - 1], ...x.shape.slice(0, -1)] : x.shape;
    const sample = rest.map((d, i) => (d === 0 && this.attr('allowzero', 0) === 0 ? onnxSample[i] : d));
    if (sample.some((d) => d === null) || sample.filter((d) => d === -1).length > 1) this.fail(`reshapes to [${target.join(', ')}]`);
    const known = prod((sample as number[]).filter((d) => d !== -1));
    const dims = (sample as number[]).map((d) => (d === -1 ? total / known : d));
    if (prod(dims) !== total || dims.some((d) => !Number.isInteger(d) || d < 1)) this.fail(`cannot reshape [${onnxSample.join(', ')}] to [${sample.join(', ')}]`);
    if (dims.length === 1) return this.flatten(x, n.outputs[0]);
    if (x.layout !== 'plain') this.fail('reshapes a channels-first tensor to something other than a flat vector');
    if (same(dims, x.shape)) return this.set(n.outputs[0], x);
    const id = this.emit('Reshape', { targetShape: dims }, [x]);
    this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: dims, layout: 'plain' });
  }

  private transpose(n: OnnxNode): void {
    const x = this.tensor(n.inputs[0]);
    const perm = this.attr<number[]>('perm', []).join(',');
    if (x.shape.length === 2 && perm === '1,0,2' && x.layout !== 'cf') {
      // Batch-first <-> sequence-first, as torch writes around recurrent layers: the same LayerLab tensor.
      return this.set(n.outputs[0], { ...x, layout: x.layout === 'plain' ? 'tbf' : 'plain', fresh: false });
    }
    // tf2onnx (Keras) wraps channels-last convolutions in Transposes to and from ONNX's channels-first layout.
    const rank = x.shape.length + 1;
    const toChannelsFirst = rank === 4 ? '0,3,1,2' : '0,2,1';
    const toChannelsLast = rank === 4 ? '0,2,3,1' : '0,2,1';
    const feedsChannelOps = (this.ix.consumers.get(n.outputs[0]) ?? []).every((c) => CHANNEL_OPS.has(c.opType));
    if (x.layout === 'plain' && (rank === 4 || rank === 3) && perm === toChannelsFirst && (rank === 4 || feedsChannelOps)) {
      return this.set(n.outputs[0], { ...x, layout: 'cf', fresh: false });
    }
    if (x.layout === 'cf' && x.shape.length > 1 && perm === toChannelsLast) return this.set(n.outputs[0], { ...x, layout: 'plain', fresh: false });
    // A Conv1d's [N, C, L] straight to a recurrent layer's [L, N, C] (torch fuses .transpose(1, 2) with batch_first's), and back.
    if (x.layout === 'cf' && x.shape.length === 2 && perm === '2,0,1') return this.set(n.outputs[0], { ...x, layout: 'tbf', fresh: false });
    if (x.layout === 'tbf' && perm === '1,2,0') return this.set(n.outputs[0], { ...x, layout: 'cf', fresh: false });
    if (x.shape.length === 2 && perm === '0,2,1' && x.layout === 'plain') {
      const id = this.emit('Permute', { dims: [2, 1] }, [x]);
      return this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [x.shape[1], x.shape[0]], layout: 'plain' });
    }
    this.fail(`permutation [${perm}] of a ${x.layout} rank-${x.shape.length + 1} tensor has no LayerLab layer kind`);
  }

  private recurrent(n: OnnxNode): void {
    const kind = n.opType === 'RNN' ? 'SimpleRNN' : n.opType;
    const layoutAttr = this.attr('layout', 0);
    const x = this.tensor(n.inputs[0]);
    if (x.layout !== (layoutAttr === 0 ? 'tbf' : 'plain') || x.shape.length !== 2) this.fail(`expects a sequence ${layoutAttr === 0 ? '[T, N, F] (a Transpose of a batch-first input)' : '[N, T, F]'}`);
    if (this.attr('direction', 'forward') !== 'forward') this.fail(`direction '${String(n.attrs.get('direction'))}': LayerLab imports forward recurrent layers (a bidirectional one is not imported yet)`);
    if (n.inputs[4]) this.fail('has sequence_lens (packed sequences); LayerLab runs every sequence to its full length');
    for (const i of [5, 6]) {
      if (n.inputs[i] && this.val(n.inputs[i])?.kind !== 'zeros') this.fail('starts from a given initial state; LayerLab imports recurrent layers that start from zeros');
    }
    if (n.attrs.has('clip') || this.attr('input_forget', 0)) this.fail('clip or input_forget is set; LayerLab\'s cells do not have them');
    const hidden = this.attr('hidden_size', 0);
    const defaults: Record<string, string> = { LSTM: 'Sigmoid,Tanh,Tanh', GRU: 'Sigmoid,Tanh', RNN: 'Tanh' };
    const acts = this.attr<string[]>('activations', []).join(',');
    let activation = 'tanh';
    if (n.opType === 'RNN' && acts === 'Relu') activation = 'relu';
    else if (acts && acts !== defaults[n.opType]) this.fail(`activations ${acts}; LayerLab's ${kind} uses ${defaults[n.opType]}`);
    if (n.opType === 'GRU' && this.attr('linear_before_reset', 0)) {
      this.fail("linear_before_reset=1 (PyTorch's nn.GRU) applies the reset gate after the recurrent product; LayerLab's GRU (tfjs, like Keras with reset_after=False) applies it before, so the weights do not carry over");
    }
    const order = n.opType === 'LSTM' ? [0, 2, 3, 1] : n.opType === 'GRU' ? [0, 1, 2] : [0];
    const W = this.weight(n.inputs[1], 'W');
    const R = this.weight(n.inputs[2], 'R');
    const B = n.inputs[3] ? this.weight(n.inputs[3], 'B') : null;
    const F = x.shape[1];
    if (W.shape.join() !== `1,${order.length * hidden},${F}` || R.shape.join() !== `1,${order.length * hidden},${hidden}`) this.fail('its W or R does not fit hidden_size and the input');
    const used = (i: number) => !!n.outputs[i] && ((this.ix.consumers.get(n.outputs[i]) ?? []).length > 0 || this.ix.outputs.has(n.outputs[i]));
    const returnSequences = used(0);
    if (kind !== 'LSTM' && used(2)) this.fail('has a third output');
    const returnState = (returnSequences && used(1)) || used(2);
    const weights = { kernel: recurrentKernel(W, hidden, order), recurrent_kernel: recurrentKernel(R, hidden, order), bias: recurrentBias(B, hidden, order) };
    const id = this.emit(kind, { units: hidden, activation, returnSequences, returnState, useInitialState: false }, [x], weights);
    this.notes.push(`${n.name}: ${kind} (${id}) has one bias per gate where ONNX (and PyTorch) keep two; they are summed (same outputs, ${order.length * hidden} fewer parameters than the PyTorch model).`);
    n.outputs.forEach((o, part) => this.set(o, { kind: 'rnn', node: id, part: part as 0 | 1 | 2, steps: x.shape[0], hidden, batchAxis: layoutAttr === 0 ? 1 : 0, returnSequences }));
  }

  /** Squeeze / Gather of the single direction of a recurrent output: the LayerLab layer's out, h or c. */
  private rnnPart(n: OnnxNode, v: RnnVal): void {
    // Y is [T, 1, N, H] (layout 0) or [N, T, 1, H]; Y_h and Y_c are [1, N, H] or [N, 1, H].
    const dirAxis = v.part === 0 ? (v.batchAxis === 1 ? 1 : 2) : v.batchAxis === 1 ? 0 : 1;
    let ok = false;
    if (n.opType === 'Squeeze') {
      const axes = (n.inputs[1] ? this.ints(n.inputs[1]) : this.attr<number[] | null>('axes', null)) ?? [];
      ok = axes.length === 1 && axes[0] === dirAxis;
    } else if (n.opType === 'Gather') {
      const idx = this.ints(n.inputs[1]);
      ok = this.attr('axis', 0) === dirAxis && idx?.length === 1 && (idx[0] === 0 || idx[0] === -1) && this.ix.constOf(n.inputs[1])!.dims.length === 0;
    }
    if (!ok) this.fail(`reads the recurrent layer's output other than by dropping its direction axis ${dirAxis}`);
    if (v.part === 0) {
      this.set(n.outputs[0], { kind: 'tensor', node: v.node, handle: 'out', shape: [v.steps, v.hidden], layout: v.batchAxis === 1 ? 'tbf' : 'plain' });
    } else {
      const handle = v.part === 2 ? 'c' : v.returnSequences ? 'h' : 'out';
      this.set(n.outputs[0], { kind: 'tensor', node: v.node, handle, shape: [v.hidden], layout: 'plain' });
    }
  }

  /** x[:, t] of a sequence (torch's `y[:, -1]` after a recurrent layer): one step, a SelectStep layer. */
  private selectStep(n: OnnxNode, x: TensorVal): void {
    const index = this.ix.constOf(n.inputs[1]);
    const timeAxis = x.layout === 'tbf' ? 0 : 1;
    const step = index?.ints?.[0];
    if (x.shape.length !== 2 || x.layout === 'cf' || this.attr('axis', 0) !== timeAxis || !index || index.dims.length !== 0 || step === undefined) {
      this.fail('picks values other than one time step of a sequence; LayerLab imports Gather as x[:, t] of a [batch, time, features] tensor');
    }
    if (step >= x.shape[0] || step < -x.shape[0]) this.fail(`step ${step} is outside the ${x.shape[0]} steps`);
    const id = this.emit('SelectStep', { step }, [x]);
    this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [x.shape[1]], layout: 'plain' });
  }

  /** torch's shape arithmetic on integers (the batch size stays unknown), and zero initial states. */
  private shapeOp(n: OnnxNode): void {
    const first = this.val(n.inputs[0]);
    if (first?.kind === 'rnn' && (n.opType === 'Squeeze' || n.opType === 'Gather')) return this.rnnPart(n, first);
    if (first?.kind === 'tensor' && n.opType === 'Gather') return this.selectStep(n, first);
    const out = n.outputs[0];
    const ints = (i: number) => (n.inputs[i] ? this.ints(n.inputs[i]) : null);
    const result = ((): Val | null | undefined => {
      switch (n.opType) {
        case 'Shape': {
          const x = this.tensor(n.inputs[0]);
          const dims = x.layout === 'cf' ? [null, x.shape[x.shape.length - 1], ...x.shape.slice(0, -1)] : x.layout === 'tbf' ? [x.shape[0], null, ...x.shape.slice(1)] : [null, ...x.shape];
          const start = this.attr<number>('start', 0);
          const end = this.attr<number | null>('end', null);
          return { kind: 'shape', dims: dims.slice(start, end ?? undefined) };
        }
        case 'ConstantOfShape': {
          const value = this.ix.constOf(n.inputs[0]) ? null : n.attrs.get('value');
          const zero = !value || (typeof value === 'object' && 'floats' in value && [...(value.floats ?? value.ints ?? [])].every((v) => v === 0));
          return zero ? { kind: 'zeros' } : null;
        }
        case 'Expand': {
          const c = this.ix.constOf(n.inputs[0]);
          const v = this.val(n.inputs[0]);
          const zero = v?.kind === 'zeros' || (c && [...(c.floats ?? c.ints ?? [1])].every((x) => x === 0));
          return zero ? { kind: 'zeros' } : null;
        }
        case 'Gather': {
          if (this.ix.floatsOf(n.inputs[0])) this.fail('looks up rows of a weight table (an Embedding of token ids), which LayerLab does not import yet');
          const data = ints(0);
          const idx = ints(1);
          if (!data || !idx || idx.some((i) => i === null) || this.attr('axis', 0) !== 0) return null;
          return { kind: 'shape', dims: idx.map((i) => data[((i as number) + data.length) % data.length]) };
        }
        case 'Unsqueeze':
        case 'Squeeze':
        case 'Cast': {
          const data = ints(0);
          return data ? { kind: 'shape', dims: data } : null;
        }
        case 'Concat': {
          const parts = n.inputs.map((_, i) => ints(i));
          if (parts.some((p) => !p)) return this.concatTensors(n);
          return { kind: 'shape', dims: parts.flat() as (number | null)[] };
        }
        case 'Slice': {
          const data = ints(0);
          const [s, e] = [ints(1), ints(2)];
          if (!data || !s || !e || s.length !== 1 || e.length !== 1 || (n.inputs[3] && ints(3)?.[0] !== 0) || (n.inputs[4] && ints(4)?.[0] !== 1)) return null;
          return { kind: 'shape', dims: data.slice(Math.max(-data.length, s[0] ?? 0), Math.min(e[0] ?? data.length, data.length)) };
        }
        case 'Add':
        case 'Sub':
        case 'Mul':
        case 'Div': {
          const [a, b] = [ints(0), ints(1)];
          if (!a || !b || a.length !== b.length) return null;
          const f = { Add: (x: number, y: number) => x + y, Sub: (x: number, y: number) => x - y, Mul: (x: number, y: number) => x * y, Div: (x: number, y: number) => Math.trunc(x / y) }[n.opType];
          return { kind: 'shape', dims: a.map((x, i) => (x === null || b[i] === null ? null : f(x, b[i]))) };
        }
        default:
          return null;
      }
    })();
    if (result === undefined) return;
    if (!result) this.fail('is not shape arithmetic LayerLab can work out before running the model');
    this.set(out, result);
  }

  private concatTensors(n: OnnxNode): undefined {
    const xs = n.inputs.map((i) => this.tensor(i));
    const rank = xs[0].shape.length + 1;
    const axis = (this.attr('axis', 1) + rank) % rank;
    const layout = xs[0].layout;
    const lastAxis = layout === 'cf' ? axis === 1 : layout === 'plain' && axis === rank - 1;
    if (!lastAxis || xs.some((x) => x.layout !== layout || !same(x.shape.slice(0, -1), xs[0].shape.slice(0, -1)))) this.fail(`joins along axis ${axis}; LayerLab imports joins along the features / channels axis`);
    const id = this.emit('Concatenate', { axis: -1 }, xs);
    this.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [...xs[0].shape.slice(0, -1), xs.reduce((s, x) => s + x.shape[x.shape.length - 1], 0)], layout });
    return undefined;
  }
}

/** Inputs read as channels-first: those feeding convolutions directly, and 4-D ones unless a Transpose reads them
 * (tf2onnx's Keras models take channels-last images and transpose them). */
function channelsFirstInputs(ix: GraphIndex): Set<string> {
  const cf = (i: OnnxModel['inputs'][number]) => {
    const readers = ix.consumers.get(i.name) ?? [];
    return readers.some((c) => CHANNEL_OPS.has(c.opType)) || (i.dims.length === 4 && !readers.some((c) => c.opType === 'Transpose'));
  };
  return new Set(ix.model.inputs.filter(cf).map((i) => i.name));
}

export function importOnnxModel(model: OnnxModel, name: string): OnnxImport {
  const ix = indexGraph(model);
  const blocks = findEncoderBlocks(ix);
  const covered = new Set(blocks.flatMap((b) => [...b.covered]));
  const problem = unsupportedOps(model, covered);
  if (problem) throw new ImportError(problem);
  if (model.inputs.length === 0) throw new ImportError('The graph has no inputs');
  const m = new Mapper(ix);
  const cf = channelsFirstInputs(ix);
  model.inputs.forEach((input, i) => m.addInput(input, cf.has(input.name), i === 0 ? 'x' : `x${i + 1}`));
  const blockAt = new Map(blocks.map((b) => [[...b.covered].find((n) => n.outputs.includes(b.output))!, b]));
  for (const n of model.nodes) {
    const block = blockAt.get(n);
    if (block) m.addEncoderBlock(block, n.name.replace(/\/[^/]+$/, '') || n.name); // '/encoder/layers.0/norm2/...' -> encoder.layers.0
    else if (!covered.has(n)) m.map(n);
  }
  model.outputs.forEach((o, i) => m.addOutput(o, i));
  layoutByDepth(m.nodes, m.edges);
  const dataset = defaultDatasetConfig();
  const first = m.nodes.find((n) => n.kind === 'Input')!.params.shape as number[];
  dataset.representation = first.length === 3 ? 'image' : first.length === 2 ? 'matrix' : 'vector';
  // A graph id now, so the run holding the weights belongs to the graph the user sees (the Runs tab's "this graph").
  const fresh = { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, nodes: m.nodes, edges: m.edges, dataset, training: defaultTrainingConfig() } as GraphFile;
  const graph = checked(ensureGraphId(markForAutoLayout(fresh)));
  const inference = inferGraph(graph);
  if (inference.errors.length) {
    const e = inference.errors[0];
    throw new ImportError(`The imported graph does not check out at ${e.nodeId ?? 'the graph'}: ${e.message}`);
  }
  return { graph, weights: m.weights, notes: m.notes, producer: model.producer, opset: model.opset };
}

/** An .onnx file's bytes as a graph and its weights. */
export function importOnnx(bytes: Uint8Array, name: string): OnnxImport {
  return importOnnxModel(readOnnxModel(bytes), name);
}

export type { OnnxTensor };
