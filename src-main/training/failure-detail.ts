// Codes for the ways a run fails, so the renderer can say them in the learner's language (the English
// message stays as it was: the run log, the CLI in English).
import { detailOf, errorDetail, type ErrorCode, type ErrorDetail } from '../../shared/api';

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

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** "<lead>: <the inner error>" under `code`, with the inner error's own code as the cause (its text when it has none). */
export function wrappedDetail(code: ErrorCode, params: Record<string, string>, lead: string, err: unknown): ErrorDetail {
  const inner = messageOf(err);
  const cause = detailOf(err) ?? engineFailureDetail(inner);
  return errorDetail(code, cause ? params : { ...params, cause: inner }, `${lead}: ${inner}`, cause);
}

const DATASET_HINT = 'Check the Path and options under Dataset in the Model panel on the right (click empty canvas to show it); Preview data there shows what can be read.';

/** A run whose dataset cannot be read fails the same way with either engine: the message, its code and where to look. */
export function datasetFailure(datasetId: string, err: unknown): { error: string; hint: string; detail: ErrorDetail; hintDetail: ErrorDetail } {
  const lead = `Dataset '${datasetId}'`;
  return {
    error: `${lead}: ${messageOf(err)}`,
    hint: DATASET_HINT,
    detail: wrappedDetail('train.datasetFailed', { dataset: datasetId }, lead, err),
    hintDetail: errorDetail('train.hintDataset', {}, DATASET_HINT),
  };
}
