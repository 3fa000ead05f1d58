// The boundary check for graph files: parse text, recognise foreign files, upgrade old versions and
// validate every field against the schema and the layer definitions. The first problem is thrown as a
// GraphFileError naming where it is (e.g. "nodes[3].kind").
import { ALL_LAYERS, getLayerDef, inputHandles, outputHandles } from '../layers';
import type { LayerDef, ParamSpec, ParamValue, ParamValues } from '../layers/types';
import { findJsonSyntaxProblem, type JsonSyntaxProblem } from './json-position';
import { errorDetail, type ErrorCode, type ErrorDetail, type ErrorParams } from '../api';
import { migrateGraph, MigrationError } from './migrate';
import { oneLineTextProblem } from './text';
import { MAX_NODES, MAX_PROCS_PER_NODE, rendezvousProblem } from '../engines/pytorch-command';
import { graphTextSizeProblem, jsonTextDepthProblem } from './limits';
import {
  GRAPH_FORMAT,
  GRAPH_VERSION,
  type DatasetConfig,
  type GraphEdge,
  type GraphFile,
  type GraphNode,
  type TrainingConfig,
  type LrScheduleConfig,
  type EarlyStoppingConfig,
  type GradientClipConfig,
  type DiagnosticsConfig,
  type PytorchConfig,
} from './types';

export class GraphFileError extends Error {
  /** The problem as a code and parameters (errors:graph.*); without a specific code, 'graph.field' with the English detail. */
  public readonly errorDetail: ErrorDetail;
  constructor(
    /** Where the problem is, e.g. "nodes[3].kind"; '' for the file as a whole. */
    public readonly path: string,
    /** The problem without the path. */
    public readonly detail: string,
    code?: ErrorCode,
    params: ErrorParams = {},
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'GraphFileError';
    this.errorDetail = code ? errorDetail(code, { path, ...params }, this.message) : errorDetail('graph.field', { path, detail }, this.message);
  }
}

const JSON_PROBLEM_CODE = {
  truncated: 'graph.jsonTruncated',
  trailingComma: 'graph.jsonTrailingComma',
  singleQuote: 'graph.jsonSingleQuote',
  unexpected: 'graph.jsonUnexpected',
} as const satisfies Record<JsonSyntaxProblem['kind'], ErrorCode>;

type Obj = Record<string, unknown>;

const REPRESENTATIONS = ['vector', 'matrix', 'image', 'sequence'] as const;
const LABEL_ENCODINGS = ['onehot', 'int'] as const;
const NORMALIZATIONS = ['none', 'scale01', 'standardize'] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw', 'adamax', 'rmsprop', 'adagrad', 'adadelta'] as const;
const LR_SCHEDULES = ['none', 'step', 'exponential', 'cosine', 'plateau'] as const;
const EARLY_STOP_MONITORS = ['val_loss', 'val_acc', 'loss'] as const;
const LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
] as const;
const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
const ENGINES = ['tfjs', 'pytorch'] as const;
const TORCH_DEVICES = ['auto', 'cpu', 'cuda'] as const;

/** Parses and validates a graph file's text; old versions are upgraded. Throws GraphFileError. */
export function parseGraphFile(text: string): GraphFile {
  const raw = parseJson(text);
  checkHeader(raw);
  let current: Obj;
  try {
    current = migrateGraph(raw);
  } catch (err) {
    if (err instanceof MigrationError) throw new GraphFileError('version', err.message);
    throw err;
  }
  return validateGraph(current);
}

/** Stable text for saving: fixed key order, 2-space indent, trailing newline. */
export function serializeGraph(graph: GraphFile): string {
  const ordered = {
    format: graph.format,
    version: graph.version,
    name: graph.name,
    description: graph.description,
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      label: n.label,
      params: sortKeys(n.params),
      position: { x: n.position.x, y: n.position.y },
    })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      targetHandle: e.targetHandle,
    })),
    dataset: { ...graph.dataset, options: graph.dataset.options && sortKeys(graph.dataset.options) },
    training: graph.training,
    extras: graph.extras,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---------- text and header ----------

function parseJson(text: string): Obj {
  if (text.trim() === '') throw new GraphFileError('', 'the file is empty, not a LayerLab graph', 'graph.empty');
  // Size and depth first: parsing, validating and copying a 60 MB or 100,000-deep file is the danger.
  const tooBig = graphTextSizeProblem(text);
  if (tooBig) throw new GraphFileError('', `this file is too large for a LayerLab graph: ${tooBig}`, 'graph.tooLarge', { detail: tooBig });
  const tooDeep = jsonTextDepthProblem(text);
  if (tooDeep) throw new GraphFileError('', `this file is too deeply nested for a LayerLab graph: ${tooDeep}`, 'graph.tooDeep', { detail: tooDeep });
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw jsonError(body, (err as Error).message);
  }
  if (!isObj(value)) {
    const type = value === null ? 'null' : `a JSON ${Array.isArray(value) ? 'array' : typeof value}`;
    throw new GraphFileError('', `this is not a LayerLab graph file (it is ${type}, not an object)`, 'graph.notObject', { type });
  }
  return value;
}

/** Says what is wrong and where (line and column), falling back to the parser's own message. */
function jsonError(text: string, parserMessage: string): GraphFileError {
  const problem = findJsonSyntaxProblem(text);
  if (!problem) return new GraphFileError('', `not valid JSON: ${parserMessage}`, 'graph.invalidJson', { detail: parserMessage });
  const { line, column, char } = problem;
  return new GraphFileError('', `not valid JSON: ${problem.reason} at line ${line}, column ${column}`, JSON_PROBLEM_CODE[problem.kind], { line, column, char });
}

function checkHeader(raw: Obj): void {
  if (raw.format !== GRAPH_FORMAT) {
    if (typeof raw.format === 'string') {
      throw new GraphFileError('format', `this is not a LayerLab graph file: its format is '${raw.format}', expected '${GRAPH_FORMAT}'`, 'graph.wrongFormat', { format: raw.format, expected: GRAPH_FORMAT });
    }
    throw new GraphFileError('', `this is not a LayerLab graph file (${looksLike(raw)})`, 'graph.notLayerlab', { looksLike: looksLike(raw) });
  }
  const v = raw.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new GraphFileError('version', `must be a whole number from 1 to ${GRAPH_VERSION}, got ${show(v)}`);
  }
  if (v > GRAPH_VERSION) {
    throw new GraphFileError(
      'version',
      `this file was saved by a newer LayerLab (graph version ${v}); this version reads up to ${GRAPH_VERSION}. Update LayerLab to open it.`,
      'graph.newerVersion',
      { version: v, supported: GRAPH_VERSION },
    );
  }
}

/** A guess at what a foreign JSON file is, for the error message. */
function looksLike(raw: Obj): string {
  if ('modelTopology' in raw || 'weightsManifest' in raw) return 'it looks like a TensorFlow.js model.json; open the graph it was exported from, or import the model';
  if ('dependencies' in raw || 'devDependencies' in raw || ('name' in raw && 'scripts' in raw)) return 'it looks like an npm package.json';
  if ('compilerOptions' in raw) return 'it looks like a tsconfig.json';
  if ('cells' in raw && 'nbformat' in raw) return 'it looks like a Jupyter notebook';
  if ('class_name' in raw && 'config' in raw) return 'it looks like a Keras model config';
  if (Array.isArray(raw.nodes) && Array.isArray(raw.edges)) return `it has nodes and edges but no "format": "${GRAPH_FORMAT}" header`;
  return `there is no "format": "${GRAPH_FORMAT}" field`;
}

// ---------- the graph ----------

function validateGraph(raw: Obj): GraphFile {
  const name = raw.name;
  if (typeof name !== 'string') throw new GraphFileError('name', `must be a string, got ${show(name)}`);
  checkText(name, 'name', 'the graph name');
  if (raw.description !== undefined && typeof raw.description !== 'string') {
    throw new GraphFileError('description', `must be a string, got ${show(raw.description)}`);
  }
  if (raw.description !== undefined) checkText(raw.description as string, 'description', 'the description', true);
  if (!Array.isArray(raw.nodes)) throw new GraphFileError('nodes', `must be a list of nodes, got ${show(raw.nodes)}`);
  if (!Array.isArray(raw.edges)) throw new GraphFileError('edges', `must be a list of edges, got ${show(raw.edges)}`);
  if (raw.extras !== undefined && !isObj(raw.extras)) throw new GraphFileError('extras', `must be an object, got ${show(raw.extras)}`);

  const nodes = raw.nodes.map((n, i) => validateNode(n, `nodes[${i}]`));
  const firstAt = new Map<string, number>();
  nodes.forEach((n, i) => {
    const prev = firstAt.get(n.id);
    if (prev !== undefined) throw new GraphFileError(`nodes[${i}].id`, `duplicate node id '${n.id}' (also used by nodes[${prev}])`, 'graph.duplicateNodeId', { id: n.id });
    firstAt.set(n.id, i);
  });
  const edges = validateEdges(raw.edges, nodes);

  const graph: GraphFile = {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name,
    nodes,
    edges,
    dataset: validateDataset(raw.dataset, 'dataset'),
    training: validateTraining(raw.training, 'training'),
  };
  if (raw.description !== undefined) graph.description = raw.description as string;
  if (raw.extras !== undefined) graph.extras = raw.extras as Obj;
  return graph;
}

function validateNode(raw: unknown, path: string): GraphNode {
  if (!isObj(raw)) throw new GraphFileError(path, `must be a node object, got ${show(raw)}`);
  const id = raw.id;
  if (typeof id !== 'string' || id === '') throw new GraphFileError(`${path}.id`, `must be a non-empty string, got ${show(id)}`);
  checkText(id, `${path}.id`, `the node id ${show(id)}`);
  const kind = raw.kind;
  if (typeof kind !== 'string') throw new GraphFileError(`${path}.kind`, `must be a layer kind name, got ${show(kind)}`);
  const def = getLayerDef(kind);
  if (!def) {
    const near = closest(kind, ALL_LAYERS.map((d) => d.kind));
    const message = `unknown layer kind '${kind}'${near ? ` (did you mean '${near}'?)` : ''}`;
    throw new GraphFileError(`${path}.kind`, message, near ? 'graph.unknownKindNear' : 'graph.unknownKind', near ? { kind, near } : { kind });
  }
  const params = raw.params === undefined ? {} : raw.params;
  if (!isObj(params)) throw new GraphFileError(`${path}.params`, `must be an object of parameter values, got ${show(params)}`);
  // No position at all is fine (a hand-written or generated file): the app lays such a graph out when it
  // opens it (every node starts at the origin, so they overlap).
  const pos = raw.position === undefined ? { x: 0, y: 0 } : raw.position;
  if (!isObj(pos) || !isFiniteNumber(pos.x) || !isFiniteNumber(pos.y)) {
    throw new GraphFileError(`${path}.position`, `must be {"x": number, "y": number}, got ${show(pos)}`);
  }
  if (raw.label !== undefined && typeof raw.label !== 'string') throw new GraphFileError(`${path}.label`, `must be a string, got ${show(raw.label)}`);
  if (raw.label !== undefined) checkText(raw.label as string, `${path}.label`, `the label of node '${id}'`);
  const node: GraphNode = { id, kind, params: validateParams(def, params, `${path}.params`), position: { x: pos.x, y: pos.y } };
  if (raw.label !== undefined) node.label = raw.label as string;
  return node;
}

function validateParams(def: LayerDef, raw: Obj, path: string): ParamValues {
  const specs = def.params as Record<string, ParamSpec>;
  const out: ParamValues = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = specs[key];
    if (!spec) {
      const names = Object.keys(specs);
      const near = closest(key, names);
      const hint = near ? ` (did you mean '${near}'?)` : names.length ? ` (it has ${names.join(', ')})` : ' (it has none)';
      throw new GraphFileError(`${path}.${key}`, `${def.kind} has no parameter '${key}'${hint}`, 'graph.unknownParam', { kind: def.kind, param: key });
    }
    const problem = checkParam(spec, value);
    if (problem) throw new GraphFileError(`${path}.${key}`, problem);
    if (typeof value === 'string') checkText(value, `${path}.${key}`, `the ${def.kind} parameter '${key}'`);
    out[key] = Array.isArray(value) ? [...value] : (value as ParamValue);
  }
  return out;
}

/** Why `value` does not fit `spec`, or null when it does. */
export function checkParam(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (!isFiniteNumber(value)) return `must be a number, got ${show(value)}`;
      if (spec.type === 'int' && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      return rangeProblem(value, spec.min, spec.max);
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `must be true or false, got ${show(value)}`;
    case 'string':
      return typeof value === 'string' ? null : `must be a string, got ${show(value)}`;
    case 'node':
      // Which node it names is checked by inference (it may be deleted later); here only that it is an id.
      return typeof value === 'string' ? null : `must be a node id (a string), got ${show(value)}`;
    case 'enum': {
      if (typeof value === 'string' && spec.options.includes(value)) return null;
      const near = typeof value === 'string' ? closest(value, spec.options) : null;
      return `must be one of ${spec.options.join(', ')}; got ${show(value)}${near ? ` (did you mean '${near}'?)` : ''}`;
    }
    case 'shape': {
      if (!Array.isArray(value)) return `must be a list of sizes like [28, 28, 1], got ${show(value)}`;
      const inferred = value.filter((d) => d === -1).length;
      const bad = value.find((d) => !(Number.isInteger(d) && (d >= 1 || (d === -1 && spec.allowInferredDim))));
      if (bad !== undefined) {
        return `sizes must be whole numbers of at least 1${spec.allowInferredDim ? ' (or one -1)' : ''}, got ${show(bad)} in ${show(value)}`;
      }
      if (inferred > 1) return `only one size can be -1, got ${show(value)}`;
      if (spec.minLength !== undefined && value.length < spec.minLength) return `needs at least ${spec.minLength} entries, got ${show(value)}`;
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `allows at most ${spec.maxLength} entries, got ${show(value)}`;
      return null;
    }
  }
}

function rangeProblem(value: number, min?: number, max?: number): string | null {
  if (min !== undefined && value < min) return `must be at least ${min}, got ${value}`;
  if (max !== undefined && value > max) return `must be at most ${max}, got ${value}`;
  return null;
}

function validateEdges(rawEdges: unknown[], nodes: GraphNode[]): GraphEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edgeAt = new Map<string, number>();
  /** "node\u0000handle" of single-edge input handles already fed, with the edge index. */
  const fed = new Map<string, number>();
  return rawEdges.map((raw, i) => {
    const path = `edges[${i}]`;
    if (!isObj(raw)) throw new GraphFileError(path, `must be an edge object, got ${show(raw)}`);
    for (const key of ['id', 'source', 'sourceHandle', 'target', 'targetHandle'] as const) {
      if (typeof raw[key] !== 'string' || raw[key] === '') throw new GraphFileError(`${path}.${key}`, `must be a non-empty string, got ${show(raw[key])}`);
      checkText(raw[key] as string, `${path}.${key}`, `the edge's ${key}`);
    }
    const edge = raw as unknown as GraphEdge;
    const prev = edgeAt.get(edge.id);
    if (prev !== undefined) throw new GraphFileError(`${path}.id`, `duplicate edge id '${edge.id}' (also used by edges[${prev}])`);
    edgeAt.set(edge.id, i);

    const source = byId.get(edge.source);
    if (!source) throw new GraphFileError(`${path}.source`, `points to node '${edge.source}', which is not in the graph`, 'graph.edgeMissingNode', { node: edge.source });
    const target = byId.get(edge.target);
    if (!target) throw new GraphFileError(`${path}.target`, `points to node '${edge.target}', which is not in the graph`, 'graph.edgeMissingNode', { node: edge.target });
    if (edge.source === edge.target) throw new GraphFileError(path, `connects node '${edge.source}' to itself`);

    const sourceDef = getLayerDef(source.kind)!;
    const outs = outputHandles(sourceDef, source.params);
    if (!outs.some((h) => h.id === edge.sourceHandle)) {
      throw new GraphFileError(`${path}.sourceHandle`, `${source.kind} node '${source.id}' has no output '${edge.sourceHandle}' (${handleList(outs, 'outputs')})`);
    }
    const targetDef = getLayerDef(target.kind)!;
    const ins = inputHandles(targetDef, target.params);
    const handle = ins.find((h) => h.id === edge.targetHandle);
    if (!handle) {
      throw new GraphFileError(`${path}.targetHandle`, `${target.kind} node '${target.id}' has no input '${edge.targetHandle}' (${handleList(ins, 'inputs')})`);
    }
    if (!handle.multiple) {
      const key = `${target.id}\u0000${handle.id}`;
      const other = fed.get(key);
      if (other !== undefined) {
        throw new GraphFileError(path, `input '${handle.id}' of ${target.kind} node '${target.id}' takes one edge but edges[${other}] already feeds it`);
      }
      fed.set(key, i);
    }
    return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target, targetHandle: edge.targetHandle };
  });
}

function handleList(handles: { id: string }[], what: string): string {
  return handles.length ? `its ${what}: ${handles.map((h) => `'${h.id}'`).join(', ')}` : `it has no ${what}`;
}

// ---------- dataset and training settings ----------

function validateDataset(raw: unknown, path: string): DatasetConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the dataset settings object, got ${show(raw)}`);
  const f = fields(raw, path);
  const config: DatasetConfig = {
    id: f.string('id'),
    representation: f.oneOf('representation', REPRESENTATIONS),
    labels: f.oneOf('labels', LABEL_ENCODINGS),
    normalization: f.oneOf('normalization', NORMALIZATIONS),
    validationSplit: f.number('validationSplit', 0, 0.5),
    limit: f.int('limit', 0),
    seed: f.int('seed'),
  };
  if (raw.options !== undefined) {
    if (!isObj(raw.options)) throw new GraphFileError(`${path}.options`, `must be an object, got ${show(raw.options)}`);
    for (const [key, v] of Object.entries(raw.options)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) {
        throw new GraphFileError(`${path}.options.${key}`, `must be a string, number or true/false, got ${show(v)}`);
      }
      checkText(key, `${path}.options`, `the dataset option name ${show(key)}`);
      if (typeof v === 'string') checkText(v, `${path}.options.${key}`, `the dataset option '${key}'`);
    }
    config.options = { ...(raw.options as Record<string, string | number | boolean>) };
  }
  return config;
}

function validateTraining(raw: unknown, path: string): TrainingConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the training settings object, got ${show(raw)}`);
  const f = fields(raw, path);
  const config: TrainingConfig = {
    epochs: f.int('epochs', 1, 100_000),
    batchSize: f.int('batchSize', 1, 65_536),
    optimizer: f.oneOf('optimizer', OPTIMIZERS),
    learningRate: f.positive('learningRate', 10),
    loss: f.oneOf('loss', LOSSES),
    metrics: f.stringList('metrics'),
    backend: f.oneOf('backend', BACKENDS),
  };
  if (raw.momentum !== undefined) config.momentum = f.number('momentum', 0, 1);
  if (raw.seed !== undefined) config.seed = f.int('seed');
  if (raw.lrSchedule !== undefined) config.lrSchedule = validateLrSchedule(raw.lrSchedule, `${path}.lrSchedule`);
  if (raw.earlyStopping !== undefined) config.earlyStopping = validateEarlyStopping(raw.earlyStopping, `${path}.earlyStopping`);
  if (raw.gradientClip !== undefined) config.gradientClip = validateGradientClip(raw.gradientClip, `${path}.gradientClip`);
  if (raw.weightDecay !== undefined) config.weightDecay = f.number('weightDecay', 0, 1);
  if (raw.engine !== undefined) config.engine = f.oneOf('engine', ENGINES);
  if (raw.pytorch !== undefined) config.pytorch = validatePytorch(raw.pytorch, `${path}.pytorch`);
  if (raw.diagnostics !== undefined) config.diagnostics = validateDiagnostics(raw.diagnostics, `${path}.diagnostics`);
  return config;
}

function validateDiagnostics(raw: unknown, path: string): DiagnosticsConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the diagnostics settings object, got ${show(raw)}`);
  const f = fields(raw, path);
  if (typeof raw.record !== 'boolean') throw new GraphFileError(`${path}.record`, `must be true or false, got ${show(raw.record)}`);
  const config: DiagnosticsConfig = { record: raw.record };
  if (raw.everyBatches !== undefined) config.everyBatches = f.int('everyBatches', 1, 100_000);
  return config;
}

function validatePytorch(raw: unknown, path: string): PytorchConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the PyTorch engine settings object, got ${show(raw)}`);
  const f = fields(raw, path);
  const config: PytorchConfig = {};
  if (raw.device !== undefined) config.device = f.oneOf('device', TORCH_DEVICES);
  if (raw.procsPerNode !== undefined) config.procsPerNode = f.int('procsPerNode', 1, MAX_PROCS_PER_NODE);
  if (raw.nodes !== undefined) config.nodes = f.int('nodes', 1, MAX_NODES);
  if (raw.rendezvous !== undefined) {
    const problem = typeof raw.rendezvous === 'string' ? rendezvousProblem(raw.rendezvous) : `must be text like 10.0.0.5:29500, got ${show(raw.rendezvous)}`;
    if (problem) throw new GraphFileError(`${path}.rendezvous`, problem);
    config.rendezvous = raw.rendezvous as string;
  }
  return config;
}

function validateLrSchedule(raw: unknown, path: string): LrScheduleConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the learning-rate schedule object, got ${show(raw)}`);
  const f = fields(raw, path);
  const config: LrScheduleConfig = { type: f.oneOf('type', LR_SCHEDULES) };
  if (raw.stepEpochs !== undefined) config.stepEpochs = f.int('stepEpochs', 1, 100_000);
  if (raw.gamma !== undefined) config.gamma = f.positive('gamma', 1);
  if (raw.minLr !== undefined) config.minLr = f.number('minLr', 0, 10);
  if (raw.patience !== undefined) config.patience = f.int('patience', 0, 100_000);
  if (raw.factor !== undefined) {
    config.factor = f.positive('factor', 1);
    if (config.factor >= 1) throw new GraphFileError(`${path}.factor`, `must be below 1 (it shrinks the learning rate), got ${config.factor}`);
  }
  return config;
}

function validateEarlyStopping(raw: unknown, path: string): EarlyStoppingConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the early-stopping object, got ${show(raw)}`);
  const f = fields(raw, path);
  const config: EarlyStoppingConfig = { monitor: f.oneOf('monitor', EARLY_STOP_MONITORS), patience: f.int('patience', 0, 100_000) };
  if (raw.minDelta !== undefined) config.minDelta = f.number('minDelta', 0);
  if (raw.restoreBest !== undefined) {
    if (typeof raw.restoreBest !== 'boolean') throw new GraphFileError(`${path}.restoreBest`, `must be true or false, got ${show(raw.restoreBest)}`);
    config.restoreBest = raw.restoreBest;
  }
  return config;
}

function validateGradientClip(raw: unknown, path: string): GradientClipConfig {
  if (!isObj(raw)) throw new GraphFileError(path, `must be the gradient-clipping object, got ${show(raw)}`);
  const f = fields(raw, path);
  const config: GradientClipConfig = {};
  if (raw.clipNorm !== undefined) config.clipNorm = f.positive('clipNorm');
  if (raw.clipValue !== undefined) config.clipValue = f.positive('clipValue');
  return config;
}

/** Typed field readers that throw GraphFileError at `path.key`. */
function fields(raw: Obj, path: string) {
  const fail = (key: string, problem: string): never => {
    throw new GraphFileError(`${path}.${key}`, problem);
  };
  const number = (key: string, min?: number, max?: number): number => {
    const v = raw[key];
    if (!isFiniteNumber(v)) return fail(key, `must be a number, got ${show(v)}`);
    const problem = rangeProblem(v, min, max);
    return problem ? fail(key, problem) : v;
  };
  return {
    number,
    positive(key: string, max?: number): number {
      const v = number(key, undefined, max);
      return v > 0 ? v : fail(key, `must be greater than 0, got ${v}`);
    },
    int(key: string, min?: number, max?: number): number {
      const v = number(key, min, max);
      return Number.isInteger(v) ? v : fail(key, `must be a whole number, got ${v}`);
    },
    string(key: string): string {
      const v = raw[key];
      if (typeof v !== 'string' || v === '') return fail(key, `must be a non-empty string, got ${show(v)}`);
      checkText(v, `${path}.${key}`, `'${key}'`);
      return v;
    },
    oneOf<T extends string>(key: string, options: readonly T[]): T {
      const v = raw[key];
      if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
      const near = typeof v === 'string' ? closest(v, options) : null;
      return fail(key, `must be one of ${options.join(', ')}; got ${show(v)}${near ? ` (did you mean '${near}'?)` : ''}`);
    },
    stringList(key: string): string[] {
      const v = raw[key];
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) return fail(key, `must be a list of strings, got ${show(v)}`);
      (v as string[]).forEach((s, i) => checkText(s, `${path}.${key}[${i}]`, `'${key}' entry ${i + 1}`));
      return [...(v as string[])];
    },
  };
}

// ---------- small helpers ----------

/**
 * Text that reaches terminals, exported code and the canvas must be one line of visible text (a description
 * may have line breaks): a shared file with a line break in a label could otherwise hide code in an export.
 */
function checkText(text: string, path: string, what: string, allowLineBreaks = false): void {
  const problem = oneLineTextProblem(text, allowLineBreaks);
  if (problem) throw new GraphFileError(path, `${what} ${problem}`);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A short rendering of a value for messages. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  // JSON reads 1e999 as Infinity, which JSON.stringify would show as null.
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v}, which is not a finite number`;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The candidate nearest to `word` (case-insensitive edit distance), or null when none is close. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
