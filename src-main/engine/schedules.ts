// Learning-rate schedules (per epoch) and setting a tfjs optimizer's learning rate between batches.
// The schedule itself is plain arithmetic, so it is tested without tfjs.
import type * as tfTypes from '@tensorflow/tfjs';
import type { LrScheduleConfig } from '../../shared/graph/types';

export const SCHEDULE_DEFAULTS = {
  stepEpochs: 10,
  stepGamma: 0.1,
  exponentialGamma: 0.95,
  minLr: 0,
  patience: 5,
  factor: 0.1,
} as const;

export const SCHEDULE_TYPES: readonly LrScheduleConfig['type'][] = ['none', 'step', 'exponential', 'cosine', 'plateau'];

/** Relative improvement reduce-on-plateau needs to reset its patience (PyTorch's default threshold). */
const PLATEAU_THRESHOLD = 1e-4;

/**
 * Gives the learning rate for each epoch. Epoch-indexed schedules (step, exponential, cosine) are pure
 * functions of the epoch; 'plateau' also needs `observe` after every epoch with the monitored value.
 */
export class LrScheduler {
  private readonly config: LrScheduleConfig;
  private plateauLr: number;
  private best = Infinity;
  private wait = 0;

  constructor(
    config: LrScheduleConfig | undefined,
    private readonly baseLr: number,
    private readonly epochs: number,
  ) {
    this.config = config ?? { type: 'none' };
    if (!SCHEDULE_TYPES.includes(this.config.type)) {
      throw new Error(`Unknown learning-rate schedule '${String(this.config.type)}'; expected one of ${SCHEDULE_TYPES.join(', ')}`);
    }
    this.plateauLr = baseLr;
  }

  get type(): LrScheduleConfig['type'] {
    return this.config.type;
  }

  /** The rate for a 0-based epoch. */
  lrFor(epoch: number): number {
    const c = this.config;
    switch (c.type) {
      case 'none':
        return this.baseLr;
      case 'step':
        return this.baseLr * Math.pow(c.gamma ?? SCHEDULE_DEFAULTS.stepGamma, Math.floor(epoch / (c.stepEpochs ?? SCHEDULE_DEFAULTS.stepEpochs)));
      case 'exponential':
        return this.baseLr * Math.pow(c.gamma ?? SCHEDULE_DEFAULTS.exponentialGamma, epoch);
      case 'cosine': {
        // Cosine annealing over the whole run (PyTorch CosineAnnealingLR with T_max = epochs).
        const minLr = Math.min(c.minLr ?? SCHEDULE_DEFAULTS.minLr, this.baseLr);
        return minLr + ((this.baseLr - minLr) * (1 + Math.cos((Math.PI * epoch) / this.epochs))) / 2;
      }
      case 'plateau':
        return this.plateauLr;
    }
  }

  /**
   * Reduce-on-plateau bookkeeping after an epoch: when `value` (lower is better) has not improved for
   * more than `patience` epochs, the rate is multiplied by `factor` (not below minLr). Returns a message
   * when it reduced the rate, else null. Other schedules ignore it.
   */
  observe(value: number): string | null {
    const c = this.config;
    if (c.type !== 'plateau' || !Number.isFinite(value)) return null;
    if (!Number.isFinite(this.best) || value < this.best - Math.abs(this.best) * PLATEAU_THRESHOLD) {
      this.best = value;
      this.wait = 0;
      return null;
    }
    this.wait++;
    if (this.wait <= (c.patience ?? SCHEDULE_DEFAULTS.patience)) return null;
    const minLr = c.minLr ?? SCHEDULE_DEFAULTS.minLr;
    const next = Math.max(minLr, this.plateauLr * (c.factor ?? SCHEDULE_DEFAULTS.factor));
    this.wait = 0;
    if (next >= this.plateauLr) return null;
    const before = this.plateauLr;
    this.plateauLr = next;
    return `Learning rate reduced on plateau: ${before.toPrecision(3)} -> ${next.toPrecision(3)}`;
  }
}

/**
 * Sets the rate a tfjs optimizer uses from its next step on. SGD and Momentum cache -lr in a kept
 * scalar (setLearningRate replaces it); the others read `learningRate` at every step.
 */
export function setOptimizerLearningRate(optimizer: tfTypes.Optimizer, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.learningRate === lr) return;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

export function optimizerLearningRate(optimizer: tfTypes.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}
