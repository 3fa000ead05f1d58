// Weight tying really shares the weights: a tied model has one vocab x d variable (the Embedding's) in
// model.trainableWeights and none in the head; its gradient is the sum of what the lookup and the head
// contribute (checked against an untied twin holding the same values); a tied tiny GPT trains through the
// app's own job (loss falls) and its run's model files reload tied; model files reload with the same predictions.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { TrainEventBody } from '../../shared/api';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphFile } from '../../shared/graph/types';
import type { ParamValues } from '../../shared/layers/types';
import { inferGraph, inferGraphFile } from '../../shared/infer';
import { getTemplate } from '../../shared/templates';
import { buildModel, compileModel } from './compile';
import { prepareEngine } from './setup';
import { runJob, MODEL_DIR } from '../training/job';
import { TrainControl } from '../training/control';
import { folderSaveHandler, loadModelFromFolder } from '../training/model-files';

let tmp = '';
beforeAll(async () => {
  prepareEngine(tf);
  await tf.setBackend('cpu');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-tied-'));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

const VOCAB = 11;
const D = 8;

/** Token ids [6] -> Embedding (VOCAB x D) -> Dense(D, tanh) -> head -> Output; the head is tied or a plain Dense. */
function lmGraph(tied: boolean): GraphFile {
  const head: [string, ParamValues] = tied ? ['TiedDense', { tiedTo: 'emb' }] : ['Dense', { units: VOCAB, activation: 'softmax', useBias: false }];
  const specs: [string, string, ParamValues][] = [
    ['x', 'Input', { shape: [6] }],
    ['emb', 'Embedding', { inputDim: VOCAB, outputDim: D }],
    ['mix', 'Dense', { units: D, activation: 'tanh' }],
    ['head', ...head],
    ['y', 'Output', {}],
  ];
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: tied ? 'tied' : 'untied',
    nodes: specs.map(([id, kind, params], i) => ({ id, kind, params, position: { x: i * 240, y: 0 } })),
    edges: specs.slice(1).map(([id], i) => ({ id: `e${i}`, source: specs[i][0], sourceHandle: 'out', target: id, targetHandle: 'in' })),
    dataset: { id: 'synthetic', representation: 'vector', labels: 'int', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 8, optimizer: 'adam', learningRate: 0.02, loss: 'sparseCategoricalCrossentropy', metrics: [], backend: 'cpu' },
  };
}

/** Ids 0..4 only: rows 5..10 of the table are never looked up, so only the head can move them. */
const ID_VALUES = Array.from({ length: 4 * 6 }, (_, i) => (i * 7) % 5);
const ids = () => tf.tensor2d(ID_VALUES, [4, 6]);
/** The target for id t is 2t + 1 (1, 3, ..., 9): learnable per position, and partly outside the ids seen. */
const next = () => tf.tensor3d(ID_VALUES.map((t) => 2 * t + 1), [4, 6, 1]);

/** Mean sparse categorical cross-entropy of probabilities p [..., VOCAB] for integer targets y [..., 1]. */
function crossEntropy(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  const onehot = tf.oneHot(tf.cast(tf.squeeze(y, [-1]), 'int32'), VOCAB);
  return tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.log(tf.clipByValue(p, 1e-7, 1))), -1))) as tf.Scalar;
}

function weight(model: tf.LayersModel, name: string): tf.LayerVariable {
  const w = model.weights.find((x) => x.originalName === name);
  if (!w) throw new Error(`no weight ${name}`);
  return w;
}

/** d loss / d each variable, for one forward pass in training mode. */
function grads(model: tf.LayersModel, vars: tf.LayerVariable[]): tf.Tensor[] {
  return tf.tidy(() => {
    const x = ids();
    const y = next();
    const loss = () => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor);
    const variables = vars.map((v) => v.read() as tf.Variable);
    const { grads: g } = tf.variableGrads(loss, variables);
    return variables.map((v) => tf.keep(g[v.name]));
  });
}

const norm = (t: tf.Tensor) => tf.tidy(() => tf.norm(t).dataSync()[0]);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('a tied head shares the Embedding\'s variable', () => {
  it('one vocab x d variable in model.trainableWeights, none in the head, counted once', () => {
    const { model } = buildModel(lmGraph(true), tf);
    const tables = model.trainableWeights.filter((w) => w.shape.join('x') === `${VOCAB}x${D}`);
    expect(tables.map((w) => w.originalName)).toEqual(['n_emb/embeddings']);
    expect(model.getLayer('n_head').weights).toEqual([]);
    expect(model.countParams()).toBe(inferGraph(lmGraph(true)).totalParams);
    expect(model.countParams()).toBe(VOCAB * D + D * D + D);
    // The untied twin holds a second matrix of the same size.
    const twin = buildModel(lmGraph(false), tf).model;
    expect(twin.countParams() - model.countParams()).toBe(VOCAB * D);
    model.dispose();
    twin.dispose();
  });

  it('its gradient is the lookup\'s plus the head\'s contribution: both uses train the one matrix', () => {
    const tied = buildModel(lmGraph(true), tf).model;
    const twin = buildModel(lmGraph(false), tf).model;
    // The twin holds the same values, with the head's kernel being E^T.
    const table = weight(tied, 'n_emb/embeddings');
    weight(twin, 'n_emb/embeddings').write(table.read());
    weight(twin, 'n_mix/kernel').write(weight(tied, 'n_mix/kernel').read());
    weight(twin, 'n_mix/bias').write(weight(tied, 'n_mix/bias').read());
    weight(twin, 'n_head/kernel').write(tf.transpose(table.read()));
    const same = tf.tidy(() => maxDiff(tied.predict(ids()) as tf.Tensor, twin.predict(ids()) as tf.Tensor));
    expect(same).toBeLessThan(1e-6);

    const [gTied] = grads(tied, [table]);
    const [gLookup, gHeadKernel] = grads(twin, [weight(twin, 'n_emb/embeddings'), weight(twin, 'n_head/kernel')]);
    const gHead = tf.transpose(gHeadKernel);
    const sum = tf.add(gLookup, gHead);
    console.log(`[tied] |grad| tied ${norm(gTied).toExponential(3)}, lookup part ${norm(gLookup).toExponential(3)}, head part ${norm(gHead).toExponential(3)}, |tied - (lookup + head)| ${maxDiff(gTied, sum).toExponential(2)}`);
    expect(maxDiff(gTied, sum)).toBeLessThan(1e-6);
    // Each use contributes: the tied gradient is neither part alone.
    expect(norm(gLookup)).toBeGreaterThan(1e-3);
    expect(norm(gHead)).toBeGreaterThan(1e-3);
    expect(maxDiff(gTied, gLookup)).toBeGreaterThan(1e-4);
    expect(maxDiff(gTied, gHead)).toBeGreaterThan(1e-4);
    // Rows of ids never looked up (5..10) still get a gradient, from the head alone.
    const unseen = tf.slice(gTied, [5, 0], [VOCAB - 5, D]);
    expect(norm(unseen)).toBeGreaterThan(1e-3);
    expect(maxDiff(unseen, tf.slice(gHead, [5, 0], [VOCAB - 5, D]))).toBeLessThan(1e-6);
    tf.dispose([gTied, gLookup, gHeadKernel, gHead, sum, unseen]);
    tied.dispose();
    twin.dispose();
  });

  it('trains (loss falls) and reloads from model files with the same predictions, still tied', async () => {
    const graph = lmGraph(true);
    const { model } = buildModel(graph, tf);
    compileModel(model, graph.training, tf);
    const x = ids();
    const y = next();
    const history = await model.fit(x, y, { epochs: 30, batchSize: 4, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[29]).toBeLessThan(0.5 * losses[0]);
    const dir = path.join(tmp, 'files');
    await model.save(folderSaveHandler(dir));
    const reloaded = await loadModelFromFolder(dir, tf);
    expect(reloaded.trainableWeights.filter((w) => w.shape.join('x') === `${VOCAB}x${D}`).map((w) => w.originalName)).toEqual(['n_emb/embeddings']);
    expect(reloaded.getLayer('n_head').weights).toEqual([]);
    expect(reloaded.countParams()).toBe(model.countParams());
    const a = model.predict(x) as tf.Tensor;
    const b = reloaded.predict(x) as tf.Tensor;
    expect(maxDiff(a, b)).toBe(0);
    // Still one matrix after reloading: changing the table changes the head's scores for every id.
    weight(reloaded, 'n_emb/embeddings').write(tf.zeros([VOCAB, D]));
    const flat = reloaded.predict(x) as tf.Tensor;
    expect(maxDiff(flat, tf.fill(flat.shape, 1 / VOCAB))).toBeLessThan(1e-6);
    tf.dispose([x, y, a, b, flat]);
    model.dispose();
    reloaded.dispose();
  });
});

describe('the tied tiny GPT through the app\'s training job', () => {
  it('trains on the sample text (loss falls), and the run\'s model files reload with one shared table', async () => {
    const t = getTemplate('char-gpt')!;
    const graph = structuredClone(t.graph);
    graph.dataset = { ...graph.dataset, limit: 240, options: { ...graph.dataset.options, context: 16, stride: 4 } };
    graph.nodes.find((n) => n.id === 'tokens')!.params.shape = [16];
    graph.nodes.find((n) => n.id === 'positions')!.params.maxLength = 16;
    graph.nodes.find((n) => n.id === 'token_embedding')!.params.outputDim = 32;
    graph.nodes.find((n) => n.id === 'decoder')!.params = { ...graph.nodes.find((n) => n.id === 'decoder')!.params, layers: 1, ffDim: 64 };
    graph.training = { ...graph.training, epochs: 4, batchSize: 16, learningRate: 0.005, backend: 'cpu' };
    expect(inferGraphFile(graph).errors).toEqual([]);

    const runDir = path.join(tmp, 'run');
    const events: TrainEventBody[] = [];
    await runJob({ runId: 'tied', graph, runDir, cacheDir: tmp }, (e) => events.push(e), new TrainControl());
    const done = events[events.length - 1];
    expect(done).toMatchObject({ type: 'done', status: 'completed' });
    const epochs = events.flatMap((e) => (e.type === 'epoch' ? [e.metrics] : []));
    console.log(`[tied] char GPT epochs: ${epochs.map((m) => `loss ${m.loss.toFixed(3)} val ${m.val_loss?.toFixed(3)}`).join('; ')}`);
    expect(epochs).toHaveLength(4);
    expect(epochs[3].loss).toBeLessThan(0.8 * epochs[0].loss);

    const model = await loadModelFromFolder(path.join(runDir, MODEL_DIR), tf);
    expect(model.countParams()).toBe(inferGraphFile(graph).totalParams);
    const vocab = Number(graph.nodes.find((n) => n.id === 'token_embedding')!.params.inputDim);
    expect(model.trainableWeights.filter((w) => w.shape[0] === vocab).map((w) => w.originalName)).toEqual(['n_token_embedding/embeddings']);
    expect(model.getLayer('n_lm_head').weights).toEqual([]);
    model.dispose();
  }, 240_000);
});
