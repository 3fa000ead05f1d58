// The look-inside computations as the job worker runs them: a stored run's per-node activations for one TryInput,
// and a 2-D PCA projection of one layer over the first samples of the test split. The run, its model and dataset
// come from predict/load-run.ts (the worker keeps the last one loaded); the input from predict/prepare-input.ts.
import * as tf from '@tensorflow/tfjs';
import type { TryInput } from '../../shared/try-input';
import type { GraphFile } from '../../shared/graph/types';
import { layerNameFor } from '../../shared/graph/node-names';
import { topologicalOrder } from '../../shared/graph/topo';
import { INSPECT_LIMITS, type RunActivations, type RunProjection } from '../../shared/inspect';
import { loadTryRun, type LoadedTryRun } from '../predict/load-run';
import { TryInputError, preparedTensors, prepareInput, trySplit, vocabularyOf, type PreparedInput } from '../predict/prepare-input';
import { batchTensor } from '../training/fit-loop';
import { computeActivations } from './activations';
import { pca2 } from './pca';
import { roundForView } from './summarise';

/** How a token shows on an axis: visible stand-ins for blanks and line breaks. */
function tokenLabel(ch: string | undefined, id: number): string {
  if (ch === undefined || ch === '') return `#${id}`;
  if (ch === ' ') return '␣';
  if (ch === '\n') return '⏎';
  return ch;
}

/** The first input's tokens as labels, when it is a sequence of token ids of a known vocabulary. */
function inputTokens(run: LoadedTryRun, prepared: PreparedInput): string[] | undefined {
  const vocab = vocabularyOf(run.dataset);
  const first = prepared.features[0];
  if (!vocab || !first || first.dtype !== 'int32' || first.shape.length !== 2) return undefined;
  const ids = prepared.text ? prepared.text.ids : Array.from(first.data);
  return ids.map((id) => tokenLabel(vocab.chars[id], id));
}

function classNamesOf(run: LoadedTryRun): string[] {
  return run.dataset.classNames ?? run.dataset.descriptor.classNames ?? [];
}

/** The predicted class of the first output (at the text's position for a sequence output), when it classifies. */
function predictionOf(run: LoadedTryRun, output: tf.Tensor, prepared: PreparedInput): RunActivations['prediction'] {
  const names = classNamesOf(run);
  const last = output.shape[output.shape.length - 1]!;
  if (names.length !== last || last < 2) return undefined;
  const data = output.dataSync();
  const rows = data.length / last;
  const row = prepared.text ? Math.min(prepared.text.position, rows - 1) : rows - 1;
  let best = 0;
  for (let k = 1; k < last; k++) if (data[row * last + k] > data[row * last + best]) best = k;
  return { classIndex: best, className: names[best] === '' ? `#${best}` : names[best], probability: data[row * last + best] };
}

export async function runInspectJob(job: { dataDir: string; runId: string; input: TryInput }): Promise<RunActivations> {
  const run = await loadTryRun(job.dataDir, job.runId);
  const prepared = prepareInput(run, job.input);
  const xs = preparedTensors(tf, prepared);
  const notes: string[] = [];
  try {
    const tokens = inputTokens(run, prepared);
    const nodes = computeActivations(tf, run.model, run.graph, xs, notes, { tokens });
    const output = run.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor | tf.Tensor[];
    const first = Array.isArray(output) ? output[0] : output;
    const prediction = predictionOf(run, first, prepared);
    tf.dispose(output);
    const classNames = classNamesOf(run);
    return { runId: job.runId, nodes, ...(tokens ? { tokens } : {}), ...(prediction ? { prediction } : {}), ...(classNames.length ? { classNames } : {}), notes };
  } finally {
    tf.dispose(xs);
  }
}

/** Nodes worth projecting (everything with a layer but the inputs and outputs), in execution order. */
function projectable(graph: GraphFile, model: tf.LayersModel): { nodeId: string; kind: string }[] {
  const names = new Set(model.layers.map((l) => l.name));
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  return topologicalOrder(graph.nodes, graph.edges)
    .order.filter((id) => kinds.get(id) !== 'Input' && kinds.get(id) !== 'Output' && names.has(layerNameFor(id)))
    .map((nodeId) => ({ nodeId, kind: kinds.get(nodeId)! }));
}

/** The last hidden layer: the node that feeds the layer that feeds the (first) Output, else the last candidate. */
function lastHidden(graph: GraphFile, candidates: { nodeId: string }[]): string | undefined {
  const output = graph.nodes.find((n) => n.kind === 'Output');
  const into = (id: string) => graph.edges.find((e) => e.target === id)?.source;
  const head = output && into(output.id);
  let hidden = head && into(head);
  // Dropout passes its input through at inference: the layer before it is the one that learned something.
  while (hidden && graph.nodes.find((n) => n.id === hidden)?.kind === 'Dropout') hidden = into(hidden);
  if (hidden && candidates.some((c) => c.nodeId === hidden)) return hidden;
  return candidates.at(-2)?.nodeId ?? candidates.at(-1)?.nodeId;
}

export async function runProjectionJob(job: { dataDir: string; runId: string; nodeId?: string; samples?: number }): Promise<RunProjection> {
  const run = await loadTryRun(job.dataDir, job.runId);
  const candidates = projectable(run.graph, run.model);
  const nodeId = job.nodeId ?? lastHidden(run.graph, candidates);
  if (!nodeId || !candidates.some((c) => c.nodeId === nodeId)) {
    throw new TryInputError(`no layer '${job.nodeId ?? ''}' to project; layers: ${candidates.map((c) => c.nodeId).join(', ') || 'none'}`);
  }
  const found = trySplit(run.dataset);
  if (!found) throw new TryInputError('the dataset has neither a test nor a validation split to project');
  const { split, which } = found;
  const n = Math.min(split.size, job.samples ?? INSPECT_LIMITS.projectionSamples, INSPECT_LIMITS.projectionSamples);
  const features = run.inputs.map((input) => {
    const t = split.features[input.feature];
    if (!t) throw new TryInputError(`the ${which} split has no feature '${input.feature}'`);
    return t;
  });
  const layer = run.model.getLayer(layerNameFor(nodeId));
  const out = Array.isArray(layer.output) ? layer.output[0] : layer.output;
  const side = tf.model({ inputs: run.model.inputs, outputs: out });
  // Each sample's activation as one vector: a sequence or feature map is averaged over its steps / pixels.
  let width = 0;
  let rows = new Float32Array(0);
  for (let start = 0; start < n; start += 128) {
    const end = Math.min(n, start + 128);
    const xs = features.map((t) => batchTensor(tf, t, null, start, end));
    const y = tf.tidy(() => {
      const raw = side.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
      return raw.rank > 2 ? tf.mean(raw, [...Array(raw.rank - 2).keys()].map((a) => a + 1)) : raw;
    });
    if (width === 0) {
      width = y.shape[1]!;
      rows = new Float32Array(n * width);
    }
    rows.set(y.dataSync(), start * width);
    tf.dispose([...xs, y]);
  }
  const { coords, explained } = pca2(rows, n, width);
  const notes: string[] = [];
  if (split.size > n) notes.push(`the first ${n} of ${split.size} ${which} samples`);
  const classes = split.classes;
  if (!classes) notes.push('the dataset has no classes: every point has the same colour');
  return {
    runId: job.runId,
    nodeId,
    split: which,
    points: coords.map(([x, y], i) => ({ x: roundForView(x), y: roundForView(y), cls: classes ? classes[i] : -1 })),
    classNames: classNamesOf(run),
    explained: [roundForView(explained[0]), roundForView(explained[1])],
    candidates,
    notes,
  };
}
