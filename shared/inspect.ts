// What "Look inside" answers (api: inspectRun, projectRun): every node's activation for one input, summarised and
// trimmed to what a view can draw, and a 2-D projection of one layer over the test set. Computed in the job worker
// (src-main/inspect); payloads are capped so a message stays small whatever the model.

/** Summary of all values of one activation (for one input). */
export interface ActivationStats {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Fraction of values that are exactly 0 (dead ReLUs, padding). */
  zeros: number;
}

/** What a view draws; each kind is trimmed (the `total*` fields say how much there was). */
export type ActivationView =
  /** [H, W, C] (conv2d, pooling): one H x W map per channel, the first `maps.length` of `channels`. */
  | { type: 'maps'; height: number; width: number; channels: number; maps: number[][] }
  /** A vector (Dense, pooling to 1-D): the first `values.length` of `total` values. */
  | { type: 'bars'; values: number[]; total: number }
  /** [T, U] (recurrent hidden states, embeddings, conv1d): rows = time steps, columns = units, trimmed both ways. */
  | { type: 'heat'; rows: number[][]; steps: number; units: number }
  /** An LSTM over time: gates i, f, o and cell c and the hidden state h, each [T][units] (trimmed like 'heat'). */
  | { type: 'lstm'; gates: { i: number[][]; f: number[][]; o: number[][]; c: number[][] }; h: number[][]; steps: number; units: number }
  /** Attention weights: per block (transformer stacks have several), per head, [queries][keys]. */
  | { type: 'attention'; blocks: AttentionBlock[]; queryTokens?: string[]; keyTokens?: string[] }
  /** Nothing to draw beyond the statistics (rank > 3, several outputs), and why (`rank`: said in the chosen language). */
  | { type: 'none'; why: string; rank?: number };

/** One attention map's heads; `name` is English, `label` the same name as a code the renderer translates. */
export interface AttentionBlock {
  name: string;
  label?: { code: 'attention' } | { code: 'blockSelfAttention'; block: number };
  heads: number[][][];
}

export interface NodeActivation {
  nodeId: string;
  /** The node's kind (Dense, Conv2D, LSTM, ...). */
  kind: string;
  /** Output shape without the batch dimension (the first output of a node with several). */
  shape: number[];
  stats: ActivationStats;
  view: ActivationView;
}

export interface RunActivations {
  runId: string;
  /** In execution order (the graph's topological order); Output nodes are left out (they repeat their input). */
  nodes: NodeActivation[];
  /** The input's tokens as text, when the first input is a token sequence (axis labels). */
  tokens?: string[];
  /** What the model predicts for this input: class names and probabilities of the first output, when it classifies. */
  prediction?: { classIndex: number; className: string; probability: number };
  /** The dataset's class names (bar labels of the output layer). */
  classNames?: string[];
  /** What was trimmed or left out, and why. */
  notes: string[];
}

export interface RunProjection {
  runId: string;
  nodeId: string;
  /** Which split the points come from. */
  split: 'test' | 'validation';
  /** One point per sample: PCA coordinates and the sample's class (-1 when the dataset has none). */
  points: { x: number; y: number; cls: number }[];
  classNames: string[];
  /** Fraction of the variance along each of the two axes. */
  explained: [number, number];
  /** Nodes that can be projected (hidden layers), for a picker. */
  candidates: { nodeId: string; kind: string }[];
  notes: string[];
}

/** Caps that keep a payload small (a few hundred KB at most). */
export const INSPECT_LIMITS = {
  maps: 32,
  mapSide: 64,
  bars: 256,
  steps: 64,
  units: 64,
  projectionSamples: 1000,
} as const;
