// Small builders for TensorData, the flat typed arrays the trainer slices batches from.
import type { LabelEncoding } from '../../shared/graph/types';
import type { TensorData } from './types';

export function floatTensor(data: Float32Array, shape: number[]): TensorData {
  return { data, shape, dtype: 'float32' };
}

/**
 * Class ids -> label tensor. 'int' labels are float32 holding whole class ids: tfjs
 * sparseCategoricalCrossentropy floors its targets and rejects int32 tensors. `perSample` is how many class ids each sample has (1 for plain
 * classification, T for sequence targets), `stepShape` the sample's shape without the class axis.
 * 'onehot': float32 [N, ...stepShape, numClasses]; 'int': float32 class ids [N, ...stepShape, 1].
 */
export function labelTensor(
  classes: ArrayLike<number>, numClasses: number, encoding: LabelEncoding, count: number, stepShape: number[] = [],
): TensorData {
  if (encoding === 'int') return floatTensor(Float32Array.from(classes as ArrayLike<number>), [count, ...stepShape, 1]);
  const data = new Float32Array(classes.length * numClasses);
  for (let i = 0; i < classes.length; i++) data[i * numClasses + classes[i]] = 1;
  return floatTensor(data, [count, ...stepShape, numClasses]);
}

/** Token ids -> feature tensor: 'ids' float32 [N, T] (Embedding takes float ids) or one-hot [N, T, V]. */
export function tokenTensor(ids: ArrayLike<number>, count: number, steps: number, vocab: number, oneHot: boolean): TensorData {
  if (!oneHot) return floatTensor(Float32Array.from(ids as ArrayLike<number>), [count, steps]);
  const data = new Float32Array(ids.length * vocab);
  for (let i = 0; i < ids.length; i++) data[i * vocab + ids[i]] = 1;
  return floatTensor(data, [count, steps, vocab]);
}
