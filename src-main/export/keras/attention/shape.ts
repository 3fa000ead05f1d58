// The known last axis of a node's input, with an error naming the node.
import type { PlannedNode } from '../../codegen/plan';
import { ExportError } from '../../codegen/plan';

export function lastDimOf(n: PlannedNode, handle: number): number {
  const shape = n.inputShapes[handle]?.[0] ?? [];
  const d = shape[shape.length - 1];
  if (typeof d !== 'number') throw new ExportError(`${n.node.kind} (${n.node.id}): the last axis of its input must be known`, n.node.id);
  return d;
}
