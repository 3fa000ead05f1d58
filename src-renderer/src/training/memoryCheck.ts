// Will training this graph fit in the machine's memory? The estimate (shared/graph/memory.ts: weights,
// gradients, optimizer state and one batch's activations, calibrated against tfjs) against the memory the
// host reports, as the words the inspector and the Train button use. The host refuses too-large runs with
// the same function; this says so before the user presses Train.
import type { GraphInference } from '../../../shared/infer';
import type { TrainingConfig } from '../../../shared/graph/types';
import { describeMemory, estimateTrainingMemory, formatBytes, memoryVerdict, type MemoryEstimate, type MemoryVerdict } from '../../../shared/graph/memory';

export interface MemoryCheck {
  estimate: MemoryEstimate;
  /** null when the host did not say how much memory the machine has. */
  verdict: MemoryVerdict | null;
  message: string;
}

export function memoryCheck(
  inference: Pick<GraphInference, 'nodes' | 'totalParams'>,
  training: Pick<TrainingConfig, 'batchSize' | 'optimizer'>,
  machineBytes: number | null | undefined,
): MemoryCheck {
  const estimate = estimateTrainingMemory(inference, training);
  const needs = `Training needs ${describeMemory(estimate, training.optimizer)}`;
  if (!machineBytes || !(machineBytes > 0)) return { estimate, verdict: null, message: `${needs}.` };
  const machine = formatBytes(machineBytes);
  const verdict = memoryVerdict(estimate, machineBytes);
  const message =
    verdict === 'too-large'
      ? `${needs}: more than this machine's ${machine} of memory, so it cannot train here. Shrink the layers or the batch size, or export the code and train it on a bigger machine.`
      : verdict === 'tight'
        ? `${needs}: more than half of this machine's ${machine}. Training may run out of memory or make the computer slow.`
        : `${needs} of this machine's ${machine}.`;
  return { estimate, verdict, message };
}
