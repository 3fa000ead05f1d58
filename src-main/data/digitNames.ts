// One-to-many: the bundled MNIST digits (same images, split and normalisation as 'mnist-bundled'), each
// labelled with the characters of its English name, one class per step, padded with the end token:
// 7 -> s e v e n <end>. `classes` keeps the digit of every sample.
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor } from '../../shared/data/types';
import { DIGIT_NAME_LENGTH, intOptionValue } from '../../shared/data/catalog';
import { charId, DIGIT_NAME_VOCAB, DIGIT_NAMES } from '../../shared/data/vocab';
import type { DatasetSplit, LoadedDataset } from './types';
import { buildImageDataset } from './images';
import { labelTensor } from './tensors';
import { loadBundledMnist } from './mnistBundled';
import { DatasetError } from './errors';

const MAX_LENGTH = 32;

/** Token ids of a digit's name padded with the end token to `length` steps. */
export function digitNameIds(digit: number, length: number): Int32Array {
  const name = DIGIT_NAMES[digit];
  if (name === undefined) throw new DatasetError(`digit ${digit} has no name; digits are 0..9`);
  const ids = new Int32Array(length).fill(DIGIT_NAME_VOCAB.special.end);
  for (let i = 0; i < name.length; i++) ids[i] = charId(DIGIT_NAME_VOCAB, name[i]);
  return ids;
}

/** The split with its digit labels replaced by name sequences [N, length] (one-hot or ids per step). */
function spellSplit(split: DatasetSplit, length: number, config: DatasetConfig): DatasetSplit {
  const digits = split.classes!;
  const ids = new Int32Array(split.size * length);
  const byDigit = DIGIT_NAMES.map((_, d) => digitNameIds(d, length));
  for (let i = 0; i < split.size; i++) ids.set(byDigit[digits[i]], i * length);
  return { ...split, targets: { y: labelTensor(ids, DIGIT_NAME_VOCAB.size, config.labels, split.size, [length]) } };
}

export async function loadDigitNames(config: DatasetConfig, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const length = intOptionValue(config, 'length');
  if (length < DIGIT_NAME_LENGTH || length > MAX_LENGTH) {
    throw new DatasetError(
      `option 'length' is ${length}; it must be ${DIGIT_NAME_LENGTH}..${MAX_LENGTH} (the longest name has ` +
        `${DIGIT_NAME_LENGTH - 1} letters and every name needs at least one end token)`,
    );
  }
  const { train, test } = await loadBundledMnist();
  const images = buildImageDataset({ descriptor, config, train, test, numClasses: 10 });
  const vocab = DIGIT_NAME_VOCAB.size;
  return {
    ...images,
    shapes: { ...images.shapes, targets: { y: [length, vocab] }, numClasses: vocab },
    train: spellSplit(images.train, length, config),
    validation: images.validation && spellSplit(images.validation, length, config),
    test: images.test && spellSplit(images.test, length, config),
    classNames: DIGIT_NAME_VOCAB.chars,
  };
}
