// Helpers shared by convolution, pooling and recurrent layer definitions: output lengths along a
// sliding window, and errors (with fixes) for inputs of the wrong rank.
import { ShapeError, formatShape, type Dim, type Fix, type HandleSpec, type Shape } from '../types';
import { messageFix, type LayerMessage, type LayerMessageId, type MessageValues } from '../messages';

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
    throw ShapeError.of('windowTooLarge', { layer, axis, length, window }, [
      messageFix('fixSamePadding', {}, { type: 'setParam', param: 'padding', value: 'same' }),
      ...extraFixes,
    ]);
  }
  return Math.floor((length - window) / stride) + 1;
}

/** Throw unless `value` is an integer >= min (params can arrive from hand-edited files). */
export function requireInt(value: number, name: string, layer: string, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw ShapeError.of('notAnInteger', { layer, name, min, value: String(value) });
  }
}

/** tfjs (like TensorFlow) cannot combine a stride > 1 with a dilation > 1. */
export function checkStrideDilation(stride: number, dilation: number, layer: string): void {
  if (stride > 1 && dilation > 1) {
    throw ShapeError.of('strideAndDilation', { layer, stride, dilation }, [
      messageFix('fixStrides1', {}, { type: 'setParam', param: 'strides', value: 1 }),
      messageFix('fixDilation1', {}, { type: 'setParam', param: 'dilationRate', value: 1 }),
    ]);
  }
}

function squareSide(n: number): number | null {
  const s = Math.round(Math.sqrt(n));
  return s > 1 && s * s === n ? s : null;
}

/** Insert a Reshape to `target`; `id` names the message that says why (its values besides the shape). */
function reshapeFix(target: number[], id: LayerMessageId, values: MessageValues = {}): Fix {
  return messageFix(id, { shape: formatShape(target), ...values }, { type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: target } });
}

/**
 * The error for a layer that needs a sequence [time, features] per sample but got another rank.
 * `oneToMany` adds the RepeatVector fix (sensible for recurrent layers that can decode a vector).
 */
export function needSequenceError(shape: Shape, layer: string, oneToMany = false): ShapeError {
  const fixes: Fix[] = [];
  let message: LayerMessageId = 'needSequence';
  if (shape.length === 1) {
    message = 'needSequenceVector';
    const n = shape[0];
    if (n !== null) {
      const side = squareSide(n);
      if (side !== null) {
        fixes.push(reshapeFix([side, side], 'fixReshapeRows', { side }));
        fixes.push(messageFix('fixLoadMatrix', { side }, { type: 'setDataset', patch: { representation: 'matrix' } }));
      }
      if (oneToMany) {
        fixes.push(messageFix('fixRepeatVector', {}, { type: 'insertBefore', handle: 'in', kind: 'RepeatVector', params: { n: 8 } }));
      }
      fixes.push(reshapeFix([n, 1], 'fixReshapeSteps', { steps: n }));
    }
  } else if (shape.length === 3) {
    message = 'needSequenceImage';
    const [t, h, c] = shape;
    if (t !== null && h !== null && c !== null) fixes.push(reshapeFix([t, h * c], 'fixReshapeMergeAxes', { steps: t, features: h * c }));
  }
  return ShapeError.of(message, { layer, shape: formatShape(shape) }, fixes);
}

/** The error for a 2-D convolution/pooling layer that got something other than [height, width, channels]. */
export function needImageError(shape: Shape, layer: string): ShapeError {
  const fixes: Fix[] = [];
  let message: LayerMessageId = 'needImage';
  const imageData = messageFix('fixLoadImages', {}, { type: 'setDataset', patch: { representation: 'image' } });
  if (shape.length === 1 && shape[0] !== null) {
    const n = shape[0];
    message = 'needImageVector';
    const grey = squareSide(n);
    if (grey !== null) fixes.push(reshapeFix([grey, grey, 1], 'fixReshapeGrey'));
    const rgb = n % 3 === 0 ? squareSide(n / 3) : null;
    if (rgb !== null) fixes.push(reshapeFix([rgb, rgb, 3], 'fixReshapeColour'));
    if (grey !== null || rgb !== null) fixes.push(imageData);
  } else if (shape.length === 2 && shape[0] !== null && shape[1] !== null) {
    message = 'needImageMatrix';
    fixes.push(reshapeFix([shape[0], shape[1], 1], 'fixReshapeChannel'));
    fixes.push(imageData);
  }
  return ShapeError.of(message, { layer, shape: formatShape(shape) }, fixes);
}

/** Require the channel (last) axis to be known: conv weights are sized by it. */
export function knownChannels(shape: Shape, layer: string): number {
  const c = shape[shape.length - 1];
  if (c === null) {
    throw ShapeError.of('unknownChannels', { layer, shape: formatShape(shape) });
  }
  return c;
}

/** Per-layer receptive-field note for dilated or causal convolutions. */
export function receptiveFieldNote(kernel: number, dilation: number, causal: boolean): LayerMessage {
  const span = dilatedSpan(kernel, dilation);
  return causal
    ? { id: 'noteReceptiveFieldCausal', values: { span, kernel, dilation, previous: span - 1 } }
    : { id: 'noteReceptiveField', values: { span, kernel, dilation } };
}
