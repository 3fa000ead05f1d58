// The graph file: what is saved as *.layerlab.json and sent to the trainer.
// Versioned; shared/graph/validate.ts checks every file at the boundary and migrate.ts upgrades old ones.
import type { ParamValues } from '../layers/types';

export const GRAPH_FORMAT = 'layerlab-graph';
export const GRAPH_VERSION = 1;
export const GRAPH_FILE_EXTENSION = '.layerlab.json';

export interface GraphNode {
  id: string;
  /** LayerDef.kind, e.g. 'Dense'. */
  kind: string;
  /** Only the values the user set or the template chose; missing ones take the layer's defaults. */
  params: ParamValues;
  position: { x: number; y: number };
  /** Optional user label shown instead of the kind. */
  label?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  /** Output handle id on the source node (HandleSpec.id). */
  sourceHandle: string;
  target: string;
  /** Input handle id on the target node. */
  targetHandle: string;
}

export type Representation = 'vector' | 'matrix' | 'image' | 'sequence';
export type LabelEncoding = 'onehot' | 'int';
export type Normalization = 'none' | 'scale01' | 'standardize';

export interface DatasetConfig {
  /** Catalogue id, see shared/data/catalog.ts, e.g. 'mnist-bundled'. */
  id: string;
  /** How images are presented: 'vector' [784], 'matrix' [28, 28] (also a 28-step sequence), 'image' [28, 28, 1]. */
  representation: Representation;
  labels: LabelEncoding;
  normalization: Normalization;
  /** Fraction of the training split held out for validation (0 to 0.5). */
  validationSplit: number;
  /** Cap on training samples for quick runs; 0 = all. */
  limit: number;
  seed: number;
  /** Dataset-specific settings (file paths, task length, ...), described by the catalogue entry. */
  options?: Record<string, string | number | boolean>;
}

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamax' | 'rmsprop' | 'adagrad' | 'adadelta';
export type LossName =
  | 'categoricalCrossentropy'
  | 'sparseCategoricalCrossentropy'
  | 'binaryCrossentropy'
  | 'meanSquaredError'
  | 'meanAbsoluteError';
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** For 'momentum' / 'nesterov'. */
  momentum?: number;
  loss: LossName;
  /** Extra metrics; 'accuracy' is the usual one. */
  metrics: string[];
  backend: BackendChoice;
  seed?: number;
}

export interface GraphFile {
  format: typeof GRAPH_FORMAT;
  version: typeof GRAPH_VERSION;
  name: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  dataset: DatasetConfig;
  training: TrainingConfig;
  /** Free-form data other features keep with the file (experiments, groups, viewport). */
  extras?: Record<string, unknown>;
}
