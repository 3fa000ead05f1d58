// What the convolution and pooling emitters share: channels-last <-> channels-first transposes (ONNX Conv and
// pools are NCHW) and TensorFlow's 'same' padding (the extra pixel goes at the end, ONNX SAME_UPPER).
import { attr, type AttributeProto } from '../../../onnx/proto';
import type { Shape } from '../../../../shared/layers/types';

/** [N, ...spatial, C] -> [N, C, ...spatial] for a tensor of this rank. */
export function toChannelsFirst(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

/** [N, C, ...spatial] -> [N, ...spatial, C]. */
export function toChannelsLast(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/**
 * Padding attributes for one window op: explicit begin/end pads from TensorFlow's rule when every spatial size
 * is known ('same': total = max((ceil(in / s) - 1) * s + span - in, 0), begin = floor(total / 2)), else SAME_UPPER.
 */
export function paddingAttrs(padding: string, spatial: Shape, kernel: number, stride: number, dilation: number): AttributeProto[] {
  if (padding !== 'same') return [];
  if (spatial.some((d) => d === null)) return [attr.string('auto_pad', 'SAME_UPPER')];
  const span = (kernel - 1) * dilation + 1;
  const totals = (spatial as number[]).map((size) => Math.max((Math.ceil(size / stride) - 1) * stride + span - size, 0));
  const begins = totals.map((t) => Math.floor(t / 2));
  return [attr.ints('pads', [...begins, ...totals.map((t, i) => t - begins[i])])];
}
