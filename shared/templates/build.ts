// Helpers for writing templates as a chain of layers laid out left to right.
import { defaultDatasetConfig, defaultTrainingConfig } from '../graph/defaults';
import { GRAPH_FORMAT, GRAPH_VERSION, type DatasetConfig, type GraphEdge, type GraphFile, type GraphNode, type TrainingConfig } from '../graph/types';
import type { ParamValues } from '../layers/types';

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
