// One symbolic tensor wired into a layer more than once (Add(x, x), Concatenate(x, x), self-attention with
// x on query and value) breaks tfjs inference: the executor counts the layer once among x's readers but
// decrements that count once per occurrence, so x is disposed while another layer still needs it
// ("Cannot read properties of undefined (reading 'backend')" in predict/evaluate). Training is unaffected.
// The fix: every repeat after the first goes through a parameter-free identity copy, a distinct tensor.
import type { SymbolicTensor, TF } from './types';

/** `tensors` with each repeated occurrence replaced by an identity copy (an identity-permutation Permute). */
export function separateRepeats(tensors: SymbolicTensor[], tf: TF, name: string): SymbolicTensor[] {
  const seen = new Set<SymbolicTensor>();
  let copies = 0;
  return tensors.map((t) => {
    if (!seen.has(t)) {
      seen.add(t);
      return t;
    }
    copies++;
    // Permute transposes into a new tensor; Activation('linear') or Dropout would return the same object.
    const dims = Array.from({ length: t.shape.length - 1 }, (_, i) => i + 1);
    return tf.layers.permute({ dims, name: `${name}_repeat${copies}` }).apply(t) as SymbolicTensor;
  });
}

/** The same for inputs grouped per handle (as builders receive them). */
export function separateRepeatedInputs(wired: SymbolicTensor[][], tf: TF, name: string): SymbolicTensor[][] {
  const flat = separateRepeats(wired.flat(), tf, name);
  let at = 0;
  return wired.map((slot) => slot.map(() => flat[at++]));
}
