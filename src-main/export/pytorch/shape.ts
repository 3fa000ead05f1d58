// Shape facts generators need, with errors that name the node.
import type { Shape } from '../../../shared/layers/types';
import { ExportError, type PlannedNode } from '../codegen/plan';

/** The last axis of an input shape; weights are sized by it, so it must be known. */
export function lastDim(shape: Shape, n: PlannedNode): number {
  const d = shape[shape.length - 1];
  if (typeof d !== 'number') throw new ExportError(`${n.node.kind} (${n.node.id}): the last axis of its input must be known to size its weights`, n.node.id);
  return d;
}
