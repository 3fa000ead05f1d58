// The inputs list for an attention layer from its query, value and optional key tensors. One tensor on
// query and value (self-attention) becomes a single input, which the layers read as query = value = key;
// a key equal to the value is left out (the layers default key to value). Any other repeat is copied so the
// list never holds one tensor twice (see ../../repeated-inputs.ts for why that breaks predict).
import type { SymbolicTensor, TF } from '../../types';
import { separateRepeats } from '../../repeated-inputs';

export function attentionInputs(query: SymbolicTensor, value: SymbolicTensor, key: SymbolicTensor | undefined, tf: TF, name: string): SymbolicTensor[] {
  const sameKey = key === undefined || key === value;
  if (sameKey) return query === value ? [query] : [query, value];
  return separateRepeats([query, value, key], tf, name);
}
