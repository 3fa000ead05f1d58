// How much memory training a graph needs, from inference alone (no weights are allocated): the weights,
// their gradients, the optimizer's state and the activations one batch keeps for the backward pass.
// The inspector warns with it and the host refuses a run that cannot fit in the machine's memory.
import type { GraphInference } from '../infer';
import type { OptimizerName, TrainingConfig } from './types';

/** tfjs keeps float32 everywhere. */
const BYTES_PER_VALUE = 4;

/**
 * Values per weight alive at the peak of one training step, weights and gradients included: the
 * optimizer's state (Adam's m and v, momentum's velocity) plus the temporaries its update holds for all
 * variables at once. Measured with tf.profile's peakBytes on tfjs 4.22 (MLP 784-1024-512-512-10, batch 8,
 * where activations are negligible); `src-main/engine/memory-estimate.test.ts` re-measures.
 */
const PEAK_VALUES_PER_WEIGHT: Record<OptimizerName, number> = {
  sgd: 3,
  momentum: 5,
  nesterov: 6,
  adagrad: 6.5,
  rmsprop: 11.5,
  adadelta: 12,
  adamax: 14,
  adam: 18,
  adamw: 18,
};

/**
 * tfjs keeps every op's output on the gradient tape (a Dense is a matMul, a bias add and an activation),
 * and each kept value gets a gradient of the same size: measured 2.7x (MLP) to 3.9x (Transformer encoder)
 * the layer outputs and attention working values this file counts, so they are multiplied by this.
 */
const TAPE_FACTOR = 3.5;

export function peakValuesPerWeight(optimizer: OptimizerName): number {
  return PEAK_VALUES_PER_WEIGHT[optimizer] ?? 18;
}

export interface MemoryEstimate {
  parameters: number;
  batchSize: number;
  weightsBytes: number;
  gradientsBytes: number;
  /** The optimizer's state and the temporaries of its update step. */
  optimizerBytes: number;
  /** Forward values kept for the backward pass and their gradients, for one batch. */
  activationsBytes: number;
  totalBytes: number;
  /** Some sequence lengths are unknown until run time and were counted as 1. */
  approximate: boolean;
}

type Inference = Pick<GraphInference, 'nodes' | 'totalParams'>;

export function estimateTrainingMemory(inference: Inference, training: Pick<TrainingConfig, 'batchSize' | 'optimizer'>): MemoryEstimate {
  let approximate = false;
  let perSample = 0;
  for (const info of Object.values(inference.nodes)) {
    for (const shape of info.outputs) {
      if (!shape) continue;
      perSample += shape.reduce<number>((n, d) => {
        if (d === null) approximate = true;
        return n * (d ?? 1);
      }, 1);
    }
    perSample += info.workingElements ?? 0;
  }
  const batchSize = Math.max(1, training.batchSize);
  const weightsBytes = inference.totalParams * BYTES_PER_VALUE;
  const gradientsBytes = weightsBytes;
  const optimizerBytes = weightsBytes * (peakValuesPerWeight(training.optimizer) - 2);
  const activationsBytes = Math.round(perSample * batchSize * BYTES_PER_VALUE * TAPE_FACTOR);
  return {
    parameters: inference.totalParams,
    batchSize,
    weightsBytes,
    gradientsBytes,
    optimizerBytes,
    activationsBytes,
    totalBytes: weightsBytes + gradientsBytes + optimizerBytes + activationsBytes,
    approximate,
  };
}

export type MemoryVerdict = 'fits' | 'tight' | 'too-large';

/** 'too-large' above the machine's memory, 'tight' above half of it (the OS, the app and the data need room). */
export function memoryVerdict(estimate: Pick<MemoryEstimate, 'totalBytes'>, machineBytes: number): MemoryVerdict {
  if (estimate.totalBytes > machineBytes) return 'too-large';
  if (estimate.totalBytes > machineBytes / 2) return 'tight';
  return 'fits';
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** One line for messages: "about 115 MB (weights 6.4 MB, gradients 6.4 MB, adam state and update 102 MB, activations ...)". */
export function describeMemory(estimate: MemoryEstimate, optimizer: OptimizerName): string {
  const parts = [
    `weights ${formatBytes(estimate.weightsBytes)}`,
    `gradients ${formatBytes(estimate.gradientsBytes)}`,
    ...(estimate.optimizerBytes > 0 ? [`${optimizer} state and update ${formatBytes(estimate.optimizerBytes)}`] : []),
    `activations for a batch of ${estimate.batchSize} ${formatBytes(estimate.activationsBytes)}`,
  ];
  return `about ${formatBytes(estimate.totalBytes)}${estimate.approximate ? ' or more' : ''} (${parts.join(', ')})`;
}
