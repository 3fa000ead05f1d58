// Opens a TensorFlow.js Layers model.json, or a Keras model JSON config (model.to_json()), as a LayerLab
// GraphFile: known layer classes map to LayerLab kinds, nodes are laid out left to right by depth, and an
// Output node is added for every model output. Unknown classes are refused with a message naming them.
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphEdge, type GraphFile, type GraphNode } from '../../shared/graph/types';
import { withFittingDataset } from './dataset-match';
import { defaultDatasetConfig, defaultTrainingConfig } from '../../shared/graph/defaults';
import type { ParamValues } from '../../shared/layers/types';
import { COLUMN_WIDTH } from '../../shared/templates/build';
import { markForAutoLayout } from '../../shared/graph/layout';
import { GraphFileError, parseGraphFile, serializeGraph } from '../../shared/graph/validate';
import { errorDetail, type ErrorDetail } from '../../shared/api';

export class ImportError extends Error {
  /** Unsupported ONNX operators have their own code; other problems are import.failed with the English text. */
  readonly errorDetail: ErrorDetail;
  constructor(message: string, detail?: ErrorDetail) {
    super(message);
    this.name = 'ImportError';
    this.errorDetail = detail ?? errorDetail('import.failed', { detail: message }, message);
  }
}

type Json = Record<string, unknown>;
/** A reference to another layer's output: layer name, node index, tensor index. */
type Ref = { layer: string; tensor: number };

interface LayerSpec {
  name: string;
  className: string;
  config: Json;
  inbound: Ref[];
}

const ROW_HEIGHT = 140;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A required number field of a layer's config: a finite number, else an ImportError naming the field. */
function numberField(c: Json, field: string, layer: string, fallback?: number): number {
  const v = c[field] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ImportError(`Layer '${layer}': ${field} should be a number, got ${shown(c[field])}`);
  return v;
}

/** A list-of-numbers field of a layer's config (target_shape, dims, kernel_size...). */
function numberList(v: unknown, field: string, layer: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || v.some((d) => typeof d !== 'number' || !Number.isFinite(d))) {
    throw new ImportError(`Layer '${layer}': ${field} should be a list of numbers, got ${shown(v)}`);
  }
  return v as number[];
}

const ACTIVATIONS: Record<string, string> = { hard_sigmoid: 'hardSigmoid', silu: 'swish' };
function activation(v: unknown): string {
  const name = typeof v === 'string' ? v : typeof v === 'object' && v ? String((v as Json).class_name ?? 'linear') : 'linear';
  return ACTIVATIONS[name] ?? name;
}

function single(v: unknown, what: string, layer: string): number {
  const list = numberList(Array.isArray(v) ? v : [v], what, layer);
  if (list.some((d) => d !== list[0])) throw new ImportError(`Layer '${layer}': ${what} ${JSON.stringify(v)} is not square; LayerLab layers use one size for every axis`);
  return list[0];
}

function sampleShape(config: Json, layer: string): number[] {
  const batch = (config.batch_input_shape ?? config.batch_shape) as (number | null)[] | undefined;
  if (!Array.isArray(batch)) throw new ImportError(`Input layer '${layer}' has no batch_input_shape`);
  const shape = batch.slice(1);
  if (shape.some((d) => d !== null && !(Number.isInteger(d) && d > 0))) {
    throw new ImportError(`Input layer '${layer}': batch_input_shape ${shown(batch)} should hold positive whole numbers (or null for the batch)`);
  }
  const unknown = shape.flatMap((d, axis) => (d === null ? [axis + 1] : []));
  if (unknown.length > 0) {
    // Axis numbers count the batch axis as 0, as Keras does; None is how Keras prints an unknown size.
    const shown = `[${['None', ...shape.map((d) => (d === null ? 'None' : String(d)))].join(', ')}]`;
    const axes = unknown.length === 1 ? `axis ${unknown[0]}` : `axes ${unknown.join(' and ')}`;
    throw new ImportError(
      `Input layer '${layer}' has an unknown size on ${axes} of its shape ${shown} (a variable length); LayerLab inputs need fixed sizes: give the model's Input a fixed shape before exporting it`,
    );
  }
  return shape as number[];
}

/** tfjs's GRU (and so LayerLab's) has one bias per gate; Keras's default reset_after=True has two, a different layer. */
function refuseResetAfterGru(config: Json, layer: string, where = 'GRU'): void {
  if (config.reset_after === true) {
    throw new ImportError(`Layer '${layer}': ${where} with reset_after=True (the Keras default) has two biases per gate; LayerLab's GRU (tfjs) uses reset_after=False`);
  }
}

/** LayerLab kind and params for one Keras layer class (InputLayer handled separately). */
function mapLayer(l: LayerSpec): { kind: string; params: ParamValues } {
  const c = l.config;
  const rnn = (kind: string) => {
    if (kind === 'GRU') refuseResetAfterGru(c, l.name);
    return { kind, params: { units: numberField(c, 'units', l.name), activation: activation(c.activation), returnSequences: !!c.return_sequences, returnState: !!c.return_state } };
  };
  switch (l.className) {
    case 'Dense':
      return { kind: 'Dense', params: { units: numberField(c, 'units', l.name), activation: activation(c.activation), useBias: c.use_bias !== false } };
    case 'Dropout':
      return { kind: 'Dropout', params: { rate: numberField(c, 'rate', l.name) } };
    case 'Flatten':
      return { kind: 'Flatten', params: {} };
    case 'Activation':
      return { kind: 'Activation', params: { activation: activation(c.activation) } };
    case 'Reshape':
      return { kind: 'Reshape', params: { targetShape: numberList(c.target_shape, 'target_shape', l.name) } };
    case 'Permute':
      return { kind: 'Permute', params: { dims: numberList(c.dims, 'dims', l.name) } };
    case 'BatchNormalization':
      return { kind: 'BatchNormalization', params: { momentum: numberField(c, 'momentum', l.name, 0.99), epsilon: numberField(c, 'epsilon', l.name, 0.001) } };
    case 'LayerNormalization':
      return { kind: 'LayerNormalization', params: { epsilon: numberField(c, 'epsilon', l.name, 0.001) } };
    case 'Add':
    case 'Multiply':
      return { kind: l.className, params: {} };
    case 'Concatenate':
      return { kind: 'Concatenate', params: { axis: numberField(c, 'axis', l.name, -1) } };
    case 'Conv2D':
    case 'Conv1D':
      return {
        kind: l.className,
        params: {
          filters: numberField(c, 'filters', l.name),
          kernelSize: single(c.kernel_size, 'kernel_size', l.name),
          strides: single(c.strides ?? 1, 'strides', l.name),
          padding: String(c.padding ?? 'valid'),
          dilationRate: single(c.dilation_rate ?? 1, 'dilation_rate', l.name),
          activation: activation(c.activation),
        },
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const pool = single(c.pool_size ?? 2, 'pool_size', l.name);
      const strides = c.strides == null ? pool : single(c.strides, 'strides', l.name);
      return { kind: l.className, params: { poolSize: pool, strides: strides === pool ? 0 : strides, padding: String(c.padding ?? 'valid') } };
    }
    case 'MaxPool2D':
    case 'AvgPool2D':
      return mapLayer({ ...l, className: l.className === 'MaxPool2D' ? 'MaxPooling2D' : 'AveragePooling2D' });
    case 'GlobalAveragePooling1D':
    case 'GlobalAveragePooling2D':
      return { kind: l.className, params: {} };
    case 'Embedding':
      return { kind: 'Embedding', params: { inputDim: numberField(c, 'input_dim', l.name), outputDim: numberField(c, 'output_dim', l.name), maskZero: !!c.mask_zero } };
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return rnn(l.className);
    case 'Bidirectional': {
      const inner = isObject(c.layer) ? c.layer : undefined;
      const cell = String(inner?.class_name ?? '');
      if (!['LSTM', 'GRU', 'SimpleRNN'].includes(cell)) throw new ImportError(`Layer '${l.name}': Bidirectional around '${cell}' is not supported (LSTM, GRU or SimpleRNN)`);
      const ic = isObject(inner!.config) ? inner!.config : {};
      if (cell === 'GRU') refuseResetAfterGru(ic, l.name, 'Bidirectional(GRU)');
      return { kind: 'Bidirectional', params: { cell, units: numberField(ic, 'units', l.name), mergeMode: String(c.merge_mode ?? 'concat'), returnSequences: !!ic.return_sequences } };
    }
    case 'RepeatVector':
      return { kind: 'RepeatVector', params: { n: numberField(c, 'n', l.name) } };
    case 'LayerLabSelectStep':
      return { kind: 'SelectStep', params: { step: numberField(c, 'step', l.name) } };
    case 'TimeDistributed': {
      const inner = isObject(c.layer) ? c.layer : undefined;
      if (inner?.class_name !== 'Dense') throw new ImportError(`Layer '${l.name}': TimeDistributed around '${String(inner?.class_name)}' is not supported (only Dense)`);
      const ic = isObject(inner.config) ? inner.config : {};
      return { kind: 'TimeDistributed', params: { units: numberField(ic, 'units', l.name), activation: activation(ic.activation) } };
    }
    default:
      throw new ImportError(`Layer '${l.name}' has class '${l.className}', which LayerLab cannot import (no matching layer kind)`);
  }
}

/** Inbound references from tfjs / Keras 2 ([[name, node, tensor, kwargs], ...]) or Keras 3 (keras_history) layouts. */
function inboundRefs(raw: unknown, layer: string): Ref[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ImportError(`Layer '${layer}': inbound_nodes should be a list, got ${shown(raw)}`);
  if (raw.length === 0) return [];
  if (raw.length > 1) throw new ImportError(`Layer '${layer}' is called more than once (shared layers); LayerLab graphs use each layer once`);
  const node: unknown = raw[0];
  if (!Array.isArray(node) && !isObject(node)) throw new ImportError(`Layer '${layer}': inbound_nodes[0] should be a list or an object, got ${shown(node)}`);
  const refs: Ref[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number') {
        refs.push({ layer: v[0], tensor: v[2] });
        return;
      }
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      const o = v as Json;
      const hist = (o.config as Json | undefined)?.keras_history;
      if (Array.isArray(hist)) refs.push({ layer: String(hist[0]), tensor: Number(hist[2] ?? 0) });
      else Object.values(o).forEach(visit);
    }
  };
  if (isObject(node)) visit(node.args);
  else node.forEach((entry) => (Array.isArray(entry) && typeof entry[0] === 'string' ? refs.push({ layer: entry[0], tensor: Number(entry[2] ?? 0) }) : visit(entry)));
  return refs;
}

function topologyOf(json: unknown): Json {
  const topo = isObject(json) ? (json.modelTopology ?? json) : undefined;
  const inner = isObject(topo) ? (topo.model_config ?? topo) : undefined; // tfjs nests Keras's {model_config, training_config} sometimes
  if (!isObject(inner) || typeof inner.class_name !== 'string' || !(isObject(inner.config) || Array.isArray(inner.config))) {
    throw new ImportError('Not a tfjs Layers model.json or Keras model config: no modelTopology / class_name + config');
  }
  return inner;
}

function readLayers(topo: Json): { layers: LayerSpec[]; outputs: Ref[] } {
  const cls = String(topo.class_name);
  const config = topo.config as Json | unknown[];
  const rawLayers: unknown = Array.isArray(config) ? config : config.layers;
  if (rawLayers !== undefined && !Array.isArray(rawLayers)) throw new ImportError(`config.layers should be a list of layers, got ${shown(rawLayers)}`);
  if (!rawLayers || rawLayers.length === 0) throw new ImportError('The model has no layers');
  const seen = new Set<string>();
  const layers: LayerSpec[] = rawLayers.map((r: unknown, i) => {
    if (!isObject(r)) throw new ImportError(`Layer ${i + 1} of config.layers should be an object with class_name and config, got ${shown(r)}`);
    if (typeof r.class_name !== 'string') throw new ImportError(`Layer ${i + 1} of config.layers has no class_name`);
    if (r.config !== undefined && !isObject(r.config)) throw new ImportError(`Layer ${i + 1} of config.layers: config should be an object, got ${shown(r.config)}`);
    const c = r.config ?? {};
    const name = String(r.name ?? c.name ?? `layer_${i}`);
    if (seen.has(name)) throw new ImportError(`Two layers are named '${name}'; layer names must be unique`);
    seen.add(name);
    return { name, className: r.class_name, config: c, inbound: [] };
  });
  if (cls === 'Sequential') {
    // A chain: each layer takes the previous; an InputLayer is made from the first layer's batch_input_shape.
    const chain: LayerSpec[] = [];
    if (layers[0].className !== 'InputLayer') {
      chain.push({ name: `${layers[0].name}_input`, className: 'InputLayer', config: layers[0].config, inbound: [] });
    }
    for (const l of layers) {
      if (chain.length) l.inbound = [{ layer: chain[chain.length - 1].name, tensor: 0 }];
      chain.push(l);
    }
    return { layers: chain, outputs: [{ layer: chain[chain.length - 1].name, tensor: 0 }] };
  }
  if (cls !== 'Model' && cls !== 'Functional') throw new ImportError(`Model class '${cls}' is not supported (Sequential, Model or Functional)`);
  rawLayers.forEach((r, i) => (layers[i].inbound = inboundRefs((r as Json).inbound_nodes, layers[i].name)));
  return { layers, outputs: outputRefs((config as Json).output_layers) };
}

/** output_layers: one [name, node, tensor] or a list of them (tfjs and Keras 2 write the list, Keras 3 may write one). */
function outputRefs(outs: unknown): Ref[] {
  if (outs === undefined) throw new ImportError('The model config has no output_layers (a Functional/Model config lists its outputs there)');
  const isRef = (o: unknown): o is unknown[] => Array.isArray(o) && typeof o[0] === 'string';
  const list = isRef(outs) ? [outs] : Array.isArray(outs) && outs.length > 0 && outs.every(isRef) ? outs : null;
  if (!list) throw new ImportError(`output_layers should be a list of [layer name, node index, tensor index], got ${shown(outs)}`);
  return list.map((o) => ({ layer: o[0] as string, tensor: Number(o[2] ?? 0) }));
}

export function importModelJson(text: string, name = 'Imported model'): GraphFile {
  return importModelJsonWithDataset(text, name).graph;
}

/** The graph, with the catalogue dataset that fits it, and the sentence saying which (or which shapes it needs). */
export function importModelJsonWithDataset(text: string, name = 'Imported model'): { graph: GraphFile; datasetNote: string } {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new ImportError(`Not valid JSON: ${(err as Error).message}`);
  }
  const { layers, outputs } = readLayers(topologyOf(json));
  const byName = new Map(layers.map((l) => [l.name, l]));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Map<string, string>();
  /** A layer name that stands for another (CausalPad1D is folded into the Conv1D it feeds). */
  const alias = new Map<string, Ref>();
  const causalPad = new Map<string, number>();
  let inputs = 0;

  const resolve = (ref: Ref): Ref => (alias.has(ref.layer) ? resolve(alias.get(ref.layer)!) : ref);
  const handleOf = (layer: string, tensor: number): string => {
    if (tensor === 0) return 'out';
    const kind = nodes.find((n) => n.id === ids.get(layer))?.kind;
    return kind === 'LSTM' ? (tensor === 1 ? 'h' : 'c') : 'h';
  };

  for (const l of layers) {
    for (const ref of l.inbound) if (!byName.has(ref.layer)) throw new ImportError(`Layer '${l.name}' reads from unknown layer '${ref.layer}'`);
    for (const ref of l.inbound) if (!ids.has(resolve(ref).layer)) throw new ImportError(`Layer '${l.name}' reads from layer '${ref.layer}', which is not listed before it`);
    if (l.className === 'CausalPad1D') {
      if (l.inbound.length !== 1) throw new ImportError(`Layer '${l.name}' (CausalPad1D) should read from exactly one layer`);
      alias.set(l.name, l.inbound[0]);
      causalPad.set(l.name, Number(l.config.padding ?? 0));
      continue;
    }
    let kind: string;
    let params: ParamValues;
    if (l.className === 'InputLayer') {
      const shape = sampleShape(l.config, l.name);
      inputs++;
      kind = 'Input';
      params = { feature: inputs === 1 ? 'x' : `x${inputs}`, shape };
    } else {
      ({ kind, params } = mapLayer(l));
    }
    if (kind === 'Conv1D' && l.inbound[0] && causalPad.has(l.inbound[0].layer)) params.padding = 'causal';
    const id = l.name.replace(/[^A-Za-z0-9_-]/g, '_');
    if (nodes.some((n) => n.id === id)) throw new ImportError(`Layer '${l.name}' gets the same node id '${id}' as another layer; rename one of them`);
    ids.set(l.name, id);
    const refs = l.inbound.map(resolve);
    if (['SimpleRNN', 'LSTM', 'GRU'].includes(kind) && refs.length > 1) params.useInitialState = true;
    nodes.push({ id, kind, params, position: { x: 0, y: 0 } });
    refs.forEach((ref, i) => {
      const isMerge = kind === 'Add' || kind === 'Multiply' || kind === 'Concatenate';
      const targetHandle = i === 0 || isMerge ? 'in' : kind === 'LSTM' ? (i === 1 ? 'h0' : 'c0') : 'h0';
      const source = ids.get(ref.layer)!;
      const sourceHandle = handleOf(ref.layer, ref.tensor);
      edges.push({ id: `e_${source}_${sourceHandle}-${id}_${targetHandle}_${i}`, source, sourceHandle, target: id, targetHandle });
    });
  }
  outputs.forEach((ref0, i) => {
    const ref = resolve(ref0);
    const id = `output${i === 0 ? '' : `_${i + 1}`}`;
    nodes.push({ id, kind: 'Output', params: { target: i === 0 ? 'y' : `y${i + 1}` }, position: { x: 0, y: 0 } });
    const source = ids.get(ref.layer);
    if (!source) throw new ImportError(`Model output '${ref.layer}' is not a layer of the model`);
    const sourceHandle = handleOf(ref.layer, ref.tensor);
    edges.push({ id: `e_${source}_${sourceHandle}-${id}`, source, sourceHandle, target: id, targetHandle: 'in' });
  });

  layout(nodes, edges);
  // The column positions are only a rough start: the app lays the graph out properly when it opens it.
  const graph = checked(markForAutoLayout({ format: GRAPH_FORMAT, version: GRAPH_VERSION, name, nodes, edges, dataset: defaultDatasetConfig(), training: defaultTrainingConfig() }));
  const { graph: withData, note } = withFittingDataset(graph);
  return { graph: withData, datasetNote: note };
}

/** The graph as the file validator sees it; a value it refuses (an unknown activation, an empty shape) is an ImportError naming the layer. */
export function checked(graph: GraphFile): GraphFile {
  try {
    parseGraphFile(serializeGraph(graph));
  } catch (err) {
    if (!(err instanceof GraphFileError)) throw err;
    const node = /^nodes\[(\d+)\]\.(.*)$/.exec(err.path);
    const where = node ? `Layer '${graph.nodes[Number(node[1])]?.id}' (${node[2]})` : err.path || 'The model';
    throw new ImportError(`${where}: ${err.detail}`);
  }
  return graph;
}

/** Left to right by depth (longest path from an input); nodes of one column stacked top to bottom. */
export function layout(nodes: GraphNode[], edges: GraphEdge[]): void {
  const depth = new Map<string, number>();
  for (const n of nodes) {
    // Nodes are in topological order (Keras lists layers after their inputs), so one pass suffices.
    const ins = edges.filter((e) => e.target === n.id).map((e) => depth.get(e.source) ?? 0);
    depth.set(n.id, ins.length ? Math.max(...ins) + 1 : 0);
  }
  const rows = new Map<number, number>();
  for (const n of nodes) {
    const d = depth.get(n.id)!;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    n.position = { x: d * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  }
}
