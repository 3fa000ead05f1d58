// Helpers for writing templates as a chain of layers, or a branching graph. Their positions are only
// placeholders: the app lays every template out when it opens it (src-renderer/src/canvas/layout), so a
// template needs no columns or rows (giving them just keeps files saved without the app readable).
import { defaultDatasetConfig, defaultTrainingConfig } from '../graph/defaults';
import { GRAPH_FORMAT, GRAPH_VERSION, type DatasetConfig, type GraphEdge, type GraphFile, type GraphNode, type TrainingConfig } from '../graph/types';
import type { ParamValues } from '../layers/types';
import { recordBlock, type PerRepeatParam } from '../graph/repeat';

export interface ChainStep {
  id: string;
  kind: string;
  params?: ParamValues;
  label?: string;
}

/** Horizontal distance between consecutive nodes on the canvas. */
export const COLUMN_WIDTH = 240;

/** A graph whose nodes are connected one after another ('out' -> 'in'), placed left to right. */
export function chainGraph(opts: {
  name: string;
  description: string;
  steps: ChainStep[];
  dataset?: DatasetConfig;
  training?: TrainingConfig;
}): GraphFile {
  const nodes: GraphNode[] = opts.steps.map((s, i) => ({
    id: s.id,
    kind: s.kind,
    params: { ...(s.params ?? {}) },
    position: { x: i * COLUMN_WIDTH, y: 0 },
    ...(s.label ? { label: s.label } : {}),
  }));
  const edges: GraphEdge[] = opts.steps.slice(1).map((s, i) => ({
    id: `e_${opts.steps[i].id}-${s.id}`,
    source: opts.steps[i].id,
    sourceHandle: 'out',
    target: s.id,
    targetHandle: 'in',
  }));
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: opts.name,
    description: opts.description,
    nodes,
    edges,
    dataset: opts.dataset ?? defaultDatasetConfig(),
    training: opts.training ?? defaultTrainingConfig(),
  };
}

/** Vertical distance between rows of a branching graph. */
export const ROW_HEIGHT = 160;

export interface PlacedNode extends ChainStep {
  /** Optional column (left to right) and row (top to bottom) on a grid; default: the node's place in the list. */
  col?: number;
  row?: number;
}

/** A wire: [source, target] from 'out' to 'in', or with explicit handles. */
export type Wire = [source: string, target: string, sourceHandle?: string, targetHandle?: string];

/** A branching graph (several inputs, state wires, merges); nodes are ordered by column when given. */
export function gridGraph(opts: {
  name: string;
  description: string;
  nodes: PlacedNode[];
  wires: Wire[];
  dataset: DatasetConfig;
  training: TrainingConfig;
}): GraphFile {
  const ids = new Set(opts.nodes.map((n) => n.id));
  for (const [s, t] of opts.wires) {
    if (!ids.has(s) || !ids.has(t)) throw new Error(`Template '${opts.name}': wire ${s} -> ${t} names a missing node`);
  }
  const sorted = opts.nodes.map((n, i) => ({ ...n, col: n.col ?? i })).sort((a, b) => a.col - b.col);
  const nodes: GraphNode[] = sorted.map((s) => ({
    id: s.id,
    kind: s.kind,
    params: { ...(s.params ?? {}) },
    position: { x: s.col * COLUMN_WIDTH, y: (s.row ?? 0) * ROW_HEIGHT },
    ...(s.label ? { label: s.label } : {}),
  }));
  const edges: GraphEdge[] = opts.wires.map(([source, target, sourceHandle = 'out', targetHandle = 'in']) => ({
    id: `e_${source}.${sourceHandle}-${target}.${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  }));
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: opts.name,
    description: opts.description,
    nodes,
    edges,
    dataset: opts.dataset,
    training: opts.training,
  };
}

/** Dataset settings with the usual defaults filled in. */
export function datasetConfig(patch: Partial<DatasetConfig> & Pick<DatasetConfig, 'id'>): DatasetConfig {
  return { ...defaultDatasetConfig(), ...patch };
}

/** Training settings with the usual defaults filled in. */
export function trainingConfig(patch: Partial<TrainingConfig>): TrainingConfig {
  return { ...defaultTrainingConfig(), ...patch };
}

/** A run of identical blocks in a template, each chained after the one before (graph.extras.blocks). */
export interface TemplateBlock {
  /** Names the block without its count, e.g. 'TC 1: gated dense block'. */
  label: string;
  /** Node ids of every repeat, in the same order in each. */
  repeats: string[][];
  perRepeat?: PerRepeatParam;
}

/**
 * The graph with its repeated blocks recorded, so the canvas can show each one collapsed (its first repeat
 * with a ×N chip) when the whole graph would not read at a useful zoom. Nothing about the model changes.
 */
export function withRepeatedBlocks(graph: GraphFile, blocks: TemplateBlock[]): GraphFile {
  return blocks.reduce((g, b) => recordBlock(g, b.repeats, b.label, b.perRepeat ? { perRepeat: b.perRepeat } : {}), graph);
}
