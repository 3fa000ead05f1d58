// Codes for the ways a run fails, so the renderer can say them in the learner's language (the English
// message stays as it was: the run log, the CLI in English).
import { errorDetail, type ErrorDetail } from '../../shared/api';

/** tfjs's input check: "expected dense_Dense1_input to have shape [null,784] but got array with shape [32,28,28]". */
const SHAPE_MISMATCH = /expected (\S+) to have (?:shape )?(\[[^\]]*\]|\d+ dimension\(s\))[^[]*?but got array with shape (\[[^\]]*\])/;
/** What running out of memory looks like in V8, tfjs-node and wasm. */
const OUT_OF_MEMORY = /out of memory|Array buffer allocation failed|Invalid typed array length|\bOOM\b|Cannot allocate memory|std::bad_alloc/i;

/** A code for an engine error a learner meets (a shape mismatch, running out of memory), else undefined. */
export function engineFailureDetail(message: string): ErrorDetail | undefined {
  const shape = SHAPE_MISMATCH.exec(message);
  if (shape) return errorDetail('train.shapeMismatch', { layer: shape[1], expected: shape[2], got: shape[3] }, message);
  if (OUT_OF_MEMORY.test(message)) return errorDetail('train.outOfMemory', { detail: message }, message);
  return undefined;
}

/** The NaN-loss error: where it happened and what the loss became. */
export function nonFiniteLossDetail(value: number, epoch: number, batch: number, message: string): ErrorDetail {
  return errorDetail('train.nonFiniteLoss', { value: String(value), epoch, batch }, message);
}

/** The advice after a NaN loss (`hint` is nonFiniteHint's English text). */
export function nonFiniteHintDetail(hint: string, learningRate?: number, normalization?: string): ErrorDetail {
  const lr = learningRate === undefined ? '?' : learningRate;
  return errorDetail(normalization === 'none' ? 'train.hintNonFiniteUnnormalized' : 'train.hintNonFinite', { lr }, hint);
}
