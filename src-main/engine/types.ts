// The engine side of a layer kind: turns a graph node into tfjs layers.
// One file per kind under src-main/engine/builders/<category>/, same name as its shared/layers file.
import type * as tf from '@tensorflow/tfjs';
import type { ParamValues } from '../../shared/layers/types';

export type TF = typeof tf;
export type SymbolicTensor = tf.SymbolicTensor;

export interface BuildContext {
  tf: TF;
  /** Graph node id. */
  nodeId: string;
  /** A unique, tfjs-safe layer name derived from the node id; suffix it for extra layers. */
  name: string;
  /**
   * Set when another node reuses this node's weights (weight tying): the builder hands them over as a
   * symbolic tensor, which reaches the linking node's builder as `linked`.
   */
  shareWeights?: (weights: SymbolicTensor) => void;
  /** For a node with NodeRefParams: the weights each linked node shared, by parameter name. */
  linked?: Record<string, SymbolicTensor>;
}

export interface LayerBuilder<P extends ParamValues = ParamValues> {
  kind: string;
  /**
   * `inputs[i]` holds the symbolic tensors wired into input handle i (same order as LayerDef inputs,
   * empty when an optional handle is unconnected). `params` are complete (defaults filled in).
   * Returns one symbolic tensor per output handle, in LayerDef output order.
   */
  build(inputs: SymbolicTensor[][], params: P, ctx: BuildContext): SymbolicTensor[];
}

export function defineBuilder<P extends ParamValues>(builder: LayerBuilder<P>): LayerBuilder<P> {
  return builder;
}
