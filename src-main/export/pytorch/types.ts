// One PyTorch code generator per layer kind, mirroring shared/layers: src-main/export/pytorch/<category>/<kind>.ts,
// registered in that folder's index.ts. A generator turns one planned node into lines of the nn.Module.
import type { ParamValues } from '../../../shared/layers/types';
import type { PlannedNode } from '../codegen/plan';

/** How one trained tfjs weight becomes one entry of the PyTorch state_dict. */
export interface WeightMapping {
  /** The tfjs weight name after the layer name, e.g. 'kernel' in 'n_dense_1/kernel'; '{layer}' stands for the layer name. */
  tfjs: string;
  /** Key in the module's state_dict, e.g. 'dense_1.weight'. */
  torch: string;
  /** The node whose tfjs layer holds the weight, when not this one (a tied head reads its Embedding's table). */
  node?: string;
  /** Axis order to apply to the tfjs array (numpy transpose); absent = copy as is. */
  permute?: number[];
}

export interface PyLayerCode {
  /** Lines of __init__ (without indentation), e.g. `self.dense_1 = nn.Linear(784, 1024)`. */
  init: string[];
  /** Lines of forward (without indentation) that assign node.outputVars from node.inputVars. */
  forward: string[];
  /** Names of helper snippets (see helpers.ts) the lines use. */
  helpers?: string[];
  /** How to load trained tfjs weights into this layer; absent when it has none. */
  weights?: WeightMapping[];
  /** Things the export does not reproduce exactly; shown to the user and written into the script. */
  warnings?: string[];
}

export interface PyGenerator<P extends ParamValues = ParamValues> {
  kind: string;
  generate(node: PlannedNode & { params: P }): PyLayerCode;
}

export function definePyGenerator<P extends ParamValues>(gen: PyGenerator<P>): PyGenerator<P> {
  return gen;
}

/** Name of the forward() argument that carries an Input node's feature. */
export function inputArgName(n: PlannedNode): string {
  return `x_${n.name}`;
}
