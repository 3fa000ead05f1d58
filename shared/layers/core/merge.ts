// Shared shape logic for the merge layers (Add, Multiply, Concatenate).
import { ShapeError, formatShape, type Dim, type Shape } from '../types';

/** All shapes wired into the one `multiple` handle; at least two are needed. */
export function mergeInputs(inputs: Shape[][], layer: string): Shape[] {
  const shapes = inputs[0] ?? [];
  if (shapes.length < 2) {
    throw ShapeError.of('mergeNeedsTwo', { layer, count: shapes.length });
  }
  return shapes;
}

/** Two dims agree when equal or when either is unknown; the known one wins. */
export function mergeDim(a: Dim, b: Dim): Dim | undefined {
  if (a === null) return b;
  if (b === null) return a;
  return a === b ? a : undefined;
}

/** Element-wise merge (Add, Multiply): every input must have the same shape; `message` says what to do if not. */
export function elementwiseShape(shapes: Shape[], layer: string, message: 'addShapes' | 'multiplyShapes'): Shape {
  let out = shapes[0];
  for (let i = 1; i < shapes.length; i++) {
    const s = shapes[i];
    const merged = s.length === out.length ? out.map((d, k) => mergeDim(d, s[k])) : null;
    if (!merged || merged.some((d) => d === undefined)) {
      throw ShapeError.of(message, { layer, first: formatShape(shapes[0]), index: i + 1, other: formatShape(s) });
    }
    out = merged as Shape;
  }
  return [...out];
}
