// Helpers shared by convolution, pooling and recurrent layer definitions: output lengths along a
// sliding window, and errors (with fixes) for inputs of the wrong rank.
import { ShapeError, formatShape, type Dim, type Fix, type HandleSpec, type Shape } from '../types';

export const SEQ_IN: HandleSpec = { id: 'in', label: 'in', kind: 'sequence' };
export const SEQ_OUT: HandleSpec = { id: 'out', label: 'out', kind: 'sequence' };

export type ConvPadding = 'valid' | 'same' | 'causal';

/** Span of a dilated kernel: k taps spaced d apart cover (k - 1) * d + 1 positions. */
export function dilatedSpan(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/**
 * Output length of a sliding window along one axis (Keras conv_output_length).
 * 'same' and 'causal' keep ceil(L / stride); 'valid' keeps only full windows.
 * Throws when a 'valid' window does not fit at all.
 */
export function windowOutputLength(
  length: Dim,
  window: number,
  stride: number,
  padding: ConvPadding,
  layer: string,
  axis: string,
  extraFixes: Fix[] = [],
): Dim {
  if (length === null) return null;
  if (padding === 'same' || padding === 'causal') return Math.ceil(length / stride);
  if (length < window) {
    throw new ShapeError(
      `${layer}: the ${axis} axis has ${length} positions but the window spans ${window}, so 'valid' padding leaves ` +
        'no output. Use a smaller kernel/pool or \'same\' padding.',
      [{ label: "Use 'same' padding", action: { type: 'setParam', param: 'padding', value: 'same' } }, ...extraFixes],
    );
  }
  return Math.floor((length - window) / stride) + 1;
}

/** Throw unless `value` is an integer >= min (params can arrive from hand-edited files). */
export function requireInt(value: number, name: string, layer: string, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ShapeError(`${layer}: '${name}' must be an integer of at least ${min}, got ${value}.`);
  }
}

/** tfjs (like TensorFlow) cannot combine a stride > 1 with a dilation > 1. */
export function checkStrideDilation(stride: number, dilation: number, layer: string): void {
  if (stride > 1 && dilation > 1) {
    throw new ShapeError(
      `${layer}: strides ${stride} and dilation ${dilation} cannot both be above 1 (TensorFlow does not support it).`,
      [
        { label: 'Set strides to 1', action: { type: 'setParam', param: 'strides', value: 1 } },
        { label: 'Set dilation to 1', action: { type: 'setParam', param: 'dilationRate', value: 1 } },
      ],
    );
  }
}

function squareSide(n: number): number | null {
  const s = Math.round(Math.sqrt(n));
  return s > 1 && s * s === n ? s : null;
}

function reshapeFix(target: number[], why: string): Fix {
  return {
    label: `Insert Reshape to ${formatShape(target)} (${why})`,
    action: { type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: target } },
  };
}

/**
 * The error for a layer that needs a sequence [time, features] per sample but got another rank.
 * `oneToMany` adds the RepeatVector fix (sensible for recurrent layers that can decode a vector).
 */
export function needSequenceError(shape: Shape, layer: string, oneToMany = false): ShapeError {
  const fixes: Fix[] = [];
  let message =
    `${layer} needs a sequence per sample, shaped [time, features], but gets ${formatShape(shape)}`;
  if (shape.length === 1) {
    message +=
      ' (one flat vector per sample). If this comes from a recurrent layer, turn on its ' +
      "'Return sequences' so it passes every time step instead of only the last.";
    const n = shape[0];
    if (n !== null) {
      const side = squareSide(n);
      if (side !== null) {
        fixes.push(reshapeFix([side, side], `${side} steps of ${side} features, e.g. image rows`));
        fixes.push({
          label: `Load the dataset as a matrix [${side}, ${side}] (rows as time steps)`,
          action: { type: 'setDataset', patch: { representation: 'matrix' } },
        });
      }
      if (oneToMany) {
        fixes.push({
          label: 'Insert RepeatVector (feed the same vector at every step: one-to-many)',
          action: { type: 'insertBefore', handle: 'in', kind: 'RepeatVector', params: { n: 8 } },
        });
      }
      fixes.push(reshapeFix([n, 1], `${n} steps of 1 feature`));
    }
  } else if (shape.length === 3) {
    message += ' (an image-like tensor). Merge the last two axes so each row becomes one time step.';
    const [t, h, c] = shape;
    if (t !== null && h !== null && c !== null) fixes.push(reshapeFix([t, h * c], `${t} steps of ${h * c} features`));
  } else {
    message += '.';
  }
  return new ShapeError(message, fixes);
}

/** The error for a 2-D convolution/pooling layer that got something other than [height, width, channels]. */
export function needImageError(shape: Shape, layer: string): ShapeError {
  const fixes: Fix[] = [];
  let message = `${layer} needs an image per sample, shaped [height, width, channels], but gets ${formatShape(shape)}`;
  const imageData: Fix = {
    label: 'Load the dataset as images [height, width, channels]',
    action: { type: 'setDataset', patch: { representation: 'image' } },
  };
  if (shape.length === 1 && shape[0] !== null) {
    const n = shape[0];
    message += ' (a flat vector). Reshape it back into an image first.';
    const grey = squareSide(n);
    if (grey !== null) fixes.push(reshapeFix([grey, grey, 1], 'greyscale image'));
    const rgb = n % 3 === 0 ? squareSide(n / 3) : null;
    if (rgb !== null) fixes.push(reshapeFix([rgb, rgb, 3], 'colour image'));
    if (grey !== null || rgb !== null) fixes.push(imageData);
  } else if (shape.length === 2 && shape[0] !== null && shape[1] !== null) {
    message += ' (a matrix without a channel axis). Add a channel axis of size 1.';
    fixes.push(reshapeFix([shape[0], shape[1], 1], 'one channel'));
    fixes.push(imageData);
  } else {
    message += '.';
  }
  return new ShapeError(message, fixes);
}

/** Require the channel (last) axis to be known: conv weights are sized by it. */
export function knownChannels(shape: Shape, layer: string): number {
  const c = shape[shape.length - 1];
  if (c === null) {
    throw new ShapeError(`${layer} sizes its kernel by the channel (last) axis, but it is unknown in ${formatShape(shape)}.`);
  }
  return c;
}

/** Per-layer receptive-field note for dilated or causal convolutions. */
export function receptiveFieldNote(kernel: number, dilation: number, causal: boolean): string {
  const span = dilatedSpan(kernel, dilation);
  const where = causal ? `the current and ${span - 1} previous steps` : `${span} neighbouring steps`;
  return (
    `Receptive field of this layer: ${span} steps (kernel ${kernel}, dilation ${dilation}), so each output sees ${where}. ` +
    'Stacked layers add up: kernel 2 with dilations 1, 2, 4, 8 sees 16 steps (WaveNet).'
  );
}
