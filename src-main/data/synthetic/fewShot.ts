// N-way K-shot episodes as SNAIL consumes them: a sequence of N*K labelled examples (the example's
// features then the one-hot episode label) followed by one query whose label slot is zero; the target is
// the query's episode label. Episode labels are a fresh random permutation each time, so the model must
// read them from the sequence. Training episodes use the training classes only; validation and test
// episodes use only held-out classes, so validation accuracy measures few-shot generalisation.
//
// Two sources of examples:
// - 'fewshot-mnist': the bundled digits; the last N digit classes are held out.
// - 'fewshot-prototypes': synthetic classes, each a random prototype vector; an example is its class's
//   prototype plus Gaussian noise. Held-out classes are new random prototypes never seen in training.
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { intOptionValue, optionValue, splitSizes } from '../../../shared/data/catalog';
import { makeRng, randInt, randNormal, shuffleInPlace } from '../../../shared/data/random';
import type { DatasetSplit, LoadedDataset } from '../types';
import { floatTensor, labelTensor } from '../tensors';
import { DatasetError } from '../errors';
import { loadBundledMnist } from '../mnistBundled';
import { pixelScaling, type PixelScaling, type RawImages } from '../images';
import { SYNTHETIC_TEST_SEED } from './sequences';

const PIXELS = 784;
/** Seed of the held-out prototypes: the same new classes in every run. */
const HELD_OUT_PROTOTYPE_SEED = 271828;

/** Writes `size` feature values of one example of class `cls` at `into[at..]`. */
type FillExample = (cls: number, into: Float32Array, at: number, rng: () => number) => void;

/** Episodes, plus the class shown at every step (`shown`, [count * steps]) for checking. */
export function buildEpisodes(args: {
  count: number; ways: number; shots: number; classes: number[]; featureSize: number;
  fill: FillExample; config: DatasetConfig; seed: number;
}): DatasetSplit & { shown: Int32Array } {
  const { count, ways, shots, classes, featureSize, fill, config } = args;
  const rng = makeRng(args.seed);
  const steps = ways * shots + 1;
  const width = featureSize + ways;
  const x = new Float32Array(count * steps * width);
  const target = new Int32Array(count);
  const shown = new Int32Array(count * steps);
  for (let e = 0; e < count; e++) {
    const chosen = shuffleInPlace(classes.slice(), rng).slice(0, ways); // chosen[label] = class
    const support: { cls: number; label: number }[] = [];
    for (let label = 0; label < ways; label++) for (let k = 0; k < shots; k++) support.push({ cls: chosen[label], label });
    shuffleInPlace(support, rng);
    const queryLabel = randInt(rng, ways);
    const items = [...support, { cls: chosen[queryLabel], label: -1 }];
    items.forEach((item, t) => {
      const at = (e * steps + t) * width;
      shown[e * steps + t] = item.cls;
      fill(item.cls, x, at, rng);
      if (item.label >= 0) x[at + featureSize + item.label] = 1;
    });
    target[e] = queryLabel;
  }
  return {
    size: count,
    features: { x: floatTensor(x, [count, steps, width]) },
    targets: { y: labelTensor(target, ways, config.labels, count) },
    classes: target,
    shown,
  };
}

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

/** A random image of the digit, scaled. */
function digitFill(pool: ReturnType<typeof byClass>, scaling: PixelScaling): FillExample {
  const table = Float32Array.from({ length: 256 }, (_, v) => (v - scaling.offset[0]) * scaling.scale[0]);
  return (digit, into, at, rng) => {
    const candidates = pool.get(digit)!;
    const { set, index } = candidates[randInt(rng, candidates.length)];
    for (let p = 0; p < PIXELS; p++) into[at + p] = table[set.pixels[index * PIXELS + p]];
  };
}

/** MNIST episodes, plus the digit shown at every step (`digits`, [count * steps]) for checking. */
export function makeEpisodes(args: {
  count: number; ways: number; shots: number; classes: number[]; pool: ReturnType<typeof byClass>;
  scaling: PixelScaling; config: DatasetConfig; seed: number;
}): DatasetSplit & { digits: Int32Array } {
  const fill = digitFill(args.pool, args.scaling);
  const { shown, ...split } = buildEpisodes({ ...args, featureSize: PIXELS, fill });
  return { ...split, digits: shown };
}

interface EpisodeSettings {
  ways: number;
  shots: number;
  total: number;
}

function episodeSettings(config: DatasetConfig, maxWays: number, why: string): EpisodeSettings {
  const ways = intOptionValue(config, 'ways');
  const shots = intOptionValue(config, 'shots');
  const total = intOptionValue(config, 'episodes');
  if (ways < 2 || ways > maxWays) throw new DatasetError(`option 'ways' is ${ways}; it must be 2..${maxWays} (${why})`);
  if (shots < 1 || shots > 20) throw new DatasetError(`option 'shots' is ${shots}; it must be 1..20`);
  if (total < 1) throw new DatasetError(`option 'episodes' is ${total}; it must be at least 1`);
  return { ways, shots, total };
}

const dropShown = ({ shown: _shown, ...split }: DatasetSplit & { shown: Int32Array }): DatasetSplit => split;

/** Train episodes from `trainClasses`; validation (config seed) and test (fixed seed) from `heldOut`. */
function assemble(args: {
  config: DatasetConfig; descriptor: DatasetDescriptor; settings: EpisodeSettings; featureSize: number;
  trainClasses: number[]; heldOut: number[]; fill: FillExample;
}): LoadedDataset {
  const { config, descriptor, settings: { ways, shots, total }, featureSize, trainClasses, heldOut, fill } = args;
  const sizes = splitSizes(total, config);
  const common = { ways, shots, featureSize, fill, config };
  return {
    descriptor,
    config,
    shapes: {
      features: { x: [ways * shots + 1, featureSize + ways] },
      targets: { y: [ways] },
      numClasses: ways,
      trainSize: sizes.train,
      testSize: Math.floor(total / 4),
    },
    train: dropShown(buildEpisodes({ ...common, count: sizes.train, classes: trainClasses, seed: config.seed })),
    validation: sizes.validation > 0
      ? dropShown(buildEpisodes({ ...common, count: sizes.validation, classes: heldOut, seed: config.seed + 7919 }))
      : null,
    test: dropShown(buildEpisodes({ ...common, count: Math.floor(total / 4), classes: heldOut, seed: SYNTHETIC_TEST_SEED })),
    classNames: Array.from({ length: ways }, (_, i) => `label ${i}`),
  };
}

export async function loadFewShot(config: DatasetConfig, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const settings = episodeSettings(config, 5, 'the last N digits are held out, the rest must offer N classes');
  const { ways } = settings;
  const { train, test } = await loadBundledMnist();
  const pool = byClass([train, test]);
  const trainClasses = Array.from({ length: 10 - ways }, (_, i) => i);
  const heldOut = Array.from({ length: ways }, (_, i) => 10 - ways + i);
  // Pixel statistics from the training classes only.
  const trainIdx = Int32Array.from({ length: train.count }, (_, i) => i).filter((i) => train.labels[i] < 10 - ways);
  const scaling = pixelScaling(config.normalization, train, trainIdx);
  return assemble({ config, descriptor, settings, featureSize: PIXELS, trainClasses, heldOut, fill: digitFill(pool, scaling) });
}

/** `count` prototype vectors of `dims` standard-normal values, row-major. */
export function randomPrototypes(count: number, dims: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: count * dims }, () => randNormal(rng));
}

export async function loadFewShotPrototypes(config: DatasetConfig, descriptor: DatasetDescriptor): Promise<LoadedDataset> {
  const classCount = intOptionValue(config, 'classes');
  const settings = episodeSettings(config, 20, 'classes per episode');
  const dims = intOptionValue(config, 'dims');
  const noise = Number(optionValue(config, 'noise'));
  if (dims < 2 || dims > 1024) throw new DatasetError(`option 'dims' is ${dims}; it must be 2..1024`);
  if (classCount < settings.ways || classCount > 10_000) {
    throw new DatasetError(`option 'classes' is ${classCount}; it must be between ways (${settings.ways}) and 10000`);
  }
  if (!Number.isFinite(noise) || noise < 0 || noise > 10) throw new DatasetError(`option 'noise' is ${optionValue(config, 'noise')}; it must be a number from 0 to 10`);
  // Classes 0..C-1 are the training prototypes (from the config seed); C..2C-1 are new, held-out ones.
  const prototypes = new Float32Array(2 * classCount * dims);
  prototypes.set(randomPrototypes(classCount, dims, config.seed));
  prototypes.set(randomPrototypes(classCount, dims, HELD_OUT_PROTOTYPE_SEED), classCount * dims);
  const fill: FillExample = (cls, into, at, rng) => {
    for (let d = 0; d < dims; d++) into[at + d] = prototypes[cls * dims + d] + noise * randNormal(rng);
  };
  return assemble({
    config, descriptor, settings, featureSize: dims, fill,
    trainClasses: Array.from({ length: classCount }, (_, i) => i),
    heldOut: Array.from({ length: classCount }, (_, i) => classCount + i),
  });
}
