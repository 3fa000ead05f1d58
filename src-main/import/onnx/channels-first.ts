// Which graph inputs PyTorch-style models read channels-first ([C, H, W] per sample), and the operators that read them.
import type { OnnxModel } from './read-model';
import type { GraphIndex } from './graph-index';

/** Ops that feed layers through the channels-first input of a 1-D convolution stack. */
export const CHANNEL_OPS = new Set(['Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization']);

/** Inputs read as channels-first: those feeding convolutions directly, and 4-D ones unless a Transpose reads them
 * (tf2onnx's Keras models take channels-last images and transpose them). */
export function channelsFirstInputs(ix: GraphIndex): Set<string> {
  const cf = (i: OnnxModel['inputs'][number]) => {
    const readers = ix.consumers.get(i.name) ?? [];
    return readers.some((c) => CHANNEL_OPS.has(c.opType)) || (i.dims.length === 4 && !readers.some((c) => c.opType === 'Transpose'));
  };
  return new Set(ix.model.inputs.filter(cf).map((i) => i.name));
}
