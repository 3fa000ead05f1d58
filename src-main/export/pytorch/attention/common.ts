// Shared pieces of the attention generators: the query/value/key wiring and the MHA weight names.
import type { PlannedNode } from '../../codegen/plan';
import type { WeightMapping } from '../types';

/** The Python call arguments (query, value[, key]) for a node with handles query, value, key. */
export function qvkArgs(n: PlannedNode): string {
  const [q, v, k] = [n.inputVars[0]?.[0], n.inputVars[1]?.[0], n.inputVars[2]?.[0]];
  return k ? `${q}, ${v}, ${k}` : `${q}, ${v}`;
}

/** tfjs '{prefix}/query/kernel' etc. -> LayerLabMHA's '{module}.query_kernel' etc. (same layout, no transpose). */
export function mhaWeights(tfjsPrefix: string, torchPrefix: string, useBias: boolean): WeightMapping[] {
  const parts = ['query', 'key', 'value', 'output'];
  const kinds = useBias ? ['kernel', 'bias'] : ['kernel'];
  return kinds.flatMap((kind) => parts.map((p) => ({ tfjs: `${tfjsPrefix}${p}/${kind}`, torch: `${torchPrefix}.${p}_${kind}` })));
}

/** LayerLab's feed-forward activations (src-main/engine/custom/transformer.ts): GELU is the tanh form. */
const FF_ACTIVATION_FN: Record<string, string> = {
  relu: 'torch.relu',
  gelu: '(lambda t: F.gelu(t, approximate="tanh"))',
  tanh: 'torch.tanh',
  sigmoid: 'torch.sigmoid',
  linear: '(lambda t: t)',
};

export function ffActivationFn(name: string): string | undefined {
  return FF_ACTIVATION_FN[name];
}
