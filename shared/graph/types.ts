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

export type OptimizerName =
  | 'sgd'
  | 'momentum'
  | 'nesterov'
  | 'adam'
  | 'adamw'
  | 'adamax'
  | 'rmsprop'
  | 'adagrad'
  | 'adadelta';
export type LossName =
  | 'categoricalCrossentropy'
  | 'sparseCategoricalCrossentropy'
  | 'binaryCrossentropy'
  | 'meanSquaredError'
  | 'meanAbsoluteError';
export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
/** What trains a run: TensorFlow.js in LayerLab's worker (default) or the exported PyTorch script. */
export type EngineName = 'tfjs' | 'pytorch';
export type TorchDevice = 'auto' | 'cpu' | 'cuda';

/** How the PyTorch engine starts its processes (shared/engines/pytorch-command.ts writes the command). */
export interface PytorchConfig {
  /** 'auto' (default): CUDA when torch sees a GPU, else the CPU. */
  device?: TorchDevice;
  /** Processes on each machine (torchrun --nproc_per_node); default 1. */
  procsPerNode?: number;
  /** Machines taking part (torchrun --nnodes); default 1. This one is node 0, the others run the shown command. */
  nodes?: number;
  /** host:port where every machine reaches node 0 (torchrun --master_addr, --master_port); default 127.0.0.1:29500. */
  rendezvous?: string;
}

export type LrScheduleType = 'none' | 'step' | 'exponential' | 'cosine' | 'plateau';

/** Learning rate per epoch; the base rate is TrainingConfig.learningRate. Unused fields are ignored. */
export interface LrScheduleConfig {
  type: LrScheduleType;
  /** 'step': multiply by gamma every stepEpochs epochs (default 10). */
  stepEpochs?: number;
  /** 'step' / 'exponential': the factor (default 0.1 for step, 0.95 for exponential). */
  gamma?: number;
  /** 'cosine' / 'plateau': the floor (default 0). */
  minLr?: number;
  /** 'plateau': epochs without improvement of val_loss (loss without validation) before reducing (default 5). */
  patience?: number;
  /** 'plateau': multiply by this on a plateau (default 0.1). */
  factor?: number;
}

export type EarlyStoppingMonitor = 'val_loss' | 'val_acc' | 'loss';

export interface EarlyStoppingConfig {
  monitor: EarlyStoppingMonitor;
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Put the best epoch's weights back when training ends (default true). */
  restoreBest?: boolean;
}

/** Gradient clipping before the optimizer step; either or both. */
export interface GradientClipConfig {
  /** Scale all gradients together so their global L2 norm is at most this. */
  clipNorm?: number;
  /** Clip every gradient element to [-clipValue, clipValue]. */
  clipValue?: number;
}

/** What training records beyond the loss (absent = DEFAULT_DIAGNOSTICS: on). */
export interface DiagnosticsConfig {
  /** Per-layer gradient and weight norms, and per-epoch histograms, dead ReLUs and input gradients per time step. */
  record: boolean;
  /** Norms every this many batches (default 10): each recorded batch costs a few reductions over the weights. */
  everyBatches?: number;
}

export const DEFAULT_DIAGNOSTICS_EVERY = 10;

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
  /** Shuffle order and weight initialisation (default: the dataset seed). */
  seed?: number;
  /** Learning-rate schedule; absent = constant. */
  lrSchedule?: LrScheduleConfig;
  /** Absent = train all epochs. */
  earlyStopping?: EarlyStoppingConfig;
  /** Absent = no clipping. */
  gradientClip?: GradientClipConfig;
  /** 'adamw' only: decoupled weight decay (default 0.01). */
  weightDecay?: number;
  /** Absent = 'tfjs'. */
  engine?: EngineName;
  /** PyTorch engine settings (used when engine is 'pytorch'). */
  pytorch?: PytorchConfig;
  /** Training diagnostics; absent = recorded every DEFAULT_DIAGNOSTICS_EVERY batches. */
  diagnostics?: DiagnosticsConfig;
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
