// Small helpers shared by the core layer definitions: handle specs and input checks.
import { ShapeError, formatShape, type HandleSpec, type Shape } from '../types';

export const IN: HandleSpec = { id: 'in', label: 'in', kind: 'tensor' };
export const OUT: HandleSpec = { id: 'out', label: 'out', kind: 'tensor' };
/** One input handle that takes several edges (merge layers). */
export const IN_MANY: HandleSpec = { id: 'in', label: 'in', kind: 'tensor', multiple: true };

/** The single shape wired into handle 0; throws a clear error when nothing (or too much) is connected. */
export function singleInput(inputs: Shape[][], layer: string): Shape {
  const shapes = inputs[0] ?? [];
  if (shapes.length === 0) throw ShapeError.of('noInput', { layer });
  if (shapes.length > 1) {
    throw ShapeError.of('tooManyInputs', { layer, count: shapes.length, shapes: shapes.map(formatShape).join(', ') });
  }
  return shapes[0];
}

/** Product of the dims, or null when any is unknown. */
export function elementCount(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** The last axis size, required to be known (weights are sized by it). */
export function knownLastDim(shape: Shape, layer: string): number {
  if (shape.length === 0) throw ShapeError.of('scalarInput', { layer, shape: formatShape(shape) });
  const last = shape[shape.length - 1];
  if (last === null) throw ShapeError.of('unknownLastAxis', { layer, shape: formatShape(shape) });
  return last;
}

/** tfjs activation names (tfjs-layers 4.22 ActivationIdentifier), the ones worth offering. */
export const ACTIVATIONS = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'relu6',
  'gelu',
  'swish',
  'mish',
  'softplus',
  'softsign',
  'hardSigmoid',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
