// The graph as code generators see it: nodes in execution order with complete params, inferred input and
// output shapes, Python variable names for every output, and which upstream outputs feed each input.
// Shared by the PyTorch and Keras generators.
import type { GraphFile, GraphNode } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import type { HandleSpec, LayerDef, ParamValues, Shape } from '../../../shared/layers/types';
import { inferGraph, type GraphInference } from '../../../shared/infer';
import { resolveWiring } from '../../../shared/graph/wiring';
import { nodeLinks } from '../../../shared/graph/links';
import { pyComment, pyString } from './escape';

export class ExportError extends Error {
  constructor(
    message: string,
    public readonly nodeId: string | null = null,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

export interface PlannedNode {
  node: GraphNode;
  def: LayerDef;
  params: ParamValues;
  /** Python identifier derived from the node id, unique in the graph. */
  name: string;
  inputHandles: HandleSpec[];
  /** Variables wired into each input handle (edge order), e.g. [['h_dense_1']]. */
  inputVars: string[][];
  /** Shapes (no batch axis) arriving at each input handle. */
  inputShapes: Shape[][];
  /** One variable per output handle. */
  outputVars: string[];
  outputShapes: Shape[];
  /** The planned node each NodeRefParam names, by parameter (a tied head's Embedding); planned earlier. */
  links: Record<string, PlannedNode>;
  /** Ids of the nodes that link to this one (the heads tied to an Embedding). */
  linkedBy: string[];
}

export interface GraphPlan {
  nodes: PlannedNode[];
  /** Input nodes, in execution order: the model's arguments. */
  inputs: PlannedNode[];
  /** Output nodes, in execution order: what the model returns. */
  outputs: PlannedNode[];
  inference: GraphInference;
}

const PY_KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global ' +
    'if import in is lambda nonlocal not or pass raise return try while with yield self x y nn F torch np tf keras layers')
    .split(' '),
);

/** A Python identifier for a node id: letters, digits and '_' only, never a keyword, never starting with a digit. */
export function pythonName(id: string, taken: Set<string>): string {
  let base = id.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '') || 'node';
  if (/^[0-9]/.test(base)) base = `n_${base}`;
  if (PY_KEYWORDS.has(base)) base = `${base}_`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

function nodeTitle(node: GraphNode): string {
  return `${node.label ?? node.kind} (${node.id})`;
}

/** The '# label (id)' line above a node's generated code; the label and id are escaped onto one line. */
export function nodeComment(node: GraphNode): string {
  return `# ${pyComment(node.label ?? node.kind)} (${pyComment(node.id)})`;
}

export function planGraph(graph: GraphFile, shapes?: DatasetShapes): GraphPlan {
  const inference = inferGraph(graph, shapes);
  const first = inference.errors[0];
  if (first) {
    const node = first.nodeId ? graph.nodes.find((n) => n.id === first.nodeId) : undefined;
    throw new ExportError(`${node ? `${nodeTitle(node)}: ` : ''}${first.message}`, first.nodeId);
  }
  const wiring = resolveWiring(graph);
  const taken = new Set<string>();
  const planned = new Map<string, PlannedNode>();
  const nodes: PlannedNode[] = [];
  const links = nodeLinks(graph);

  for (const id of inference.order) {
    const { node, def, params, inputs: ins, outputs: outs, incoming } = wiring.get(id)!;
    const name = pythonName(id, taken);
    const inputVars: string[][] = ins.map(() => []);
    const inputShapes: Shape[][] = ins.map(() => []);
    for (const w of incoming) {
      const source = planned.get(w.sourceId);
      if (w.slot < 0 || !source || w.outputIndex < 0) throw new ExportError(`Wire ${w.edgeId} into ${nodeTitle(node)} does not connect known handles`, id);
      inputVars[w.slot].push(source.outputVars[w.outputIndex]);
      inputShapes[w.slot].push(source.outputShapes[w.outputIndex]);
    }
    const outputShapes = inference.nodes[id].outputs.map((s) => s ?? []);
    const outputVars = outs.map((h, i) => (outs.length === 1 || i === 0 ? `h_${name}` : `h_${name}_${h.id}`));
    const linked = Object.fromEntries(links.filter((l) => l.from === id).map((l) => [l.param, planned.get(l.to)!]));
    const linkedBy = links.filter((l) => l.to === id).map((l) => l.from);
    const p: PlannedNode = { node, def: def!, params, name, inputHandles: ins, inputVars, inputShapes, outputVars, outputShapes, links: linked, linkedBy };
    planned.set(id, p);
    nodes.push(p);
  }
  return {
    nodes,
    inputs: nodes.filter((n) => n.node.kind === 'Input'),
    outputs: nodes.filter((n) => n.node.kind === 'Output'),
    inference,
  };
}

/** Python literal for a JS value (numbers, booleans, strings, arrays, plain objects). */
export function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : value < 0 ? "float('-inf')" : "float('nan')";
    return String(value);
  }
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${py(value[0])},)` : `(${value.map(py).join(', ')})`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyString(k)}: ${py(v)}`).join(', ')}}`;
  }
  throw new Error(`Cannot write ${typeof value} as Python`);
}
