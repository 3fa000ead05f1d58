// Values that are allowed but unusual enough to ask before applying: a typo ("1e6" units) or a size that
// makes one layer huge would otherwise be accepted without a word. The hard limits stay in each layer's
// ParamSpec (min/max); these soft limits are per parameter name, which means the same across layer kinds
// (units, filters, heads, ...). Pure.
import { formatCount } from '../infer';
import { formatBytes } from './memory';

/** Above these the editor asks first (values at or below them never ask). */
export const SENSIBLE_MAX: Readonly<Record<string, number>> = {
  units: 16_384,
  filters: 1_024,
  kernelSize: 11,
  poolSize: 8,
  dilationRate: 256,
  heads: 64,
  keyDim: 1_024,
  valueDim: 1_024,
  ffDim: 16_384,
  layers: 48,
  outputDim: 4_096,
  inputDim: 200_000,
  maxLength: 8_192,
  n: 1_000,
};

/** Training settings above these ask first, with why. */
export const SENSIBLE_TRAINING: Readonly<Record<'learningRate' | 'batchSize' | 'epochs', { max: number; why: string }>> = {
  learningRate: { max: 1, why: 'usual rates are 0.0001 to 0.1; above 1 training almost always diverges' },
  batchSize: { max: 4_096, why: 'usual batches are 16 to 1,024; activation memory grows with the batch' },
  epochs: { max: 1_000, why: 'each epoch passes over the whole dataset once' },
};

/** The question before raising a training setting above its usual range, or null. */
export function trainingSettingQuestion(key: keyof typeof SENSIBLE_TRAINING, label: string, before: number, after: number): string | null {
  const s = SENSIBLE_TRAINING[key];
  if (!(after > before) || after <= s.max) return null;
  return `${label} ${EN.format(after)} is above the usual range (${s.why}).`;
}

/** One layer above this many parameters asks first (a 784 x 165,000 Dense is 130M). */
export const SENSIBLE_LAYER_PARAMS = 50_000_000;

const EN = new Intl.NumberFormat('en-US');

/**
 * The question to ask before setting `key` from `before` to `after` on a `label` layer, or null when the
 * value is ordinary. Only growth asks: shrinking an already large value (a GPT's 96 heads) never does.
 */
export function sensibleRangeQuestion(opts: {
  label: string;
  key: string;
  paramLabel: string;
  before: number;
  after: number;
  /** The layer's parameter count before and after the change, when known. */
  paramsBefore?: number;
  paramsAfter?: number;
}): string | null {
  const { label, key, paramLabel, before, after, paramsBefore, paramsAfter } = opts;
  if (!(after > before)) return null;
  const reasons: string[] = [];
  const soft = SENSIBLE_MAX[key];
  if (soft !== undefined && after > soft) reasons.push(`${paramLabel} ${EN.format(after)} is above the usual range (up to ${EN.format(soft)}).`);
  if (paramsAfter !== undefined && paramsAfter > SENSIBLE_LAYER_PARAMS && paramsAfter > (paramsBefore ?? 0)) {
    reasons.push(`This ${label} would hold ${EN.format(paramsAfter)} parameters (${formatCount(paramsAfter)}; ${formatBytes(paramsAfter * 4)} of weights alone).`);
  }
  return reasons.length > 0 ? reasons.join(' ') : null;
}
