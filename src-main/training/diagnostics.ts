// Training diagnostics, computed in the training worker: per-layer gradient and weight norms at sampled steps
// (taken from the gradients the optimizer is about to apply, so no extra backward pass), and once per epoch on a
// fixed probe batch: weight and activation histograms, the fraction of dead ReLU units and, for sequence
// models, the loss gradient with respect to the input at each time step.
import type * as tfTypes from '@tensorflow/tfjs';
import type { EpochLayerStats, Histogram, LayerNorm } from '../../shared/api';
import { DEFAULT_DIAGNOSTICS_EVERY, type DiagnosticsConfig } from '../../shared/graph/types';

type TF = typeof tfTypes;
type Gradients = Parameters<tfTypes.Optimizer['applyGradients']>[0];

export const HISTOGRAM_BINS = 30;
/** Values binned per histogram at most (an even stride through larger tensors). */
const HISTOGRAM_SAMPLE = 100_000;
/** Training samples the per-epoch statistics look at. */
export const PROBE_SAMPLES = 64;

/** How often norms are recorded; 0 = diagnostics off. */
export function diagnosticsEvery(config: DiagnosticsConfig | undefined): number {
  if (config && !config.record) return 0;
  return config?.everyBatches ?? DEFAULT_DIAGNOSTICS_EVERY;
}

/** Variable name -> the node (or layer) it belongs to, for every trainable weight of the model. */
function variableOwners(model: tfTypes.LayersModel, nodeOf: (layerName: string) => string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const layer of model.layers) {
    for (const w of layer.trainableWeights) owners.set(w.name, nodeOf(layer.name));
  }
  return owners;
}

/**
 * Wraps the optimizer's applyGradients (outermost, so before any clipping) and, on the steps it is armed for,
 * sums the squared gradients and weights per node. One dataSync per recorded step; nothing on the others.
 */
export class NormRecorder {
  private armed = false;
  private last: LayerNorm[] | null = null;
  private readonly original: tfTypes.Optimizer['applyGradients'];

  constructor(
    private readonly tf: TF,
    private readonly optimizer: tfTypes.Optimizer,
    model: tfTypes.LayersModel,
    nodeOf: (layerName: string) => string,
  ) {
    const owners = variableOwners(model, nodeOf);
    this.original = optimizer.applyGradients;
    const step = optimizer.applyGradients.bind(optimizer);
    optimizer.applyGradients = (grads: Gradients) => {
      if (this.armed) {
        this.armed = false;
        this.last = this.measure(grads, owners);
      }
      step(grads);
    };
  }

  /** The next optimizer step is measured. */
  arm(): void {
    this.armed = true;
    this.last = null;
  }

  /** The norms of the armed step (null when it did not run). */
  take(): LayerNorm[] | null {
    const out = this.last;
    this.last = null;
    this.armed = false;
    return out;
  }

  /** Puts the optimizer's own applyGradients back. */
  release(): void {
    this.optimizer.applyGradients = this.original;
  }

  private measure(grads: Gradients, owners: Map<string, string>): LayerNorm[] {
    const tf = this.tf;
    const list = Array.isArray(grads) ? grads : Object.keys(grads).map((name) => ({ name, tensor: grads[name] }));
    const nodes: string[] = [];
    const index = new Map<string, number>();
    const entries: { node: number; grad: tfTypes.Tensor; weight: tfTypes.Tensor }[] = [];
    for (const { name, tensor } of list) {
      const weight = tf.engine().registeredVariables[name];
      if (tensor == null || !weight) continue;
      const node = owners.get(name) ?? name;
      if (!index.has(node)) {
        index.set(node, nodes.length);
        nodes.push(node);
      }
      entries.push({ node: index.get(node)!, grad: tensor, weight });
    }
    if (entries.length === 0) return [];
    // [grad sum of squares..., weight sum of squares...] per variable, read back in one go.
    const sums = tf.tidy(() => tf.stack([...entries.map((e) => tf.sum(tf.square(e.grad))), ...entries.map((e) => tf.sum(tf.square(e.weight)))]));
    const values = sums.dataSync();
    sums.dispose();
    const grad = new Float64Array(nodes.length);
    const weight = new Float64Array(nodes.length);
    entries.forEach((e, i) => {
      grad[e.node] += values[i];
      weight[e.node] += values[entries.length + i];
    });
    return nodes.map((node, i) => ({ node, gradNorm: Math.sqrt(grad[i]), weightNorm: Math.sqrt(weight[i]) }));
  }
}

/** Equal-width histogram of (a stride sample of) `values`; non-finite values are left out. */
export function histogramOf(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  const stride = Math.max(1, Math.floor(values.length / HISTOGRAM_SAMPLE));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Array<number>(bins).fill(0);
  if (lo > hi) return { lo: 0, hi: 0, counts };
  const width = hi > lo ? (hi - lo) / bins : 1;
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return { lo, hi, counts };
}

/** True when the layer's output passes through a ReLU (a 'relu' activation setting or a ReLU layer). */
function isRelu(layer: tfTypes.layers.Layer): boolean {
  if (layer.getClassName() === 'ReLU') return true;
  try {
    return (layer.getConfig() as { activation?: unknown }).activation === 'relu';
  } catch {
    return false;
  }
}

/** Units (last axis) whose output is <= 0 for every probe sample and position, as a fraction of all units. */
function deadFraction(tf: TF, out: tfTypes.Tensor): number {
  const units = out.shape[out.shape.length - 1] ?? 1;
  const alive = tf.tidy(() => tf.sum(tf.cast(tf.greater(tf.max(tf.reshape(out, [-1, units]), 0), 0), 'float32')));
  const n = alive.dataSync()[0];
  alive.dispose();
  return 1 - n / units;
}

/**
 * The per-epoch statistics. Activation models are built once per fit (probeModel) and reused each epoch;
 * layers whose output cannot be tapped (shared layers, several outputs) are left out.
 */
export class EpochProbe {
  private readonly taps: { node: string; relu: boolean }[] = [];
  private readonly tapModel: tfTypes.LayersModel | null;

  constructor(
    private readonly tf: TF,
    private readonly model: tfTypes.LayersModel,
    private readonly nodeOf: (layerName: string) => string,
    private readonly xs: tfTypes.Tensor[],
    private readonly ys: tfTypes.Tensor[],
  ) {
    const outputs: tfTypes.SymbolicTensor[] = [];
    let tapModel: tfTypes.LayersModel | null = null;
    try {
      for (const layer of model.layers) {
        if (layer.getClassName() === 'InputLayer' || layer.inboundNodes.length !== 1) continue;
        const out = layer.output;
        if (Array.isArray(out)) continue;
        outputs.push(out);
        this.taps.push({ node: nodeOf(layer.name), relu: isRelu(layer) });
      }
      if (outputs.length > 0) tapModel = tf.model({ inputs: model.inputs, outputs });
    } catch {
      // A graph whose layers cannot be tapped: weights and input gradients only.
      this.taps.length = 0;
    }
    this.tapModel = tapModel;
  }

  stats(epoch: number): EpochLayerStats {
    const tf = this.tf;
    const weights: EpochLayerStats['weights'] = [];
    for (const layer of this.model.layers) {
      if (layer.trainableWeights.length === 0) continue;
      const parts = layer.trainableWeights.map((w) => w.read().dataSync());
      const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let k = 0;
      for (const p of parts) {
        all.set(p, k);
        k += p.length;
      }
      weights.push({ node: this.nodeOf(layer.name), histogram: histogramOf(all) });
    }
    const activations: EpochLayerStats['activations'] = [];
    if (this.tapModel) {
      const input = this.xs.length === 1 ? this.xs[0] : this.xs;
      const outs = this.tapModel.predict(input);
      const list = Array.isArray(outs) ? outs : [outs];
      list.forEach((out, i) => {
        const tap = this.taps[i];
        activations.push({
          node: tap.node,
          histogram: histogramOf(out.dataSync()),
          ...(tap.relu ? { deadFraction: deadFraction(tf, out) } : {}),
        });
      });
      tf.dispose(list);
    }
    const inputGradient = this.sequenceModel() ? inputGradientPerStep(tf, this.model, this.xs[0], this.ys[0]) : undefined;
    return { epoch, weights, activations, ...(inputGradient ? { inputGradient } : {}) };
  }

  dispose(): void {
    this.tf.dispose([...this.xs, ...this.ys]);
  }

  private sequenceModel(): boolean {
    const x = this.xs[0];
    return this.model.inputs.length === 1 && this.model.outputs.length === 1 && x.rank === 3 && x.dtype === 'float32';
  }
}

/**
 * Mean over samples of ||dLoss / dx_t|| for each time step t of a [batch, time, features] input, using the
 * model's compiled loss. The gradient reaching step t has passed back through every later step.
 */
export function inputGradientPerStep(tf: TF, model: tfTypes.LayersModel, x: tfTypes.Tensor, y: tfTypes.Tensor): number[] {
  type Compiled = { lossFunctions?: ((yTrue: tfTypes.Tensor, yPred: tfTypes.Tensor) => tfTypes.Tensor)[]; model?: Compiled };
  // A Sequential keeps its compiled loss on the functional model inside it.
  const compiled = model as unknown as Compiled;
  const lossFn = (compiled.lossFunctions ?? compiled.model?.lossFunctions)?.[0];
  if (!lossFn) throw new Error('The model is not compiled: no loss to differentiate');
  const perStep = tf.tidy(() => {
    const g = tf.grad((input: tfTypes.Tensor) => tf.mean(lossFn(y, model.apply(input, { training: false }) as tfTypes.Tensor)))(x);
    // [batch, time]: the norm over features, then the mean over samples.
    return tf.mean(tf.sqrt(tf.sum(tf.square(g), 2)), 0);
  });
  const values = Array.from(perStep.dataSync());
  perStep.dispose();
  return values;
}
