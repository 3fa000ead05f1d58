// Pure decisions for the dataset panel: how to draw one sample's tensor (image, tokens, time series,
// heat map or plain numbers), the pixels of an image sample, and the text of a token sequence.
// The preview sends values after normalisation, so images are drawn against the training split's range.
import type { DatasetPreview, FeatureStats, PreviewTensor } from '../../../shared/data/preview';

export interface ImageDims {
  height: number;
  width: number;
  channels: 1 | 3;
}

export type TensorView =
  | ({ kind: 'image' } & ImageDims)
  | { kind: 'tokens' }
  | { kind: 'series' }
  | { kind: 'heatmap'; rows: number; cols: number }
  | { kind: 'numbers' };

const isWhole = (x: number): boolean => Number.isInteger(x) && x > 0;

/**
 * Height, width and channels of an image sample under any representation: [H, W, C]; [H, W*C] (matrix and
 * sequence: one row per step); [H*W*C] (vector). Flat and row layouts only reveal square images.
 */
export function imageDims(shape: number[]): ImageDims | null {
  if (shape.length === 3) {
    const [height, width, channels] = shape;
    return channels === 1 || channels === 3 ? { height, width, channels } : null;
  }
  if (shape.length === 2) {
    const [height, cols] = shape;
    if (cols === height) return { height, width: height, channels: 1 };
    if (cols === 3 * height) return { height, width: height, channels: 3 };
    return null;
  }
  if (shape.length === 1) {
    const gray = Math.sqrt(shape[0]);
    if (isWhole(gray)) return { height: gray, width: gray, channels: 1 };
    const rgb = Math.sqrt(shape[0] / 3);
    if (isWhole(rgb)) return { height: rgb, width: rgb, channels: 3 };
  }
  return null;
}

/** How to show a feature tensor. `imageDataset`: the catalogue offers an 'image' representation for it. */
export function viewFor(task: DatasetPreview['task'], shape: number[], imageDataset: boolean): TensorView {
  // An image feeding a sequence task (digit image -> its spelled name) is still drawn as an image.
  if (imageDataset) {
    const dims = imageDims(shape);
    if (dims) return { kind: 'image', ...dims };
  }
  if (task === 'sequence') return { kind: 'tokens' };
  if ((shape.length === 2 && shape[1] === 1) || (task === 'regression' && shape.length === 1 && shape[0] >= 8)) {
    return { kind: 'series' };
  }
  if (shape.length === 2) return { kind: 'heatmap', rows: shape[0], cols: shape[1] };
  return { kind: 'numbers' };
}

/** The value range pixels are scaled from: the training split's, else the sample's own. */
export function valueRange(values: number[], stats?: FeatureStats): { min: number; max: number } {
  let min = stats?.min ?? Infinity;
  let max = stats?.max ?? -Infinity;
  if (!stats) {
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  return max > min ? { min, max } : { min, max: min + 1 };
}

/** RGBA bytes (ImageData layout) of a row-major H x W x C sample scaled from `range` to 0..255. */
export function toRgba(values: number[], dims: ImageDims, range: { min: number; max: number }): Uint8ClampedArray {
  const { height, width, channels } = dims;
  const out = new Uint8ClampedArray(height * width * 4);
  const scale = 255 / (range.max - range.min);
  for (let p = 0; p < height * width; p++) {
    for (let k = 0; k < 3; k++) {
      const v = values[p * channels + (channels === 3 ? k : 0)] ?? range.min;
      out[p * 4 + k] = Math.round((v - range.min) * scale);
    }
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** Token ids of a sequence tensor: ids [T] / [T, 1] as they are, one-hot [T, V] by arg-max of each row. */
export function tokenIds(t: PreviewTensor): number[] {
  const last = t.shape[t.shape.length - 1];
  if (t.shape.length <= 1 || last === 1) return t.values.map((v) => Math.round(v));
  const ids: number[] = [];
  for (let r = 0; r * last < t.values.length; r++) {
    let best = 0;
    for (let j = 1; j < last; j++) if (t.values[r * last + j] > t.values[r * last + best]) best = j;
    ids.push(best);
  }
  return ids;
}

/** What a token sequence reads as: the decoded text when the dataset has a vocabulary, else the ids. */
export function tokenText(t: PreviewTensor): string {
  return t.text ?? tokenIds(t).join(' ');
}

/** Decoded text in quotes (so padding spaces show), bare ids without. */
export function tokenDisplay(t: PreviewTensor): string {
  return t.text !== undefined ? JSON.stringify(t.text) : tokenIds(t).join(' ');
}

/** Compact number for tables and tooltips: 3 significant digits, no exponent for ordinary sizes. */
export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1000 || a < 0.001 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}

/** Polyline points (SVG) of `ys` in a w x h box, with the y range given (so input and target share it). */
export function polyline(ys: number[], x0: number, step: number, h: number, range: { min: number; max: number }): string {
  const span = range.max - range.min || 1;
  return ys.map((y, i) => `${(x0 + i * step).toFixed(1)},${(h - ((y - range.min) / span) * h).toFixed(1)}`).join(' ');
}
