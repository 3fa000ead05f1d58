// The single contract between the renderer and main. Electron IPC (src-main/electron) and the
// WebSocket host (src-main/web) both bind exactly these methods and events to the same handlers
// (src-main/api-handlers.ts); a unit test fails if either misses one.
import type { GraphFile, TrainingConfig, DatasetConfig } from './graph/types';
import type { DatasetDescriptor, DatasetShapes } from './data/types';
import type { DatasetPreview } from './data/preview';
import type { DatasetDownloadProgress, DatasetStatus } from './data/downloads';
import type { ExperimentRecord, ExperimentSummary } from './experiments/types';
import type { TryInput } from './try-input';
import type { RunActivations, RunProjection } from './inspect';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this backend runs, and when it is not the native one, how to get it. */
  reason: string;
}

/** How a PyTorch-engine run trained (absent on a TensorFlow.js run). */
export interface RunEngine {
  name: 'pytorch';
  /** torch's device, e.g. 'cpu' or 'cuda:0'. */
  device: string;
  /** Processes in all (torchrun world size). */
  processes: number;
  /** torch's version. */
  torch: string;
}

/** Whether the PyTorch engine can be offered here, probed once per host start (and again when the path changes). */
export interface PytorchEngineInfo {
  available: boolean;
  /** The interpreter that was probed (the one that would run), or null when none was found. */
  python: string | null;
  /** Where that choice came from: the settings, the LAYERLAB_PYTHON variable, or a search of python3 and /usr/bin/python3. */
  source: 'settings' | 'LAYERLAB_PYTHON' | 'search';
  /** The path saved in the settings; null = search. */
  pythonSetting: string | null;
  torch?: string;
  /** e.g. "OpenBLAS (OpenBLAS 0.3.21 ...)", "the reference BLAS ..." */
  blas?: string;
  cudaDevices: string[];
  /** One line: torch version, BLAS, threads, CUDA devices; or what was tried. */
  summary: string;
  /** When not available: why, and how to get it. */
  reason?: string;
  /** Usable but worth knowing (a slow reference BLAS). */
  warnings: string[];
}

export interface EnginesInfo {
  pytorch: PytorchEngineInfo;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  /** The backend a training worker would pick on 'auto', probed at start-up. */
  backend: BackendInfo;
  platform: string;
  /** Where runs and caches live. */
  dataDir: string;
  /** The machine's memory in bytes (os.totalmem): the renderer warns before training a model that needs more. */
  memoryBytes: number;
}

// ---- training events (worker -> main -> renderer) ----

export interface BatchMetrics {
  loss: number;
  acc?: number;
  [metric: string]: number | undefined;
}

export interface EpochMetrics extends BatchMetrics {
  val_loss?: number;
  val_acc?: number;
  /** Learning rate used in this epoch (after the schedule). */
  lr?: number;
  /** Mean global gradient L2 norm before clipping (only when clipping is on). */
  grad_norm?: number;
}

// ---- evaluation after training ----

/** One prediction in the gallery (misclassified first). */
export interface GalleryItem {
  /** Row in the evaluated split. */
  index: number;
  /** Classification with one label per sample. */
  trueClass?: number;
  predictedClass?: number;
  /** Sequence outputs: one class per position. */
  trueTokens?: number[];
  predictedTokens?: number[];
  /** Probability of the predicted class (mean over positions for sequences). */
  confidence: number;
  correct: boolean;
  /** Image datasets: pixels 0..255, row-major H x W x C (EvaluationResult.image gives the size). */
  pixels?: number[];
}

/** Attention weights of one layer for a few samples: per sample, per head, [queries][keys]. */
export interface AttentionMaps {
  nodeId: string;
  layer: string;
  kind: 'Attention' | 'MultiHeadAttention';
  samples: { index: number; heads: number[][][] }[];
  /** Token ids of the sample's first input when it is a token sequence (axis labels). */
  tokens?: number[][];
}

/** Token and whole-sequence accuracy of one way of decoding. */
export interface DecodingScore {
  /** Correct output tokens / all output tokens. */
  tokenAccuracy: number;
  /** Sequences with every token correct / sequences. */
  sequenceAccuracy: number;
  samples: number;
}

/**
 * Teacher-forced vs free-running accuracy of an encoder-decoder. Teacher forcing feeds the decoder the TRUE previous
 * token (how it was trained); free-running feeds its own previous prediction (the only option at inference).
 */
export interface DecodingResult {
  teacherForced: DecodingScore;
  /** Greedy: the most probable token at each step, fed back. */
  greedy: DecodingScore;
  /** Beam search over the first samples (it costs `width` times greedy). */
  beam?: DecodingScore & { width: number };
  /** A few samples (misdecoded first): target, teacher-forced prediction, free-running prediction (token ids). */
  examples: { index: number; target: number[]; teacherForced: number[]; greedy: number[] }[];
}

export interface EvaluationResult {
  split: 'test' | 'validation';
  /** Samples evaluated (may be fewer than the split when a time limit cut it short, see notes). */
  samples: number;
  loss: number;
  /** Everything model.evaluate reports ('loss', 'acc', ...). */
  metrics: Record<string, number>;
  accuracy?: number;
  classification?: {
    classNames: string[];
    /** confusion[true][predicted]; its sum is the number of evaluated labels (samples x positions). */
    confusion: number[][];
    /** Correct / support per true class; null when the class never occurs. */
    perClassAccuracy: (number | null)[];
    support: number[];
  };
  gallery?: GalleryItem[];
  /** Size of GalleryItem.pixels. */
  image?: { height: number; width: number; channels: number };
  regression?: {
    /** Up to 200 samples in split order; first output value of each (the next step for forecasts). */
    pairs: { index: number; actual: number; predicted: number }[];
    mae: number;
    rmse: number;
    r2: number;
    outputsPerSample: number;
    /**
     * A per-step forecaster's real forecast (e.g. its last step's next value): the error of that one output
     * per sample, apart from the average over every step (which includes steps that see less of the past).
     */
    forecast?: { what: string; mse: number; mae: number; rmse: number };
  };
  /** Encoder-decoder models trained with teacher forcing: accuracy when the decoder is fed its own outputs. */
  decoding?: DecodingResult;
  attention?: AttentionMaps[];
  /** What was left out and why. */
  notes: string[];
  durationMs: number;
}

// ---- training diagnostics (TrainingConfig.diagnostics; computed in the training worker) ----

/** One layer's norms at one step; `node` is the graph node id (or the tfjs layer name when no node matches). */
export interface LayerNorm {
  node: string;
  /** L2 norm of the loss gradient over the layer's trainable weights, before any clipping. */
  gradNorm: number;
  /** L2 norm of the layer's trainable weights before the step. */
  weightNorm: number;
}

/** Equal-width bins from lo to hi. */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

/** Once per epoch, on a fixed probe batch of training samples. */
export interface EpochLayerStats {
  epoch: number;
  /** Trainable weights of each layer that has some. */
  weights: { node: string; histogram: Histogram }[];
  /** Outputs of each layer on the probe batch; deadFraction for ReLU layers: units that output 0 for every probe sample. */
  activations: { node: string; histogram: Histogram; deadFraction?: number }[];
  /**
   * Sequence models (one input [time, features]): mean over probe samples of ||dLoss / dx_t||, one per time step,
   * first step first. How much the loss still depends on early inputs (vanishing gradients).
   */
  inputGradient?: number[];
}

/** What a run recorded (RunRecord.diagnostics): norms thinned like the batch metrics. */
export interface RunDiagnostics {
  norms: { step: number; layers: LayerNorm[] }[];
  epochs: EpochLayerStats[];
}

/** The learning-rate range test (Smith 2017): loss per batch while the rate grows exponentially. */
export interface LrFinderResult {
  /** The rate used at each recorded batch, increasing. */
  lrs: number[];
  losses: number[];
  /** The loss averaged over a centred window (about 5% of the points on each side): no lag behind the rate. */
  smoothed: number[];
  /** The suggestion: the rate at the smoothed loss's minimum divided by 10 (Smith's and fastai's rule); null when it never fell. */
  suggestion: number | null;
  /** The other common rule: where the smoothed loss falls fastest per decade, before its minimum (steepest descent). */
  steepest: number | null;
  /** Why the test ended before the largest rate (divergence), or null. */
  stopReason: string | null;
}

export type TrainEventBody =
  | {
      type: 'started';
      backend: BackendInfo;
      epochs: number;
      batchesPerEpoch: number;
      trainSamples: number;
      valSamples: number;
      paramCount: number;
      /** Set when the PyTorch engine trains (backend is then the tfjs backend that evaluates the result). */
      engine?: RunEngine;
    }
  | {
      type: 'batch';
      epoch: number; // 0-based
      batch: number; // 0-based within the epoch
      step: number; // global batch index, 0-based
      metrics: BatchMetrics;
      /** Fraction of the whole run done, 0..1. */
      progress: number;
      samplesPerSec: number;
      etaSec: number;
    }
  | { type: 'epoch'; epoch: number; metrics: EpochMetrics; durationMs: number }
  /** `detail`: the line as a code and values (shown in the chosen language); lines without one stay English. */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; detail?: LogDetail }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'evaluation'; evaluation: EvaluationResult }
  /** Per-layer gradient and weight norms at one step (every TrainingConfig.diagnostics.everyBatches batches). */
  | { type: 'layerNorms'; step: number; layers: LayerNorm[] }
  | { type: 'layerStats'; stats: EpochLayerStats }
  | {
      type: 'done';
      status: 'completed' | 'stopped';
      durationMs: number;
      final: EpochMetrics | null;
      /** Why training ended before the last epoch (early stopping). */
      stopReason?: string;
      /** `stopReason` as a code and values. */
      stopDetail?: LogDetail;
      /** 0-based epoch whose weights are in best/ (by the early-stopping monitor, else val_loss, else loss). */
      bestEpoch?: number;
      best?: EpochMetrics;
    }
  | {
      type: 'failed';
      error: string;
      hint?: string;
      /** `error` and `hint` as codes and parameters (shown in the chosen language). */
      detail?: ErrorDetail;
      hintDetail?: ErrorDetail;
    };

export type TrainEvent = TrainEventBody & { runId: string; time: number };

// ---- runs ----

export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed';

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  startedAt: string; // ISO
  durationMs: number;
  backend: BackendName | null;
  epochs: number;
  final: EpochMetrics | null;
  experimentId?: string;
  /** Set when the PyTorch engine trained the run. */
  engine?: RunEngine;
  /** Set when the run's weights came from an imported model file rather than training (no epochs, no curves). */
  imported?: ImportedRunSource;
  /** The trained graph's id (extras.graphId, shared/graph/identity.ts); absent for runs from before graph ids. */
  graphId?: string;
}

/** Where an imported run's weights came from (src-main/import/onnx/imported-run.ts). */
export interface ImportedRunSource {
  format: 'onnx';
  /** The model it was imported from: the file name (CLI) or the name the app gave the import (File > Open). */
  file: string;
  /** The exporter named in the file (e.g. 'pytorch 1.13.0'). */
  producer: string;
  opset: number;
}

export interface RunRecord extends RunSummary {
  graph: GraphFile;
  dataset: DatasetConfig;
  training: TrainingConfig;
  /** Per-batch metrics (thinned to at most a few thousand points). */
  batches: { step: number; metrics: BatchMetrics }[];
  epochsHistory: EpochMetrics[];
  error?: string;
  /** `error` as a code and parameters (runs from before codes have none). */
  errorDetail?: ErrorDetail;
  log: string[];
  /** Per line of `log`: its code and values when the host wrote one (null: the line stays as written). */
  logDetails?: (LogDetail | null)[];
  /** Why training ended before the last epoch (early stopping). */
  stopReason?: string;
  /** `stopReason` as a code and values. */
  stopDetail?: LogDetail;
  /** 0-based epoch of the best weights (saved in the run's best/ folder). */
  bestEpoch?: number;
  best?: EpochMetrics;
  /** Test (or validation) results after training. */
  evaluation?: EvaluationResult;
  /** Per-layer norms and per-epoch histograms, when the run recorded them (TrainingConfig.diagnostics). */
  diagnostics?: RunDiagnostics;
}

// ---- export ----

export const EXPORT_FORMATS = ['tfjs', 'pytorch', 'keras', 'onnx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportRunResult = { canceled: true } | { canceled: false; dir: string; files: string[]; notes: string[] };

// ---- files ----

/** encoding 'base64': an .onnx file was picked and `content` is its bytes (for importModel). */
export type OpenGraphResult = { canceled: true } | { canceled: false; path: string; content: string; encoding?: 'base64' };
/** A Keras / tfjs model.json or an ONNX model opened as a graph (src-main/import/, run in the job worker). */
export interface ImportModelResult {
  graph: GraphFile;
  /** ONNX: the run holding the imported weights (marked imported), and what changed on the way in. */
  runId?: string;
  notes?: string[];
  /** Which catalogue dataset the import picked because its shapes fit, or which shapes the model needs when none does. */
  datasetNote?: string;
}
export type SaveGraphResult = { canceled: true } | { canceled: false; path: string };

/**
 * The crash-recovery copy of a graph with unsaved changes, kept on disk by main (<dataDir>/recovery/<session>.json).
 * `session` names whose copy it is: one per browser profile or Electron window (src-renderer/src/files/recovery.ts).
 */
export interface RecoveryCopy {
  /** The graph's name, shown in the restore offer. */
  name: string;
  /** The file the graph was opened from or saved to, when there is one. */
  filePath: string | null;
  /** The graph file text (serializeGraph). */
  content: string;
  /** When the renderer took the copy, ms since 1970. */
  savedAt: number;
}
/** `problem`: a recovery file that could not be read, why, and where it was moved; the copy is then null. */
export type ReadRecoveryResult = { copy: RecoveryCopy | null; problem?: string };

// ---- datasets on disk (the Datasets view, the missing-dataset offer) ----

/** A dataset a graph refers to through a path option (the renderer sends the ones of recent graphs). */
export interface UserDatasetRef {
  datasetId: string;
  path: string;
}
/** cancelled: the user cancelled (the part received is kept; Download resumes it). */
export type DownloadDatasetResult = { cancelled: true } | { cancelled: false; status: DatasetStatus };

// ---- trying a trained run (the Try panel, `layerlab predict`) ----

/**
 * Which weights a run is tried with: those training ended with (`epochs` trained; absent when a running run
 * ended since its record was read), or the latest epoch's of a run still training (1-based `epoch`).
 */
export type TryWeights = { source: 'final'; epochs?: number } | { source: 'latest'; epoch: number };

/** Which input a run's Try panel offers, from its dataset. */
export type TryMode = 'image' | 'generate' | 'translate' | 'forecast' | 'episode' | 'tabular' | 'sample';

/** What a run can be tried with: its mode, the split samples come from, and what the inputs must look like. */
export interface TryInfo {
  runId: string;
  mode: TryMode;
  /** Where the weights come from (in words: shared/i18n/try-weights.ts). */
  weights: TryWeights;
  /** Samples of `split` that a { kind: 'sample' } input may pick: 0..samples-1. */
  samples: number;
  split: 'test' | 'validation';
  task: 'classification' | 'regression' | 'sequence';
  classNames?: string[];
  /** Image datasets: the size a drawn or dropped image is scaled to before it is sent. */
  image?: { height: number; width: number; channels: number };
  /** Text modes: the characters the model knows, and how many it reads at once. */
  vocabulary?: string;
  context?: number;
  /** Tabular: the feature columns in order (categories are sent as their index). */
  columns?: { name: string; kind: 'number' | 'category'; categories: string[] }[];
  /** Forecast: window length and the steps one prediction covers. */
  series?: { window: number; horizon: number };
  /** Few-shot: N-way K-shot. */
  episode?: { ways: number; shots: number };
}

export interface GenerateOptions {
  /** Characters (tokens) to generate, 1..1000. */
  count: number;
  /** Softmax temperature, > 0 (1 = the model's distribution; lower = more certain). */
  temperature: number;
  /** Sample only among the k most probable tokens; 0 = all. 1 is greedy. */
  topK: number;
  seed: number;
}

export interface PredictRequest {
  runId: string;
  input: TryInput;
  /** Generate mode: how to continue the prompt (default 40 characters, temperature 1, top-k 0, seed 1). */
  generate?: GenerateOptions;
  /** Forecast mode: steps to forecast (default the dataset's horizon, at most 200). */
  steps?: number;
}

/** One probability per class / token. */
export interface ClassProbability {
  name: string;
  p: number;
}

/** One generated token: what was picked and the distribution it was drawn from (top entries). */
export interface GenerationStep {
  token: string;
  p: number;
  top: ClassProbability[];
}

/** A drawable image (0..255, row-major height x width x channels), for the panel to show what the model read. */
export interface TryImage {
  width: number;
  height: number;
  channels: number;
  pixels: number[];
}

/** A prediction; `weights` says which weights answered (a running run's change from epoch to epoch). */
export type PredictResult = (
  | {
      kind: 'classes';
      prediction: number;
      /** One per class, summing to 1. */
      probabilities: number[];
      classNames: string[];
      /** The true class of a test sample. */
      truth?: number;
      image?: TryImage;
    }
  | { kind: 'values'; values: number[]; truth?: number[] }
  | {
      kind: 'generation';
      prompt: string;
      /** The generated characters only (the prompt is not repeated). */
      text: string;
      steps: GenerationStep[];
      /** Attention of the last position over the tokens of the last window, per attention layer and head. */
      attention: { layer: string; tokens: string[]; heads: number[][] }[];
    }
  | {
      kind: 'translation';
      input: string;
      output: string;
      truth?: string;
      /** Per attention layer: [output step][input step], with the characters on each axis. */
      attention: { layer: string; rows: string[]; cols: string[]; weights: number[][] }[];
    }
  | {
      kind: 'forecast';
      /** The window the model reads (scaled as in training). */
      history: number[];
      forecast: number[];
      /** The true values after the window, as far as the test series goes. */
      truth: number[];
    }
  | {
      kind: 'episode';
      support: { label: number; image?: TryImage; values?: number[] }[];
      query: { image?: TryImage; values?: number[] };
      prediction: number;
      probabilities: number[];
      truth?: number;
    }
  | { kind: 'steps'; predicted: string[]; truth?: string[] }
) & { weights?: TryWeights };

// ---- the request methods ----

export interface Api {
  getInfo(req: void): Promise<AppInfo>;
  listDatasets(req: void): Promise<DatasetDescriptor[]>;
  /** Sizes and shapes of a dataset configuration: file headers, or a CSV or text file streamed (capped), read in the job worker. */
  describeDataset(req: { dataset: DatasetConfig }): Promise<DatasetShapes>;
  /** Sizes, shapes, class balance and a few samples (loads the dataset; bad files reject naming the file). */
  previewDataset(req: { dataset: DatasetConfig; samples?: number }): Promise<DatasetPreview>;
  startTraining(req: { graph: GraphFile }): Promise<{ runId: string }>;
  stopTraining(req: { runId: string }): Promise<void>;
  pauseTraining(req: { runId: string }): Promise<void>;
  resumeTraining(req: { runId: string }): Promise<void>;
  listRuns(req: void): Promise<RunSummary[]>;
  getRun(req: { runId: string }): Promise<RunRecord>;
  deleteRun(req: { runId: string }): Promise<void>;
  /** Electron: native dialog. Web host: rejects with code 'unsupported' (the browser uses upload). */
  openGraphFile(req: void): Promise<OpenGraphResult>;
  /** Electron: writes atomically, asks for a path when `path` is null. Web host: 'unsupported' (download). */
  saveGraphFile(req: { path: string | null; suggestedName: string; content: string }): Promise<SaveGraphResult>;
  /**
   * A TensorFlow.js Layers model.json or Keras model config (its text) as a new graph named `name`; an
   * unsupported layer or a broken file rejects 'invalid' with a message naming it. Weights are not imported.
   * With `encoding: 'base64'`, `content` is an ONNX file's bytes: its graph, and its weights stored as a run
   * (ImportModelResult.runId); unsupported operators reject 'invalid', listed by name and node, and nothing is kept.
   */
  importModel(req: { content: string; name: string; encoding?: 'base64' }): Promise<ImportModelResult>;
  /** Runs the trials of graph.extras.experiment (shared/experiments) one after another. */
  startExperiment(req: { graph: GraphFile }): Promise<{ experimentId: string }>;
  /** Stops the running trial and drops the queued ones. */
  cancelExperiment(req: { experimentId: string }): Promise<void>;
  /** Pauses the running trial and holds the queue. */
  pauseExperiment(req: { experimentId: string }): Promise<void>;
  resumeExperiment(req: { experimentId: string }): Promise<void>;
  /** New order of the waiting trials (a permutation of ExperimentRecord.queue). */
  reorderExperiment(req: { experimentId: string; queue: number[] }): Promise<void>;
  getExperiment(req: { experimentId: string }): Promise<ExperimentRecord>;
  listExperiments(req: void): Promise<ExperimentSummary[]>;
  /**
   * Writes a stored run's trained model as tfjs files, or its graph as a PyTorch / Keras script (with the
   * run's weights and data where the format takes them). Electron asks for a folder; the web host writes
   * into <dataDir>/exports/ on the machine running it and says where.
   */
  exportRun(req: { runId: string; format: ExportFormat }): Promise<ExportRunResult>;
  /** Replaces the session's recovery copy (written atomically into the data folder). */
  writeRecovery(req: { session: string; copy: RecoveryCopy }): Promise<void>;
  /** The session's recovery copy, or null when there is none or it only repeats the saved file. */
  readRecovery(req: { session: string }): Promise<ReadRecoveryResult>;
  /** Removes the session's recovery copy (after a save, or when the offer is declined). */
  clearRecovery(req: { session: string }): Promise<void>;
  /** Which training engines this host offers (PyTorch: probed once per host start, then cached). */
  getEngines(req: void): Promise<EnginesInfo>;
  /** Saves the Python the PyTorch engine uses (null = search again) and probes it. */
  setPythonPath(req: { path: string | null }): Promise<EnginesInfo>;
  /**
   * Lets the host read a dataset file or folder from now on (kept across restarts). A path that only arrives inside
   * a graph is not permission: describeDataset, previewDataset, startTraining and startExperiment refuse a path that
   * was never allowed with code 'forbidden'. The renderer calls this only for a path the user typed into a dataset
   * field, or confirmed after it came with a graph; Electron asks once more in a native dialog (allowed: false when
   * the user declines there). `path` in the answer is the absolute path allowed.
   */
  allowDatasetPath(req: { path: string }): Promise<{ allowed: boolean; path: string }>;
  /**
   * Every dataset the app knows (downloadable ones on disk or not, bundled, generated) and the user's own files in
   * `user` (those of recent graphs): present or not, size, location, checksums verified.
   */
  listDatasetStatus(req: { user: UserDatasetRef[] }): Promise<DatasetStatus[]>;
  /**
   * Fetches a downloadable set (shared/data/downloads.ts) into the data folder, checking digests; progress arrives
   * as 'datasetDownload' events. A failed download rejects 'unavailable' with a message (offline: which files to
   * place where by hand).
   */
  downloadDataset(req: { id: string }): Promise<DownloadDatasetResult>;
  cancelDatasetDownload(req: { id: string }): Promise<void>;
  /** Deletes a downloaded set from the data folder (the OS's copy is left alone). */
  removeDataset(req: { id: string }): Promise<DatasetStatus>;
  /** Electron opens the folder in the file manager; the web host only answers where it is (opened: false). */
  openDatasetFolder(req: { id: string }): Promise<{ opened: boolean; path: string }>;
  /** What a stored run can be tried with (loads its dataset in the job worker). A run without weights rejects 'invalid'. */
  getTryInfo(req: { runId: string }): Promise<TryInfo>;
  /** The run's model on one input (in the job worker): class probabilities, generated text, a translation, a forecast. */
  predict(req: PredictRequest): Promise<PredictResult>;
  /** Look inside: every node's activation for one input (statistics and what to draw), in the job worker. */
  inspectRun(req: { runId: string; input: TryInput }): Promise<RunActivations>;
  /** One layer (default the last hidden one) over the first test samples, projected to 2-D by PCA, in the job worker. */
  projectRun(req: { runId: string; nodeId?: string; samples?: number }): Promise<RunProjection>;
  /**
   * The learning-rate range test on the graph's model, dataset and settings (a short run in the job worker, about
   * 100 batches from 1e-7 to 10, stopping when the loss diverges). The graph's own weights and runs are untouched.
   */
  findLearningRate(req: { graph: GraphFile }): Promise<LrFinderResult>;
  /**
   * The renderer's interface language, told to the host on start and on every switch (the opposite direction of
   * MenuCommand 'language'): Electron rebuilds its application menu in it. Only 'en' and 'ko' are accepted
   * ('invalid' otherwise); hosts without a native menu answer 'unsupported'.
   */
  setLanguage(req: { lang: 'en' | 'ko' }): Promise<void>;
}

export type ApiMethod = keyof Api;
export type ApiRequest<M extends ApiMethod> = Parameters<Api[M]>[0];
export type ApiResponse<M extends ApiMethod> = Awaited<ReturnType<Api[M]>>;

// The `satisfies` makes this list fail to compile when a method is added to Api and not here.
const methodTable = {
  getInfo: true,
  listDatasets: true,
  describeDataset: true,
  previewDataset: true,
  startTraining: true,
  stopTraining: true,
  pauseTraining: true,
  resumeTraining: true,
  listRuns: true,
  getRun: true,
  deleteRun: true,
  openGraphFile: true,
  saveGraphFile: true,
  importModel: true,
  startExperiment: true,
  cancelExperiment: true,
  pauseExperiment: true,
  resumeExperiment: true,
  reorderExperiment: true,
  getExperiment: true,
  listExperiments: true,
  exportRun: true,
  writeRecovery: true,
  readRecovery: true,
  clearRecovery: true,
  getEngines: true,
  setPythonPath: true,
  allowDatasetPath: true,
  listDatasetStatus: true,
  downloadDataset: true,
  cancelDatasetDownload: true,
  removeDataset: true,
  openDatasetFolder: true,
  getTryInfo: true,
  predict: true,
  inspectRun: true,
  projectRun: true,
  findLearningRate: true,
  setLanguage: true,
} satisfies Record<ApiMethod, true>;
export const API_METHODS = Object.keys(methodTable) as ApiMethod[];

// ---- the event streams (main -> renderer) ----

/** Menu and OS commands the main process forwards to the renderer (Electron menu, file association). */
export type MenuCommand =
  | { type: 'new' }
  | { type: 'open'; path: string; content: string }
  | { type: 'save' }
  | { type: 'saveAs' }
  /** Open a built-in template by id (`--template ID` on the app's command line). */
  | { type: 'openTemplate'; id: string }
  | { type: 'undo' }
  | { type: 'redo' }
  /** View > Language: switch the interface language (the renderer remembers it). */
  | { type: 'language'; lang: 'en' | 'ko' };

export interface ApiEvents {
  train: TrainEvent;
  menu: MenuCommand;
  /** Progress of a dataset download (about 10 a second). */
  datasetDownload: DatasetDownloadProgress;
}
export type ApiEventName = keyof ApiEvents;
const eventTable = { train: true, menu: true, datasetDownload: true } satisfies Record<ApiEventName, true>;
export const API_EVENTS = Object.keys(eventTable) as ApiEventName[];

// ---- errors ----

/** 'forbidden': the request names a file the user has not allowed the host to read (see allowDatasetPath). */
/** 'unavailable': something outside the app failed (a download: offline, a stalled server, a wrong checksum). */
export type ApiErrorCode = 'invalid' | 'not_found' | 'unsupported' | 'busy' | 'internal' | 'forbidden' | 'unavailable';

/**
 * What kind of problem an error is, stable across versions and languages: the renderer and the CLI show
 * `errors:<code>` in the chosen language (shared/i18n/error-text.ts), the English `message` stays for logs.
 * A code a renderer does not know shows the English message.
 */
export const ERROR_CODES = [
  // graph files (shared/graph/validate.ts)
  'graph.empty',
  'graph.tooLarge',
  'graph.tooDeep',
  'graph.invalidJson',
  'graph.jsonTruncated',
  'graph.jsonTrailingComma',
  'graph.jsonSingleQuote',
  'graph.jsonUnexpected',
  'graph.notObject',
  'graph.notLayerlab',
  'graph.wrongFormat',
  'graph.newerVersion',
  'graph.unknownKind',
  'graph.unknownKindNear',
  'graph.unknownParam',
  'graph.duplicateNodeId',
  'graph.edgeMissingNode',
  'graph.field',
  // files on disk
  'file.notFound',
  'file.cannotRead',
  'file.tooLarge',
  'file.notSaved',
  // dataset files and settings (src-main/data)
  'data.problem',
  'data.fileProblem',
  'data.notFound',
  'data.noFileGiven',
  'data.csvNotNumber',
  'data.csvRowLength',
  'data.csvNoColumn',
  'data.idxMagic',
  'data.idxTruncated',
  'data.cancelled',
  // training (the worker and main's run service)
  'train.nonFiniteLoss',
  'train.hintNonFinite',
  'train.hintNonFiniteUnnormalized',
  'train.hintDataset',
  'train.workerKilled',
  'train.workerExited',
  'train.outOfMemory',
  'train.shapeMismatch',
  'train.buildFailed',
  'train.datasetFailed',
  'train.backendFailed',
  'train.interrupted',
  'train.tooBig',
  'train.graphInvalid',
  'train.busy',
  // the PyTorch engine
  'torch.killed',
  'torch.outOfMemory',
  'torch.failed',
  // model import / export
  'import.unsupportedOnnxOps',
  'import.failed',
  'import.tooLarge',
  'export.failed',
  // dataset downloads
  'download.failed',
  'download.cancelled',
  'download.checksum',
  // the api boundary and its workers
  'api.invalidRequest',
  'api.unsupported',
  'api.busy',
  'api.jobCrashed',
  'api.jobTimeout',
  'api.shuttingDown',
  'run.notFound',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values the message names (numbers stay numbers; names, paths and shapes are given as written). */
export type ErrorParams = Record<string, string | number>;

export interface ErrorDetail {
  code: ErrorCode;
  params: ErrorParams;
  /** The English text: logs, the CLI in English, and the fallback for an unknown code. */
  message: string;
  /** The inner error this one wraps (shown in place of {{cause}}). */
  cause?: ErrorDetail;
}

/**
 * Lines the host writes into a run's log (and its stop reason), as codes: the renderer says them in the chosen
 * language through `runlog:<code>` (shared/i18n/log-text.ts); the English `message` stays for logs and the CLI.
 */
export const LOG_CODES = [
  'dataset.read',
  'dataset.download',
  'eval.done',
  'eval.doneAccuracy',
  'eval.doneDecoding',
  'eval.none',
  'eval.testSplitFailed',
  'eval.failed',
  'eval.noFreeRunning',
  'stop.early',
  'stop.earlyRestored',
  'weights.restored',
] as const;
export type LogCode = (typeof LOG_CODES)[number];

export interface LogDetail {
  code: LogCode;
  params: ErrorParams;
  /** The error a line reports (shown in place of {{cause}}, in the same language). */
  cause?: ErrorDetail;
}

/** Shape check for a log detail from outside (a stored run): any code string passes (a newer host's codes). */
export function isLogDetail(d: unknown): d is LogDetail {
  if (typeof d !== 'object' || d === null) return false;
  const o = d as Record<string, unknown>;
  if (typeof o.code !== 'string' || typeof o.params !== 'object' || o.params === null) return false;
  if (!Object.values(o.params).every((v) => typeof v === 'string' || typeof v === 'number')) return false;
  return o.cause === undefined || isErrorDetail(o.cause);
}

/** The error shape that crosses the boundary (Error objects do not survive IPC/JSON intact). */
export interface ApiErrorPayload {
  code: ApiErrorCode;
  message: string;
  /** The same problem as a code and parameters, for the renderer to say in the chosen language. */
  detail?: ErrorDetail;
}

export class ApiError extends Error {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
    /** The problem as a code and parameters (crosses the wire as ApiErrorPayload.detail). */
    public readonly errorDetail?: ErrorDetail,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A coded error detail whose English message is `message`. */
export function errorDetail(code: ErrorCode, params: ErrorParams, message: string, cause?: ErrorDetail): ErrorDetail {
  return cause ? { code, params, message, cause } : { code, params, message };
}

/** The coded detail an error carries (ApiError, GraphFileError, DatasetError, ... set `errorDetail`), if any. */
export function detailOf(err: unknown): ErrorDetail | undefined {
  const d = (err as { errorDetail?: unknown } | null)?.errorDetail;
  return isErrorDetail(d) ? d : undefined;
}

/** Shape check for details that arrive from outside (a wire message, a stored run): any code string passes. */
export function isErrorDetail(d: unknown, depth = 0): d is ErrorDetail {
  if (typeof d !== 'object' || d === null || depth > 3) return false;
  const o = d as Record<string, unknown>;
  if (typeof o.code !== 'string' || typeof o.message !== 'string' || typeof o.params !== 'object' || o.params === null) return false;
  if (!Object.values(o.params).every((v) => typeof v === 'string' || typeof v === 'number')) return false;
  return o.cause === undefined || isErrorDetail(o.cause, depth + 1);
}

/** What the renderer holds: the request methods plus event subscription. */
export interface ApiClient extends Api {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

// ---- wire messages (WebSocket and IPC) ----

export interface WireRequest {
  kind: 'request';
  id: number;
  method: ApiMethod;
  payload: unknown;
}
export type WireResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ApiErrorPayload };
export interface WireEvent {
  kind: 'event';
  event: ApiEventName;
  payload: unknown;
}

// ---- transports ----

/** What the Electron preload exposes as `window.layerlab` (contextBridge); the renderer wraps it into an ApiClient. */
export interface PreloadBridge {
  invoke(method: ApiMethod, payload: unknown): Promise<WireResponse>;
  on(event: ApiEventName, listener: (payload: unknown) => void): () => void;
}

/**
 * The web host serves the renderer at http://127.0.0.1:PORT/?token=TOKEN and accepts WebSocket connections at
 * ws://127.0.0.1:PORT/api?token=TOKEN only; requests are WireRequest, answers WireResponse, pushes WireEvent.
 */
export const WEB_API_PATH = '/api';
export const WEB_TOKEN_PARAM = 'token';
