// tfjs optimizers from the graph's TrainingConfig.
import type * as tfTypes from '@tensorflow/tfjs';
import type { OptimizerName, TrainingConfig } from '../../shared/graph/types';

type TF = typeof tfTypes;

/** Momentum used by 'momentum' / 'nesterov' when the config leaves it out (the usual textbook value). */
export const DEFAULT_MOMENTUM = 0.9;

export const OPTIMIZER_NAMES: readonly OptimizerName[] = [
  'sgd',
  'momentum',
  'nesterov',
  'adam',
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

export function makeOptimizer(
  training: Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'momentum'>,
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
      return tf.train.adam(lr);
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
