// N-way K-shot episodes from the bundled MNIST digits, as SNAIL consumes them: a sequence of N*K
// labelled examples (784 pixels then the one-hot episode label) followed by one query whose label
// slot is zero; the target is the query's episode label. Episode labels are a fresh random
// permutation each time, so the model must read them from the sequence. The last N digit classes
// never appear in training episodes: test episodes use only them.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { intOptionValue, splitSizes } from '../../../shared/data/catalog';
import { makeRng, randInt, shuffleInPlace } from '../../../shared/data/random';
import type { DatasetSplit, LoadedDataset } from '../types';
import { floatTensor, labelTensor } from '../tensors';
import { DatasetError } from '../errors';
import { loadBundledMnist } from '../mnistBundled';
import { pixelScaling, type PixelScaling, type RawImages } from '../images';
import { SYNTHETIC_TEST_SEED } from './sequences';

const PIXELS = 784;

export function byClass(images: RawImages[]): Map<number, { set: RawImages; index: number }[]> {
  const out = new Map<number, { set: RawImages; index: number }[]>();
  for (const set of images) {
    for (let i = 0; i < set.count; i++) {
      const c = set.labels[i];
      if (!out.has(c)) out.set(c, []);
      out.get(c)!.push({ set, index: i });
    }
  }
  return out;
}

/** Episodes, plus the digit shown at every step (`digits`, [count * steps]) for checking. */
export function makeEpisodes(args: {
  count: number; ways: number; shots: number; classes: number[]; pool: ReturnType<typeof byClass>;
  scaling: PixelScaling; config: DatasetConfig; seed: number;
}): DatasetSplit & { digits: Int32Array } {
  const { count, ways, shots, classes, pool, scaling, config } = args;
  const rng = makeRng(args.seed);
  const steps = ways * shots + 1;
  const width = PIXELS + ways;
  const x = new Float32Array(count * steps * width);
  const target = new Int32Array(count);
  const digits = new Int32Array(count * steps);
  const table = Float32Array.from({ length: 256 }, (_, v) => (v - scaling.offset[0]) * scaling.scale[0]);
  for (let e = 0; e < count; e++) {
    const chosen = shuffleInPlace(classes.slice(), rng).slice(0, ways); // chosen[label] = digit
    const support: { digit: number; label: number }[] = [];
    for (let label = 0; label < ways; label++) for (let k = 0; k < shots; k++) support.push({ digit: chosen[label], label });
    shuffleInPlace(support, rng);
    const queryLabel = randInt(rng, ways);
    const items = [...support, { digit: chosen[queryLabel], label: -1 }];
    items.forEach((item, t) => {
      const candidates = pool.get(item.digit)!;
      const { set, index } = candidates[randInt(rng, candidates.length)];
      const at = (e * steps + t) * width;
      digits[e * steps + t] = item.digit;
      for (let p = 0; p < PIXELS; p++) x[at + p] = table[set.pixels[index * PIXELS + p]];
      if (item.label >= 0) x[at + PIXELS + item.label] = 1;
    });
    target[e] = queryLabel;
  }
  return {
    size: count,
    features: { x: floatTensor(x, [count, steps, width]) },
    targets: { y: labelTensor(target, ways, config.labels, count) },
    classes: target,
    digits,
  };
}

export async function loadFewShot(config: DatasetConfig, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const ways = intOptionValue(config, 'ways');
  const shots = intOptionValue(config, 'shots');
  const total = intOptionValue(config, 'episodes');
  if (ways < 2 || ways > 5) throw new DatasetError(`ways is ${ways}; it must be 2..5 (the last N digits are held out for testing, the rest must offer N classes)`);
  if (shots < 1 || shots > 20) throw new DatasetError(`shots is ${shots}; it must be 1..20`);
  if (total < 1) throw new DatasetError(`episodes is ${total}; it must be at least 1`);
  const { train, test } = await loadBundledMnist();
  const pool = byClass([train, test]);
  const trainClasses = Array.from({ length: 10 - ways }, (_, i) => i);
  const testClasses = Array.from({ length: ways }, (_, i) => 10 - ways + i);
  // Pixel statistics from the training classes only.
  const trainIdx = Int32Array.from({ length: train.count }, (_, i) => i).filter((i) => train.labels[i] < 10 - ways);
  const scaling = pixelScaling(config.normalization, train, trainIdx);
  const sizes = splitSizes(total, config);
  const common = { ways, shots, pool, scaling, config };
  const strip = ({ digits: _digits, ...split }: DatasetSplit & { digits: Int32Array }) => split;
  return {
    descriptor,
    config,
    shapes: {
      features: { x: [ways * shots + 1, PIXELS + ways] },
      targets: { y: [ways] },
      numClasses: ways,
      trainSize: sizes.train,
      testSize: Math.floor(total / 4),
    },
    train: strip(makeEpisodes({ ...common, count: sizes.train, classes: trainClasses, seed: config.seed })),
    validation: sizes.validation > 0
      ? strip(makeEpisodes({ ...common, count: sizes.validation, classes: trainClasses, seed: config.seed + 7919 }))
      : null,
    test: strip(makeEpisodes({ ...common, count: Math.floor(total / 4), classes: testClasses, seed: SYNTHETIC_TEST_SEED })),
    classNames: Array.from({ length: ways }, (_, i) => `label ${i}`),
  };
}
