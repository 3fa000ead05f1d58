// Experiments: vary 1 to 3 hyperparameters (or node parameters) of a graph and run one training per
// combination. The definition lives in graph.extras.experiment so it is saved and shared with the file;
// results (ExperimentRecord) stay local in the app's data folder.
import type { EpochMetrics } from '../api';
import type { GraphFile } from '../graph/types';

/** A value a varied parameter takes: numbers for rates, sizes and units; strings for optimizer or loss. */
export type TrialValue = number | string | boolean;

export type RangeScale = 'linear' | 'log';

export interface ValueRange {
  min: number;
  max: number;
  /** Number of values (grid) taken from the range. Random mode samples anywhere in [min, max]. */
  count: number;
  scale: RangeScale;
}

/**
 * One varied parameter. `path` is 'training.learningRate', 'training.batchSize', 'training.optimizer',
 * 'training.momentum', 'training.loss', 'training.weightDecay', 'training.epochs',
 * 'dataset.validationSplit', 'nodes.<nodeId>.params.<param>' (e.g. 'nodes.dense1.params.units') or
 * 'blocks.<blockId>.times' (how many times a repeated block of graph.extras.blocks is chained, 1 to 64).
 * Give either `values` or `range`.
 */
export interface ExperimentParam {
  path: string;
  values?: TrialValue[];
  range?: ValueRange;
}

export type ExperimentMode = 'grid' | 'random';

export interface ExperimentDefinition {
  params: ExperimentParam[];
  mode: ExperimentMode;
  budget: {
    /** Every trial trains this many epochs (unless 'training.epochs' itself is varied). */
    epochsPerTrial: number;
    /** Upper bound on trials; a grid larger than this is refused, random mode samples this many. */
    maxTrials: number;
  };
  /** Random mode's sampling seed. */
  seed: number;
}

/** Where the definition is kept in GraphFile.extras. */
export const EXPERIMENT_EXTRAS_KEY = 'experiment';
/** Marker put into every trial's graph snapshot so a stored run says which experiment and trial it was. */
export const TRIAL_EXTRAS_KEY = 'experimentTrial';

export interface TrialSpec {
  index: number;
  /** path -> value for this trial. */
  values: Record<string, TrialValue>;
  graph: GraphFile;
}

// ---- results (kept by the main process, read by the renderer over the api) ----

export type ExperimentStatus = 'running' | 'paused' | 'completed' | 'canceled' | 'failed';
export type TrialStatus = 'queued' | 'running' | 'completed' | 'stopped' | 'failed' | 'canceled';

export interface TrialRecord {
  index: number;
  values: Record<string, TrialValue>;
  status: TrialStatus;
  runId?: string;
  final?: EpochMetrics | null;
  durationMs?: number;
  error?: string;
}

export interface ExperimentSummary {
  id: string;
  name: string;
  status: ExperimentStatus;
  startedAt: string;
  /** Varied parameter paths, in definition order. */
  params: string[];
  trialCount: number;
  finishedCount: number;
  /** Trial index with the lowest final validation loss (training loss when there is no validation). */
  bestTrial: number | null;
  /** The base graph's id (extras.graphId); absent for experiments from before graph ids. */
  graphId?: string;
}

export interface ExperimentRecord extends ExperimentSummary {
  definition: ExperimentDefinition;
  /** The graph the experiment started from (without trial values applied). */
  baseGraph: GraphFile;
  trials: TrialRecord[];
  /** Trial indices still waiting, in the order they will run (reorderExperiment changes it). */
  queue: number[];
}
