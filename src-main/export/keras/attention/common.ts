// Shared pieces of the Keras attention generators.
import type { PlannedNode } from '../../codegen/plan';

/** query, value[, key] variables of a node with handles query, value, key. */
export function qvk(n: PlannedNode): { q: string; v: string; k?: string } {
  return { q: n.inputVars[0][0], v: n.inputVars[1][0], k: n.inputVars[2]?.[0] };
}

/** LayerLab's feed-forward activations as Keras activations; its GELU is the tanh approximation. */
const FF_ACTIVATIONS: Record<string, string> = {
  relu: '"relu"',
  gelu: '(lambda t: tf.nn.gelu(t, approximate=True))',
  tanh: '"tanh"',
  sigmoid: '"sigmoid"',
  linear: '"linear"',
};

export function kerasFfActivation(name: string): string | undefined {
  return FF_ACTIVATIONS[name];
}

/** Python source lines indented by `n` spaces. */
export const indentLines = (lines: string[], n: number) => lines.map((l) => (l ? ' '.repeat(n) + l : l));
