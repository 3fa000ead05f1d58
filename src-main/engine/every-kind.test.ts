// LayerLab issue 3: every layer kind learns on the cpu and wasm backends, and a model containing it saves and
// reloads with identical predictions. One tiny graph per kind goes through the app's own path:
// buildModel -> compileModel -> trainOnBatch -> evaluate -> save (withSaveHandler) -> load (fromMemory).
// "Learns" (issue 21.5) means: on a learnable task (a fixed random map of the inputs), the loss on held-out
// samples never trained on ends well below the best the model could do without looking at its inputs (the
// training targets' mean, or their class frequencies). Memorising the training batch, or only fitting the
// output's mean, does not pass.
// The table must name every kind in ALL_LAYERS except Input/Output, so a new kind without a case fails here.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ALL_LAYERS } from '../../shared/layers';
import type { ParamValues } from '../../shared/layers/types';
import type { GraphEdge, GraphFile, GraphNode, LossName } from '../../shared/graph/types';
import { inferGraph } from '../../shared/infer';
import { mulberry32 } from '../../shared/data/random'; // stands in for Math.random so weight init and dropout repeat
import { buildModel, compileModel, layerNameFor } from './compile';
import { initBackend } from './backend';
import { prepareEngine } from './setup';

const BATCH = 16;
/** Training and held-out samples, drawn from the same task. */
const N_TRAIN = 64;
const N_HELD_OUT = 64;
const EPOCHS = 12;
/** Held-out loss after training must be below this fraction of the input-blind baseline's. */
const HELD_OUT_BAR = 0.6;
/** Weight init, dropout and data all derive from this; LAYERLAB_SEED overrides it to check the margins hold. */
const SEED = Number(process.env.LAYERLAB_SEED ?? 1234);
/** The node id of the kind under test in every case; other nodes use other ids. */
const KIND_NODE = 'k';

type NodeSpec = [id: string, kind: string, params?: ParamValues];
/** [source, target, sourceHandle = 'out', targetHandle = 'in'] */
type EdgeSpec = [source: string, target: string, sourceHandle?: string, targetHandle?: string];

interface KindCase {
  kind: string;
  /** Model inputs: Input node id -> shape (without batch). */
  inputs: Record<string, number[]>;
  /** Token-id inputs: Input node id -> vocabulary size (data are integers in [0, size)). */
  tokens?: Record<string, number>;
  /** Every node except the Inputs and the Output 'y' (added automatically; 'head' feeds 'y'). */
  nodes: NodeSpec[];
  edges: EdgeSpec[];
  loss?: LossName;
  /** The inputs the target depends on (default: all). */
  teacherInputs?: string[];
  /** Default EPOCHS. */
  epochs?: number;
}

// Small reusable heads: a regression head with 2 linear outputs, or a 3-class softmax head.
const REG: NodeSpec = ['head', 'Dense', { units: 2, activation: 'linear' }];
const CLS: NodeSpec = ['head', 'Dense', { units: 3, activation: 'softmax' }];
const FLAT: NodeSpec = ['flat', 'Flatten'];

/** Input 'x' of `shape` -> optional adapter nodes -> the kind -> optional Flatten -> head. */
function chain(kind: string, shape: number[], params: ParamValues, opts: { before?: NodeSpec[]; flatten?: boolean; head?: NodeSpec } = {}): KindCase {
  const before = opts.before ?? [];
  const after = opts.flatten ? [FLAT] : [];
  const head = opts.head ?? REG;
  const order = ['x', ...before.map((n) => n[0]), KIND_NODE, ...after.map((n) => n[0]), head[0]];
  return {
    kind,
    inputs: { x: shape },
    nodes: [...before, [KIND_NODE, kind, params], ...after, head],
    edges: order.slice(1).map((id, i) => [order[i], id] as EdgeSpec),
    loss: head === CLS ? 'categoricalCrossentropy' : 'meanSquaredError',
  };
}

/** Two inputs, each through its own Dense(4), merged by the kind (one multi-edge handle), then the head. */
function merge(kind: string, params: ParamValues = {}): KindCase {
  return {
    kind,
    inputs: { a: [5], b: [5] },
    nodes: [['da', 'Dense', { units: 4, activation: 'tanh' }], ['db', 'Dense', { units: 4, activation: 'tanh' }], [KIND_NODE, kind, params], REG],
    edges: [['a', 'da'], ['b', 'db'], ['da', KIND_NODE], ['db', KIND_NODE], [KIND_NODE, 'head']],
  };
}

/**
 * Query sequence 'q' [4, 3] and value sequence 'v' [5, 3] on separate handles, then Flatten and the head. The
 * target depends on the values: attention outputs mixtures of them, weighted by how queries match keys.
 */
function crossAttention(kind: string, params: ParamValues): KindCase {
  return {
    kind,
    teacherInputs: ['v'],
    inputs: { q: [4, 3], v: [5, 3] },
    nodes: [[KIND_NODE, kind, params], FLAT, REG],
    edges: [['q', KIND_NODE, 'out', 'query'], ['v', KIND_NODE, 'out', 'value'], [KIND_NODE, 'flat'], ['flat', 'head']],
  };
}

const dense8: NodeSpec = ['pre', 'Dense', { units: 8, activation: 'linear' }];
const conv2d: NodeSpec = ['pre', 'Conv2D', { filters: 3, kernelSize: 3, activation: 'relu' }];
const conv1d: NodeSpec = ['pre', 'Conv1D', { filters: 6, kernelSize: 3, activation: 'tanh' }];
const seqDense: NodeSpec = ['pre', 'Dense', { units: 4, activation: 'linear' }];

const CASES: KindCase[] = [
  // Core
  chain('Dense', [6], { units: 8, activation: 'tanh' }, { head: CLS }),
  chain('Dropout', [6], { rate: 0.2 }, { before: [dense8] }),
  chain('Flatten', [3, 4], {}),
  chain('Activation', [6], { activation: 'tanh' }, { before: [dense8] }),
  chain('Reshape', [12], { targetShape: [4, 3] }, { before: [['pre', 'Dense', { units: 12, activation: 'tanh' }]], flatten: true }),
  chain('Permute', [3, 4], { dims: [2, 1] }, { before: [seqDense], flatten: true }),
  chain('BatchNormalization', [6], {}, { before: [dense8] }),
  chain('LayerNormalization', [6], {}, { before: [dense8] }),
  merge('Add'),
  merge('Concatenate'),
  merge('Multiply'),
  // Convolution and pooling
  chain('Conv2D', [4, 4, 1], { filters: 2, kernelSize: 3, activation: 'relu' }, { flatten: true }),
  chain('Conv1D', [6, 2], { filters: 3, kernelSize: 3, activation: 'tanh' }, { flatten: true }),
  chain('MaxPooling2D', [4, 4, 1], {}, { before: [['pre', 'Conv2D', { filters: 8, kernelSize: 1, activation: 'tanh' }]], flatten: true }),
  chain('AveragePooling2D', [4, 4, 1], {}, { before: [conv2d], flatten: true }),
  chain('GlobalAveragePooling1D', [6, 2], {}, { before: [conv1d] }),
  chain('GlobalAveragePooling2D', [4, 4, 1], {}, { before: [['pre', 'Conv2D', { filters: 6, kernelSize: 3, activation: 'relu' }]] }),
  // Recurrent and sequence helpers
  // Regression: with a 3-class head the small initial table learns too slowly for this budget.
  { ...chain('Embedding', [5], { inputDim: 10, outputDim: 3 }, { flatten: true }), tokens: { x: 10 } },
  chain('SimpleRNN', [5, 2], { units: 6 }),
  chain('LSTM', [5, 2], { units: 6 }),
  chain('GRU', [5, 2], { units: 6 }),
  chain('Bidirectional', [5, 2], { units: 4 }),
  chain('RepeatVector', [3], { n: 3 }, { before: [['pre', 'Dense', { units: 4, activation: 'tanh' }]], flatten: true }),
  chain('TimeDistributed', [5, 2], { units: 3, activation: 'tanh' }, { flatten: true }),
  chain('SelectStep', [5, 2], { step: -1 }, { before: [['pre', 'SimpleRNN', { units: 4, returnSequences: true }]] }),
  // Weight tying: the head reuses emb's 10 x 4 table (its own weight is the bias); both uses train the table.
  {
    kind: 'TiedDense',
    inputs: { x: [5] },
    tokens: { x: 10 },
    nodes: [['emb', 'Embedding', { inputDim: 10, outputDim: 4 }], ['pre', 'Dense', { units: 4, activation: 'tanh' }], [KIND_NODE, 'TiedDense', { tiedTo: 'emb', activation: 'linear', useBias: true }], FLAT, REG],
    edges: [['x', 'emb'], ['emb', 'pre'], ['pre', KIND_NODE], [KIND_NODE, 'flat'], ['flat', 'head']],
  },
  // Attention and transformers
  crossAttention('Attention', {}),
  crossAttention('MultiHeadAttention', { heads: 2, keyDim: 2 }),
  chain('PositionalEncoding', [5, 3], { mode: 'learned', maxLength: 8 }, { before: [seqDense], flatten: true }),
  // Post-norm blocks start with large outputs (held-out loss 4 to 8x the input-blind one): three times the epochs.
  { ...chain('TransformerEncoderBlock', [5, 4], { heads: 2, ffDim: 8, dropout: 0 }, { flatten: true }), epochs: 3 * EPOCHS },
  {
    kind: 'TransformerDecoderBlock',
    inputs: { x: [5, 4], m: [6, 3] },
    epochs: 3 * EPOCHS,
    nodes: [[KIND_NODE, 'TransformerDecoderBlock', { heads: 2, ffDim: 8, dropout: 0 }], FLAT, REG],
    edges: [['x', KIND_NODE], ['m', KIND_NODE, 'out', 'memory'], [KIND_NODE, 'flat'], ['flat', 'head']],
  },
];

function toGraph(c: KindCase): GraphFile {
  const node = ([id, kind, params]: NodeSpec): GraphNode => ({ id, kind, params: params ?? {}, position: { x: 0, y: 0 } });
  const inputs = Object.entries(c.inputs).map(([id, shape]) => node([id, 'Input', { feature: id, shape }]));
  const edges: GraphEdge[] = [...c.edges, ['head', 'y'] as EdgeSpec].map(([source, target, sourceHandle = 'out', targetHandle = 'in']) => ({
    id: `${source}.${sourceHandle}->${target}.${targetHandle}`,
    source,
    sourceHandle,
    target,
    targetHandle,
  }));
  return {
    format: 'layerlab-graph',
    version: 1,
    name: `every-kind ${c.kind}`,
    nodes: [...inputs, ...c.nodes.map(node), node(['y', 'Output', { target: 'y' }])],
    edges,
    dataset: { id: 'synthetic', representation: 'vector', labels: 'onehot', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: BATCH, optimizer: 'adam', learningRate: 0.04, loss: c.loss ?? 'meanSquaredError', metrics: [], backend: 'cpu' },
  };
}

/**
 * N_TRAIN + N_HELD_OUT samples: inputs in model.inputs order (uniform [-1, 1), or integer token ids) and a target
 * that depends on them: a fixed random linear map of each input's per-feature means (ids scaled to [-1, 1]); for
 * classification its argmax, one-hot. The first N_TRAIN samples train, the rest are held out.
 */
function makeData(c: KindCase, inputOrder: string[], outputs: number, classify: boolean) {
  const n = N_TRAIN + N_HELD_OUT;
  return tf.tidy(() => {
    const xs = inputOrder.map((id, i) => {
      const shape = [n, ...c.inputs[id]];
      const vocab = c.tokens?.[id];
      return vocab ? tf.floor(tf.randomUniform(shape, 0, vocab, 'float32', SEED + 11 + i)) : tf.randomUniform(shape, -1, 1, 'float32', SEED + 11 + i);
    });
    // Per input, each feature (last axis) averaged over the other axes: what every kind can pass on, pooled or not.
    const features = tf.concat(
      xs.flatMap((x, i) => {
        const id = inputOrder[i];
        if (c.teacherInputs && !c.teacherInputs.includes(id)) return [];
        const vocab = c.tokens?.[id];
        const scaled = vocab ? x.div(vocab - 1).mul(2).sub(1) : x;
        const perFeature = scaled.reshape([n, -1, scaled.shape[scaled.rank - 1] as number]).mean(1);
        return [perFeature];
      }),
      1,
    );
    const width = features.shape[1] as number;
    const w = tf.randomNormal([width, outputs], 0, 1, 'float32', SEED + 7);
    const raw = features.matMul(w);
    // Each target column scaled to std 0.5: in reach of tanh/sigmoid-bounded features within a few Adam steps.
    const z = raw.sub(raw.mean(0)).div(tf.moments(raw, 0).variance.sqrt()).mul(0.5);
    const y = classify ? tf.oneHot(z.argMax(1), outputs).toFloat() : z;
    const split = <T extends tf.Tensor>(t: T, from: number, size: number) => t.slice(from, size) as T;
    return {
      train: { xs: xs.map((x) => split(x, 0, N_TRAIN)), y: split(y, 0, N_TRAIN) },
      heldOut: { xs: xs.map((x) => split(x, N_TRAIN, N_HELD_OUT)), y: split(y, N_TRAIN, N_HELD_OUT) },
    };
  });
}

/**
 * The held-out loss of the best predictor that ignores its inputs, fitted on the training targets: their mean
 * (squared error), or their class frequencies (cross-entropy).
 */
function inputBlindLoss(trainY: tf.Tensor, heldOutY: tf.Tensor, classify: boolean): number {
  return tf.tidy(() => {
    if (!classify) return heldOutY.sub(trainY.mean(0)).square().mean().dataSync()[0];
    const prior = trainY.sum(0).add(1).div(trainY.shape[0] + (trainY.shape[1] as number)); // add-one smoothing
    return heldOutY.mul(prior.log()).sum(1).mean().neg().dataSync()[0];
  });
}

/** The compiled loss on the held-out samples (dropout off, as in evaluation). */
function heldOutLoss(model: tf.LayersModel, xs: tf.Tensor[], y: tf.Tensor): number {
  const result = model.evaluate(xs, y, { batchSize: N_HELD_OUT });
  const scalars = [result].flat();
  const loss = scalars[0].dataSync()[0];
  tf.dispose(scalars);
  return loss;
}

/** Trainable weight values of every tfjs layer the kind's builder created (named from the node id). */
function kindWeights(model: tf.LayersModel): Float32Array[] {
  const base = layerNameFor(KIND_NODE);
  return model.layers
    .filter((l) => l.name === base || l.name.startsWith(`${base}_`))
    .flatMap((l) => l.trainableWeights.map((w) => w.read().dataSync() as Float32Array).map((d) => Float32Array.from(d)));
}

async function saveAndReload(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('save handler was not called');
  // As a file would hold it: the topology goes through JSON text.
  const topology = JSON.parse(JSON.stringify(saved.modelTopology)) as object;
  return tf.loadLayersModel(tf.io.fromMemory({ ...saved, modelTopology: topology }));
}

function maxPredictionGap(a: tf.LayersModel, b: tf.LayersModel, xs: tf.Tensor[]): number {
  return tf.tidy(() => {
    const pa = [a.predict(xs)].flat() as tf.Tensor[];
    const pb = [b.predict(xs)].flat() as tf.Tensor[];
    return Math.max(...pa.map((t, i) => t.sub(pb[i]).abs().max().dataSync()[0]));
  });
}

interface Outcome {
  /** Held-out loss before and after training, and the input-blind baseline's. */
  before: number;
  after: number;
  blind: number;
  params: number;
  inferredParams: number;
  /** The kind's own weight count according to shared inference. */
  kindParams: number;
  /** Whether training changed the kind's trainable weights; null when none were found under its layer name. */
  moved: boolean | null;
  gap: number;
}

async function trainAndRoundTrip(c: KindCase): Promise<Outcome> {
  const graph = toGraph(c);
  const { model, inputs } = buildModel(graph, tf);
  compileModel(model, graph.training, tf);
  const classify = graph.training.loss === 'categoricalCrossentropy';
  const outUnits = model.outputs[0].shape[1] as number;
  const { train, heldOut } = makeData(c, inputs.map((i) => i.nodeId), outUnits, classify);
  try {
    const weightsBefore = kindWeights(model);
    const before = heldOutLoss(model, heldOut.xs, heldOut.y);
    for (let epoch = 0; epoch < (c.epochs ?? EPOCHS); epoch++) {
      for (let start = 0; start < N_TRAIN; start += BATCH) {
        const batch = tf.tidy(() => ({ xs: train.xs.map((x) => x.slice(start, BATCH)), y: train.y.slice(start, BATCH) }));
        await model.trainOnBatch(batch.xs, batch.y);
        tf.dispose([...batch.xs, batch.y]);
      }
    }
    const after = heldOutLoss(model, heldOut.xs, heldOut.y);
    const weightsAfter = kindWeights(model);
    const moved = weightsBefore.length === 0 ? null : weightsAfter.some((w, i) => w.some((v, j) => v !== weightsBefore[i][j]));
    const reloaded = await saveAndReload(model);
    const gap = maxPredictionGap(model, reloaded, heldOut.xs);
    reloaded.dispose();
    const inference = inferGraph(graph);
    return {
      before,
      after,
      blind: inputBlindLoss(train.y, heldOut.y, classify),
      params: model.countParams(),
      inferredParams: inference.totalParams,
      kindParams: inference.nodes[KIND_NODE].params,
      moved,
      gap,
    };
  } finally {
    tf.dispose([...train.xs, train.y, ...heldOut.xs, heldOut.y]);
    model.dispose();
  }
}

describe('every-kind table', () => {
  it('has a case for every layer kind except Input and Output', () => {
    const kinds = ALL_LAYERS.map((d) => d.kind).filter((k) => k !== 'Input' && k !== 'Output');
    const covered = new Set(CASES.map((c) => c.kind));
    expect(kinds.filter((k) => !covered.has(k))).toEqual([]);
    expect([...covered].filter((k) => !kinds.includes(k))).toEqual([]);
  });
});

const summary: string[] = [];

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`every kind learns a held-out task and round-trips on ${backend}`, () => {
    beforeAll(async () => {
      prepareEngine(tf);
      const info = await initBackend(backend);
      expect(info.name, info.reason).toBe(backend);
    });
    beforeEach(() => {
      vi.spyOn(Math, 'random').mockImplementation(mulberry32(SEED));
    });

    for (const c of CASES) {
      it(c.kind, async () => {
        expect(tf.getBackend()).toBe(backend);
        const r = await trainAndRoundTrip(c);
        summary.push(
          `${backend} ${c.kind}: held-out loss ${r.before.toFixed(4)} -> ${r.after.toFixed(4)}, input-blind ${r.blind.toFixed(4)} (x${(r.after / r.blind).toFixed(2)}), ` +
            `${r.params} params (${r.kindParams} in the kind, moved ${r.moved}), gap ${r.gap}`,
        );
        expect(r.params).toBe(r.inferredParams);
        expect(r.params).toBeLessThan(1000);
        expect(Number.isFinite(r.before)).toBe(true);
        // Learned the task, not the training samples or the targets' mean: held out, well below input-blind.
        expect(r.after, `${c.kind}: held-out loss ${r.after} vs input-blind ${r.blind}`).toBeLessThan(HELD_OUT_BAR * r.blind);
        expect(r.after).toBeLessThan(r.before);
        // Gradients reach the kind itself, not just the head (weightless kinds: Flatten, pooling, merges...).
        if (r.kindParams > 0) expect(r.moved, `${c.kind}'s own weights did not change in training`).toBe(true);
        expect(r.gap).toBeLessThan(1e-5);
      }, 30_000);
    }
  });
}

afterAll(() => {
  vi.restoreAllMocks();
  if (process.env.LAYERLAB_VERBOSE) console.log(summary.join('\n'));
});
