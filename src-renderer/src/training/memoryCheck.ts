// Will training this graph fit in the machine's memory? The estimate (shared/graph/memory.ts: weights,
// gradients, optimizer state and one batch's activations, calibrated against tfjs) against the memory the
// host reports, as the words the inspector and the Train button use. The host refuses too-large runs with
// the same function; this says so before the user presses Train.
import type { GraphInference } from '../../../shared/infer';
import type { OptimizerName, TrainingConfig } from '../../../shared/graph/types';
import { i18n } from '../../../shared/i18n/i18n';
import { estimateTrainingMemory, formatBytes, memoryVerdict, type MemoryEstimate, type MemoryVerdict } from '../../../shared/graph/memory';

export interface MemoryCheck {
  estimate: MemoryEstimate;
  /** null when the host did not say how much memory the machine has. */
  verdict: MemoryVerdict | null;
  message: string;
}

/** The estimate in words in the current language (shared/graph/memory's describeMemory is the English of the host and CLI). */
function describeEstimate(e: MemoryEstimate, optimizer: OptimizerName): string {
  const parts = [
    i18n.t('training:memory.weights', { size: formatBytes(e.weightsBytes) }),
    i18n.t('training:memory.gradients', { size: formatBytes(e.gradientsBytes) }),
    ...(e.optimizerBytes > 0 ? [i18n.t('training:memory.optimizerState', { optimizer, size: formatBytes(e.optimizerBytes) })] : []),
    i18n.t('training:memory.activations', { batch: e.batchSize, size: formatBytes(e.activationsBytes) }),
  ];
  const total = formatBytes(e.totalBytes);
  return e.approximate ? i18n.t('training:memory.aboutOrMore', { total, parts: parts.join(', ') }) : i18n.t('training:memory.about', { total, parts: parts.join(', ') });
}

export function memoryCheck(
  inference: Pick<GraphInference, 'nodes' | 'totalParams'>,
  training: Pick<TrainingConfig, 'batchSize' | 'optimizer'>,
  machineBytes: number | null | undefined,
): MemoryCheck {
  const estimate = estimateTrainingMemory(inference, training);
  const needs = describeEstimate(estimate, training.optimizer);
  if (!machineBytes || !(machineBytes > 0)) return { estimate, verdict: null, message: i18n.t('training:memory.needs', { needs }) };
  const machine = formatBytes(machineBytes);
  const verdict = memoryVerdict(estimate, machineBytes);
  const message =
    verdict === 'too-large'
      ? i18n.t('training:memory.tooLarge', { needs, machine })
      : verdict === 'tight'
        ? i18n.t('training:memory.tight', { needs, machine })
        : i18n.t('training:memory.fits', { needs, machine });
  return { estimate, verdict, message };
}
