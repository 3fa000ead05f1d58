// tfjs optimizers from the graph's TrainingConfig.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GradientClipConfig, OptimizerName, TrainingConfig } from '../../shared/graph/types';
import { ADAM_KERNEL, type AdamAttrs } from './wasm-kernels/adam';

type TF = typeof tfTypes;

/** Momentum used by 'momentum' / 'nesterov' when the config leaves it out (the usual textbook value). */
export const DEFAULT_MOMENTUM = 0.9;
/** AdamW's decoupled weight decay when the config leaves it out (PyTorch's default). */
export const DEFAULT_WEIGHT_DECAY = 0.01;

export const OPTIMIZER_NAMES: readonly OptimizerName[] = [
  'sgd',
  'momentum',
  'nesterov',
  'adam',
  'adamw',
  'adamax',
  'rmsprop',
  'adagrad',
  'adadelta',
];

interface AdadeltaState {
  learningRate: number;
  rho: number;
  epsilon: number;
  accumulatedGrads: { originalName: string; variable: tfTypes.Variable }[];
  accumulatedUpdates: { originalName: string; variable: tfTypes.Variable }[];
  incrementIterations(): void;
}

/**
 * tfjs 4.22's Adadelta divides by the accumulated squared gradient from BEFORE the current step, so the
 * first step moves by the whole gradient (lr 1 on (w-3)^2 oscillates 0, 6, 0, ... for ever).
 * This applies the published update (Zeiler 2012, as Keras does) and keeps the same state variables,
 * so saving with the optimizer and class name 'Adadelta' still work.
 */
function fixedAdadelta(tf: TF, lr: number): tfTypes.Optimizer {
  const opt = tf.train.adadelta(lr);
  const s = opt as unknown as AdadeltaState;
  opt.applyGradients = (variableGradients: tfTypes.NamedTensorMap | { name: string; tensor: tfTypes.Tensor }[]) => {
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
    list.forEach(({ name, tensor: gradient }, i) => {
      const value = tf.engine().registeredVariables[name];
      s.accumulatedGrads[i] ??= { originalName: `${name}/accum_grad`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      s.accumulatedUpdates[i] ??= { originalName: `${name}/accum_var`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      if (gradient == null) return;
      const accGrad = s.accumulatedGrads[i].variable;
      const accUpdate = s.accumulatedUpdates[i].variable;
      tf.tidy(() => {
        const newAccGrad = accGrad.mul(s.rho).add(gradient.square().mul(1 - s.rho));
        const update = accUpdate.add(s.epsilon).sqrt().div(newAccGrad.add(s.epsilon).sqrt()).mul(gradient);
        accUpdate.assign(accUpdate.mul(s.rho).add(update.square().mul(1 - s.rho)));
        accGrad.assign(newAccGrad);
        value.assign(value.sub(update.mul(s.learningRate)));
      });
    });
    s.incrementIterations();
  };
  return opt;
}

type GradientList = { name: string; tensor: tfTypes.Tensor | null }[];
type Gradients = Parameters<tfTypes.Optimizer['applyGradients']>[0];
type ApplyGradients = (grads: Gradients) => void;

function gradientList(grads: Gradients): GradientList {
  return Array.isArray(grads) ? grads : Object.keys(grads).map((name) => ({ name, tensor: grads[name] }));
}

interface AdamState {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  accBeta1: tfTypes.Variable;
  accBeta2: tfTypes.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tfTypes.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tfTypes.Variable }[];
  incrementIterations(): void;
}

/**
 * tfjs's Adam with each variable's step as one fused kernel on wasm (wasm-kernels/adam.ts: one pass over
 * memory instead of a dozen ops and passes), bit-for-bit the same numbers. The state variables, their names
 * and the iteration count are tfjs's own, so saving and loading the optimizer work as before. Other
 * backends, and wasm with LAYERLAB_WASM_KERNELS=stock (no fused kernel registered), run tfjs's step.
 */
function withFusedAdam(tf: TF, opt: tfTypes.Optimizer): tfTypes.Optimizer {
  const s = opt as unknown as AdamState;
  const stockStep: ApplyGradients = opt.applyGradients.bind(opt);
  opt.applyGradients = (grads) => {
    if (tf.getBackend() !== 'wasm' || !tf.getKernel(ADAM_KERNEL, 'wasm')) return stockStep(grads);
    tf.tidy(() => {
      const attrs: AdamAttrs = {
        beta1: s.beta1,
        beta2: s.beta2,
        oneMinusAccBeta1: 1 - s.accBeta1.dataSync()[0],
        oneMinusAccBeta2: 1 - s.accBeta2.dataSync()[0],
        learningRate: s.learningRate,
        epsilon: s.epsilon,
      };
      gradientList(grads).forEach(({ name, tensor }, i) => {
        const value = tf.engine().registeredVariables[name];
        s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (tensor == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
        const inputs = { w: value, m, v, g: tensor };
        const [w2, m2, v2] = tf.engine().runKernel(ADAM_KERNEL, inputs, attrs as unknown as tfTypes.NamedAttrMap) as tfTypes.Tensor[];
        m.assign(m2);
        v.assign(v2);
        value.assign(w2);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    s.incrementIterations();
  };
  return opt;
}

/**
 * AdamW (Loshchilov & Hutter): after each Adam step every updated weight shrinks by lr * weightDecay,
 * decoupled from the adaptive gradient step. Every variable with a gradient is decayed (as torch.optim.AdamW
 * over model.parameters()). The optimizer still saves as tfjs 'Adam': a reloaded one has no decay.
 */
function adamW(tf: TF, lr: number, weightDecay: number): tfTypes.Optimizer {
  const opt: tfTypes.Optimizer = withFusedAdam(tf, tf.train.adam(lr));
  const adamStep: ApplyGradients = opt.applyGradients.bind(opt);
  opt.applyGradients = (grads) => {
    adamStep(grads);
    const rate = (opt as unknown as { learningRate: number }).learningRate;
    const keep = 1 - rate * weightDecay;
    tf.tidy(() => {
      for (const { name, tensor } of gradientList(grads)) {
        if (tensor == null) continue;
        const value = tf.engine().registeredVariables[name];
        value.assign(value.mul(keep));
      }
    });
  };
  return opt;
}

/** What the clipping wrapper saw at the last step (the fit loop reports it as 'grad_norm'). */
export interface ClipStats {
  /** Global L2 norm of the gradients before clipping. */
  lastNorm: number;
  /** Steps whose gradients were scaled down by clipNorm. */
  clippedSteps: number;
  steps: number;
}

const clipStats = new WeakMap<tfTypes.Optimizer, ClipStats>();

export function clipStatsOf(optimizer: tfTypes.Optimizer | undefined): ClipStats | undefined {
  return optimizer ? clipStats.get(optimizer) : undefined;
}

/**
 * Clips gradients before the optimizer's step. tfjs optimizers do not clip; LayersModel.trainOnBatch
 * calls optimizer.minimize = computeGradients + applyGradients, so wrapping applyGradients clips inside
 * the normal training step (metrics, regularisers and all). clipNorm scales all gradients together so
 * the global L2 norm is at most clipNorm (PyTorch clip_grad_norm_); clipValue then clips each element.
 */
export function withGradientClipping(tf: TF, opt: tfTypes.Optimizer, clip: GradientClipConfig): tfTypes.Optimizer {
  const { clipNorm, clipValue } = clip;
  if (clipNorm === undefined && clipValue === undefined) return opt;
  const stats: ClipStats = { lastNorm: NaN, clippedSteps: 0, steps: 0 };
  clipStats.set(opt, stats);
  const step: ApplyGradients = opt.applyGradients.bind(opt);
  opt.applyGradients = (grads) => {
    const list = gradientList(grads);
    const present = list.filter((g): g is { name: string; tensor: tfTypes.Tensor } => g.tensor != null);
    const [norm, ...clipped] = tf.tidy(() => {
      const sumSquares = tf.addN(present.map((g) => tf.sum(tf.square(g.tensor))));
      const globalNorm = tf.sqrt(sumSquares);
      // scale = clipNorm / max(norm, clipNorm): 1 when the norm is within bounds.
      const scale = clipNorm === undefined ? null : tf.div(clipNorm, tf.maximum(globalNorm, clipNorm));
      const out = present.map((g) => {
        let t = scale ? tf.mul(g.tensor, scale) : g.tensor;
        if (clipValue !== undefined) t = tf.clipByValue(t, -clipValue, clipValue);
        return t === g.tensor ? tf.clone(t) : t;
      });
      return [globalNorm, ...out];
    });
    try {
      stats.lastNorm = norm.dataSync()[0];
      stats.steps++;
      if (clipNorm !== undefined && stats.lastNorm > clipNorm) stats.clippedSteps++;
      let k = 0;
      // Same names in the same order: stateful optimizers index their slots by position.
      step(list.map((g) => ({ name: g.name, tensor: g.tensor == null ? (null as unknown as tfTypes.Tensor) : clipped[k++] })));
    } finally {
      tf.dispose([norm, ...clipped]);
    }
  };
  return opt;
}

export function makeOptimizer(
  training: Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'momentum' | 'weightDecay' | 'gradientClip'>,
  tf: TF,
): tfTypes.Optimizer {
  const opt = makeBaseOptimizer(training, tf);
  return training.gradientClip ? withGradientClipping(tf, opt, training.gradientClip) : opt;
}

function makeBaseOptimizer(
  training: Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'momentum' | 'weightDecay'>,
  tf: TF,
): tfTypes.Optimizer {
  const lr = training.learningRate;
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr > 0)) {
    throw new Error(`Training setting 'learningRate' must be a positive number, got ${String(lr)}`);
  }
  const momentum = training.momentum ?? DEFAULT_MOMENTUM;
  if (!(Number.isFinite(momentum) && momentum >= 0 && momentum < 1)) {
    throw new Error(`Training setting 'momentum' must be in [0, 1), got ${String(momentum)}`);
  }
  switch (training.optimizer) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, momentum, false);
    case 'nesterov':
      return tf.train.momentum(lr, momentum, true);
    case 'adam':
      return withFusedAdam(tf, tf.train.adam(lr));
    case 'adamw': {
      const wd = training.weightDecay ?? DEFAULT_WEIGHT_DECAY;
      if (!(Number.isFinite(wd) && wd >= 0 && wd < 1)) {
        throw new Error(`Training setting 'weightDecay' must be in [0, 1), got ${String(wd)}`);
      }
      return adamW(tf, lr, wd);
    }
    case 'adamax':
      return tf.train.adamax(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return fixedAdadelta(tf, lr);
    default:
      throw new Error(
        `Unknown optimizer '${String(training.optimizer)}'; expected one of ${OPTIMIZER_NAMES.join(', ')}`,
      );
  }
}
