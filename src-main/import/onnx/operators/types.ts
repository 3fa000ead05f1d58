// One operator family's mapping from ONNX nodes to LayerLab layers (registered in index.ts).
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';

export interface OperatorMapper {
  /** ONNX operators (default domain) this mapper maps. */
  ops: readonly string[];
  /** When several mappers list an operator (Add of a bias or of two tensors, Gather of a recurrent output or of
   * shape integers), the first in the registry whose test passes maps the node; without a test it always does. */
  takes?: (ctx: MappingContext, n: OnnxNode) => boolean;
  map: (ctx: MappingContext, n: OnnxNode) => void;
}
