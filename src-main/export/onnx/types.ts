// One ONNX emitter per layer kind, mirroring shared/layers: src-main/export/onnx/<category>/<kind>.ts, registered
// in that folder's index.ts. An emitter turns one planned node into ONNX nodes and initializers (trained weights).
import type { ParamValues } from '../../../shared/layers/types';
import type { PlannedNode } from '../codegen/plan';
import type { OnnxGraphContext } from './context';

export interface OnnxEmitter<P extends ParamValues = ParamValues> {
  kind: string;
  /** Why this node cannot be exported (checked for every node before anything is written); absent = always fine. */
  check?(node: PlannedNode & { params: P }): string | null;
  /**
   * Adds the node's ONNX subgraph. `inputs` holds the ONNX tensor names wired into each input handle (edge
   * order, like node.inputVars); returns one tensor name per output handle of the node.
   */
  emit(node: PlannedNode & { params: P }, inputs: string[][], g: OnnxGraphContext): string[];
}

export function defineOnnxEmitter<P extends ParamValues>(e: OnnxEmitter<P>): OnnxEmitter<P> {
  return e;
}
