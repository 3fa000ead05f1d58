// The dataset catalogue: every kind of dataset the app can load, and the shapes a configuration gives,
// computed WITHOUT touching any file (pure; the renderer runs it on every edit).
//
// Shape conventions (no batch dimension):
// - features: what Input nodes receive. Images: 'vector' [H*W*C], 'matrix' and 'sequence' [H, W*C]
//   (H time steps of one row each), 'image' [H, W, C].
// - targets: what the model must PRODUCE (the Output node's incoming shape), e.g. [10] for a 10-class
//   task with either label encoding. The loaded label tensors differ by encoding:
//   'onehot' -> float32 [N, ..., numClasses]; 'int' -> class ids [N, ..., 1], stored as float32.
//   That is what tfjs sparseCategoricalCrossentropy wants: fit checks targets against the output
//   shape with its last dimension replaced by 1, and the loss floors them (int32 is rejected).
// - Sizes: trainSize and testSize count samples after `limit` and the validation split. `limit` caps
//   the training pool BEFORE the validation part is taken from it, so train + validation <= limit.
// - Shapes that depend on a user's file (CSV columns, image folder size, class count) are null here;
//   describeDataset in main reads the file header and fills them in.
import type { DatasetConfig, LabelEncoding, Normalization, Representation } from '../graph/types';
import type { Shape } from '../layers/types';
import type { DatasetDescriptor, DatasetOptionSpec, DatasetShapes } from './types';
import { ADDITION_VOCAB, DATE_VOCAB, DIGIT_NAME_MAX_LENGTH, DIGIT_NAME_VOCAB, TEXT_VOCAB } from './vocab';

export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASS_NAMES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
];
export const KMNIST_CLASS_NAMES = ['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo'];
export const CIFAR10_CLASS_NAMES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
];

/** The bundled `mnist` package: 10,000 real digits, split by a fixed shuffle into these sizes. */
export const MNIST_BUNDLED_TRAIN = 8000;
export const MNIST_BUNDLED_TEST = 2000;
/** Where Debian's dataset-fashion-mnist package puts the IDX files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Digit names: characters per target by default (the longest name, 5, plus at least one end token). */
export const DIGIT_NAME_LENGTH = DIGIT_NAME_MAX_LENGTH + 1;

/** Date translation: input text padded to this many characters, output 'YYYY-MM-DD'. */
export const DATE_INPUT_LENGTH = 30;
export const DATE_OUTPUT_LENGTH = 10;
/** Date translation input formats: every one, or only those written with digits. */
export const DATE_FORMAT_CHOICES = ['all', 'numeric'] as const;

const ALL_NORMALIZATIONS: Normalization[] = ['none', 'scale01', 'standardize'];
const BOTH_ENCODINGS: LabelEncoding[] = ['onehot', 'int'];
const IMAGE_REPRESENTATIONS: Representation[] = ['vector', 'matrix', 'sequence', 'image'];
const TOKEN_REPRESENTATIONS: Representation[] = ['sequence', 'matrix'];


function pathOption(help: string, def = ''): DatasetOptionSpec {
  return { key: 'path', label: 'Path', type: 'path', default: def, help };
}
function intOption(key: string, label: string, def: number, help: string): DatasetOptionSpec {
  return { key, label, type: 'int', default: def, help };
}

interface CatalogEntry {
  descriptor: DatasetDescriptor;
  shapes: (config: DatasetConfig) => DatasetShapes;
}

// ---- helpers the loaders use too, so reported and loaded sizes agree ----

/** Train and validation counts from a training pool of `pool` samples. */
export function splitSizes(pool: number, config: Pick<DatasetConfig, 'limit' | 'validationSplit'>): {
  train: number;
  validation: number;
} {
  const capped = config.limit > 0 ? Math.min(pool, Math.floor(config.limit)) : pool;
  const fraction = Math.min(0.5, Math.max(0, config.validationSplit || 0));
  const validation = Math.round(capped * fraction);
  return { train: capped - validation, validation };
}

/** Feature shape of an H x W x C image under a representation. */
export function imageFeatureShape(h: Dim, w: Dim, c: Dim, rep: Representation): Shape {
  const mul = (a: Dim, b: Dim): Dim => (a === null || b === null ? null : a * b);
  if (rep === 'vector') return [mul(mul(h, w), c)];
  if (rep === 'matrix' || rep === 'sequence') return [h, mul(w, c)];
  return [h, w, c];
}
type Dim = number | null;

/** Per-time-step token input: ids [T] or one-hot [T, V]. */
export function tokenFeatureShape(steps: number, vocab: number, rep: Representation): Shape {
  return rep === 'matrix' ? [steps, vocab] : [steps];
}

/** An option's value from the config, else the descriptor's default. */
export function optionValue(config: DatasetConfig, key: string): string | number | boolean | undefined {
  const given = config.options?.[key];
  if (given !== undefined && given !== '') return given;
  return getDescriptor(config.id)?.options.find((o) => o.key === key)?.default;
}
export function intOptionValue(config: DatasetConfig, key: string): number {
  const v = Number(optionValue(config, key));
  return Number.isFinite(v) ? Math.floor(v) : 0;
}

function classification(
  h: number, w: number, c: number, classes: number, trainPool: number, test: number,
): (config: DatasetConfig) => DatasetShapes {
  return (config) => ({
    features: { x: imageFeatureShape(h, w, c, config.representation) },
    targets: { y: [classes] },
    numClasses: classes,
    trainSize: splitSizes(trainPool, config).train,
    testSize: test,
  });
}

function idxEntry(id: string, name: string, description: string, classNames: string[], pathHelp: string,
  defaultPath = ''): CatalogEntry {
  return {
    descriptor: {
      id, name, description, task: 'classification',
      representations: IMAGE_REPRESENTATIONS, defaultRepresentation: 'vector',
      labelEncodings: BOTH_ENCODINGS, normalizations: ALL_NORMALIZATIONS,
      options: [pathOption(pathHelp, defaultPath)],
      offline: false, classNames,
    },
    shapes: classification(28, 28, 1, 10, 60000, 10000),
  };
}

/** The time-series task's target choices: the values after the window, or the next values at every step. */
export const TIME_SERIES_TARGETS = ['after window', 'every step'] as const;

/** True when the time-series target is per step (y [window, horizon]). */
export function timeSeriesPerStep(config: DatasetConfig): boolean {
  return optionValue(config, 'target') === 'every step';
}

// ---- the entries ----

const ENTRIES: CatalogEntry[] = [
  {
    descriptor: {
      id: 'mnist-bundled',
      name: 'MNIST (bundled, 10k digits)',
      description: '10,000 real handwritten digits shipped with the app: 8,000 for training, 2,000 for testing.',
      task: 'classification',
      representations: IMAGE_REPRESENTATIONS, defaultRepresentation: 'vector',
      labelEncodings: BOTH_ENCODINGS, normalizations: ALL_NORMALIZATIONS,
      options: [], offline: true, classNames: MNIST_CLASS_NAMES,
    },
    shapes: classification(28, 28, 1, 10, MNIST_BUNDLED_TRAIN, MNIST_BUNDLED_TEST),
  },
  idxEntry('mnist', 'MNIST (full, 70k)',
    'The full MNIST set (60,000 train, 10,000 test) from IDX files in a folder, or downloaded once into the cache.',
    MNIST_CLASS_NAMES, 'Folder with the four IDX files (.gz or not). Empty: download into the cache.'),
  idxEntry('fashion-mnist', 'Fashion-MNIST',
    'Zalando clothing images in MNIST format (60,000 train, 10,000 test; a 29 MB download). Debian: apt-get install dataset-fashion-mnist.',
    FASHION_CLASS_NAMES, `Folder with the four IDX files (.gz or not). Empty: the downloaded copy, else Debian's (${DEBIAN_FASHION_MNIST_DIR}).`),
  idxEntry('kmnist', 'Kuzushiji-MNIST',
    'Cursive Japanese characters in MNIST format (60,000 train, 10,000 test), from a folder of IDX files.',
    KMNIST_CLASS_NAMES, 'Folder with the four IDX files (.gz or not).'),
  {
    descriptor: {
      id: 'cifar10', name: 'CIFAR-10',
      description: '32x32 colour images in 10 classes (50,000 train, 10,000 test), binary version (a 162 MB download): a folder with data_batch_1..5.bin and test_batch.bin, or the cifar-10-binary.tar.gz archive.',
      task: 'classification',
      representations: IMAGE_REPRESENTATIONS, defaultRepresentation: 'image',
      labelEncodings: BOTH_ENCODINGS, normalizations: ALL_NORMALIZATIONS,
      options: [pathOption('Folder with the .bin batches, or the .tar.gz archive. Empty: the downloaded copy.')],
      offline: false, classNames: CIFAR10_CLASS_NAMES,
    },
    shapes: classification(32, 32, 3, 10, 50000, 10000),
  },
  {
    descriptor: {
      id: 'mnist-digit-names',
      name: 'MNIST digit -> spelled name (one-to-many)',
      description: 'The bundled digits (same images and split as MNIST bundled); the target is the English name of the digit, ' +
        "one character per step (\"7\" -> s, e, v, e, n, end), padded with the end token to a fixed length.",
      task: 'sequence',
      representations: IMAGE_REPRESENTATIONS, defaultRepresentation: 'vector',
      labelEncodings: BOTH_ENCODINGS, normalizations: ALL_NORMALIZATIONS,
      options: [
        intOption('length', 'Name length', DIGIT_NAME_LENGTH,
          `Characters per target, end tokens included (${DIGIT_NAME_LENGTH}..32: every name keeps at least one end token).`),
      ],
      offline: true, classNames: DIGIT_NAME_VOCAB.chars,
    },
    shapes: (config) => ({
      features: { x: imageFeatureShape(28, 28, 1, config.representation) },
      targets: { y: [intOptionValue(config, 'length'), DIGIT_NAME_VOCAB.size] },
      numClasses: DIGIT_NAME_VOCAB.size,
      trainSize: splitSizes(MNIST_BUNDLED_TRAIN, config).train,
      testSize: MNIST_BUNDLED_TEST,
    }),
  },
  // ---- synthetic tasks (generated from the seed; no files) ----
  ...(['copy', 'reverse'] as const).map((kind): CatalogEntry => ({
    descriptor: {
      id: `seq-${kind}`, name: `Sequence ${kind}`,
      description: kind === 'copy'
        ? 'Random token sequences; the target is the same sequence (many-to-many).'
        : 'Random token sequences; the target is the sequence reversed (needs memory of the whole input).',
      task: 'sequence',
      representations: TOKEN_REPRESENTATIONS, defaultRepresentation: 'matrix',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none'],
      options: [
        intOption('length', 'Length', 8, 'Tokens per sequence.'),
        intOption('vocab', 'Vocabulary', 10, 'Number of distinct tokens.'),
        intOption('samples', 'Samples', 4000, 'Training pool size (the test set is a quarter of it).'),
      ],
      offline: true,
    },
    shapes: (config) => {
      const len = intOptionValue(config, 'length');
      const vocab = intOptionValue(config, 'vocab');
      const samples = intOptionValue(config, 'samples');
      return {
        features: { x: tokenFeatureShape(len, vocab, config.representation) },
        targets: { y: [len, vocab] },
        numClasses: vocab,
        trainSize: splitSizes(samples, config).train,
        testSize: Math.floor(samples / 4),
      };
    },
  })),
  {
    descriptor: {
      id: 'seq-recall-marked', name: 'Recall the marked token (long dependency)',
      description: 'Random tokens (one-hot) plus a marker channel that is 1 at exactly one of the first K steps; the target is ' +
        'the marked token, to be named after the LAST step. The answer lies at least T - K steps back, and everything after it ' +
        'is noise to ignore: a model that sees only the last T - K steps is at chance (1 / vocabulary).',
      task: 'classification',
      representations: ['matrix'], defaultRepresentation: 'matrix',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none'],
      options: [
        intOption('length', 'Length (T)', 16, 'Tokens per sequence.'),
        intOption('vocab', 'Vocabulary', 8, 'Number of distinct tokens (chance accuracy is 1 / vocabulary).'),
        intOption('markWithin', 'Marked within (K)', 4, 'The marked token is one of the first K steps, so it lies at least T - K steps before the end.'),
        intOption('samples', 'Samples', 8000, 'Training pool size (the test set is a quarter of it).'),
      ],
      offline: true,
    },
    shapes: (config) => {
      const len = intOptionValue(config, 'length');
      const vocab = intOptionValue(config, 'vocab');
      const samples = intOptionValue(config, 'samples');
      return {
        features: { x: [len, vocab + 1] },
        targets: { y: [vocab] },
        numClasses: vocab,
        trainSize: splitSizes(samples, config).train,
        testSize: Math.floor(samples / 4),
      };
    },
  },
  {
    descriptor: {
      id: 'addition', name: 'Addition (seq2seq)',
      description: 'Character sums such as "123+45" -> "168", input padded with spaces; the classic addition RNN.',
      task: 'sequence',
      representations: TOKEN_REPRESENTATIONS, defaultRepresentation: 'matrix',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none'],
      options: [
        intOption('digits', 'Digits', 3, 'Maximum digits per operand.'),
        intOption('samples', 'Samples', 8000, 'Training pool size (the test set is a quarter of it).'),
      ],
      offline: true, classNames: ADDITION_VOCAB.chars,
    },
    shapes: (config) => {
      const d = intOptionValue(config, 'digits');
      const samples = intOptionValue(config, 'samples');
      const v = ADDITION_VOCAB.size;
      return {
        features: { x: tokenFeatureShape(2 * d + 1, v, config.representation) },
        targets: { y: [d + 1, v] },
        numClasses: v,
        trainSize: splitSizes(samples, config).train,
        testSize: Math.floor(samples / 4),
      };
    },
  },
  {
    descriptor: {
      id: 'date-translation', name: 'Date translation (seq2seq)',
      description: 'Human dates ("3 may 1998", "03/05/1998", "sunday, may 3, 1998") -> "1998-05-03". ' +
        "Features: 'x' (encoder input) and 'decoder_in' (the target shifted right after a start token, for teacher forcing).",
      task: 'sequence',
      representations: TOKEN_REPRESENTATIONS, defaultRepresentation: 'matrix',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none'],
      options: [
        intOption('samples', 'Samples', 8000, 'Training pool size (the test set is a quarter of it).'),
        {
          key: 'formats', label: 'Input formats', type: 'enum', default: 'all', options: [...DATE_FORMAT_CHOICES],
          help: "'all': seven formats, month names and weekdays included; 'numeric': only 03.05.1998, 05/03/1998 and 1998/05/03 " +
            '(the output is a reordering of the input digits, learnt in far fewer steps).',
        },
        {
          key: 'padding', label: 'Padding', type: 'enum', default: 'after', options: ['after', 'before'],
          help: "Where the pad tokens go in the 30-character input: 'after' the text (its last character can be 20 steps " +
            "before the encoder's end) or 'before' it (the text ends at the last step, next to the state the decoder starts from).",
        },
      ],
      offline: true, classNames: DATE_VOCAB.chars,
    },
    shapes: (config) => {
      const samples = intOptionValue(config, 'samples');
      const v = DATE_VOCAB.size;
      return {
        features: {
          x: tokenFeatureShape(DATE_INPUT_LENGTH, v, config.representation),
          decoder_in: tokenFeatureShape(DATE_OUTPUT_LENGTH, v, config.representation),
        },
        targets: { y: [DATE_OUTPUT_LENGTH, v] },
        numClasses: v,
        trainSize: splitSizes(samples, config).train,
        testSize: Math.floor(samples / 4),
      };
    },
  },
  {
    descriptor: {
      id: 'time-series', name: 'Time series forecasting',
      description: 'A noisy sum of sine waves with several periods; windows of past values predict the next ones. ' +
        'The test windows come from the end of the series (no overlap with training).',
      task: 'regression',
      representations: ['sequence'], defaultRepresentation: 'sequence',
      labelEncodings: ['onehot'], normalizations: ['none', 'standardize'],
      options: [
        intOption('window', 'Window', 32, 'Past steps per sample.'),
        intOption('horizon', 'Horizon', 1, 'Future steps to predict.'),
        intOption('length', 'Series length', 5000, 'Total steps generated (train part 80%, test part 20%).'),
        { key: 'noise', label: 'Noise', type: 'float', default: 0.1, help: 'Standard deviation of the added noise.' },
        {
          key: 'target', label: 'Target', type: 'enum', default: 'after window', options: [...TIME_SERIES_TARGETS],
          help: "'after window': the horizon values after the window, y [horizon]. 'every step': at every step t of the " +
            'window the horizon values after t, y [window, horizon] (as WaveNet trains: one prediction per step, and the ' +
            "last step's is the forecast). Every step's target is the next input, so a model that sees later steps cheats.",
        },
      ],
      offline: true,
    },
    shapes: (config) => {
      const window = intOptionValue(config, 'window');
      const horizon = intOptionValue(config, 'horizon');
      const sizes = timeSeriesWindows(config);
      return {
        features: { x: [window, 1] },
        targets: { y: timeSeriesPerStep(config) ? [window, horizon] : [horizon] },
        trainSize: splitSizes(sizes.train, config).train,
        testSize: sizes.test,
      };
    },
  },
  {
    descriptor: {
      id: 'char-text', name: 'Character text (GPT-style)',
      description: 'Characters of your .txt file as token ids; each sample is T characters and the target is the next ' +
        `character at every position. Fixed vocabulary of ${TEXT_VOCAB.size}: unknown, newline and printable ASCII. ` +
        'The last 10% of the text is the test set.',
      task: 'sequence',
      representations: TOKEN_REPRESENTATIONS, defaultRepresentation: 'sequence',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none'],
      options: [
        pathOption('A UTF-8 .txt file.'),
        intOption('context', 'Context', 64, 'Characters per sample (T).'),
        intOption('stride', 'Stride', 0, 'Characters between sample starts; 0 = context (no overlap).'),
      ],
      offline: false, classNames: TEXT_VOCAB.chars,
    },
    shapes: (config) => {
      const t = intOptionValue(config, 'context');
      return {
        features: { x: tokenFeatureShape(t, TEXT_VOCAB.size, config.representation) },
        targets: { y: [t, TEXT_VOCAB.size] },
        numClasses: TEXT_VOCAB.size,
      };
    },
  },
  {
    descriptor: {
      id: 'fewshot-mnist', name: 'Few-shot MNIST episodes (SNAIL)',
      description: 'N-way K-shot episodes from the bundled digits: a sequence of N*K labelled examples then one query ' +
        'whose label slot is zero; each step is the 784 pixels followed by the one-hot episode label. ' +
        'The last N digit classes are held out: validation and test episodes use only them.',
      task: 'classification',
      representations: ['sequence'], defaultRepresentation: 'sequence',
      labelEncodings: BOTH_ENCODINGS, normalizations: ALL_NORMALIZATIONS,
      options: [
        intOption('ways', 'Ways (N)', 5, 'Classes per episode (at most 5: the other digits are the test classes).'),
        intOption('shots', 'Shots (K)', 1, 'Labelled examples per class.'),
        intOption('episodes', 'Episodes', 2000, 'Training episodes (test: a quarter of it).'),
      ],
      offline: true,
    },
    shapes: (config) => {
      const n = intOptionValue(config, 'ways');
      const k = intOptionValue(config, 'shots');
      const episodes = intOptionValue(config, 'episodes');
      return {
        features: { x: [n * k + 1, 784 + n] },
        targets: { y: [n] },
        numClasses: n,
        trainSize: splitSizes(episodes, config).train,
        testSize: Math.floor(episodes / 4),
      };
    },
  },
  {
    descriptor: {
      id: 'fewshot-prototypes', name: 'Few-shot synthetic classes (SNAIL)',
      description: 'N-way K-shot episodes of synthetic classes: each class is a random prototype vector and an example is ' +
        'its prototype plus Gaussian noise. Each step is the example followed by the one-hot episode label; the last step ' +
        'is the query with an empty label slot. Validation and test episodes use NEW random prototypes, never seen in training.',
      task: 'classification',
      representations: ['sequence'], defaultRepresentation: 'sequence',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none'],
      options: [
        intOption('ways', 'Ways (N)', 5, 'Classes per episode (2..20).'),
        intOption('shots', 'Shots (K)', 1, 'Labelled examples per class.'),
        intOption('episodes', 'Episodes', 4000, 'Training episodes (test: a quarter of it).'),
        intOption('classes', 'Training classes', 200, 'Distinct training classes; as many new ones are generated for validation and test.'),
        intOption('dims', 'Feature size', 16, 'Values per example.'),
        { key: 'noise', label: 'Noise', type: 'float', default: 0.6, help: 'Standard deviation of the noise around each prototype (the prototypes have standard deviation 1).' },
      ],
      offline: true,
    },
    shapes: (config) => {
      const n = intOptionValue(config, 'ways');
      const k = intOptionValue(config, 'shots');
      const episodes = intOptionValue(config, 'episodes');
      return {
        features: { x: [n * k + 1, intOptionValue(config, 'dims') + n] },
        targets: { y: [n] },
        numClasses: n,
        trainSize: splitSizes(episodes, config).train,
        testSize: Math.floor(episodes / 4),
      };
    },
  },
  // ---- the user's own files (sizes known only after reading) ----
  {
    descriptor: {
      id: 'csv', name: 'CSV table',
      description: 'Rows of a CSV file with a header. Numeric columns are used as they are, text columns one-hot. ' +
        'A text label column makes it classification, a numeric one regression. The last 20% of rows (after a seeded shuffle) are the test set.',
      task: 'classification',
      representations: ['vector'], defaultRepresentation: 'vector',
      labelEncodings: BOTH_ENCODINGS, normalizations: ['none', 'standardize'],
      options: [
        pathOption('A .csv file with a header row.'),
        { key: 'label', label: 'Label column', type: 'string', default: '', help: 'Header of the label column; empty = the last column.' },
        { key: 'features', label: 'Feature columns', type: 'string', default: '', help: 'Comma-separated headers; empty = all but the label.' },
        { key: 'labelType', label: 'Label type', type: 'enum', default: 'auto', options: ['auto', 'class', 'number'], help: "'auto': text labels are classes, numbers are regression." },
      ],
      offline: false,
    },
    shapes: () => ({ features: { x: [null] }, targets: { y: [null] } }),
  },
  {
    descriptor: {
      id: 'image-folder', name: 'Image folder',
      description: 'JPEG, PNG, WebP or BMP images (grayscale or RGB, all the same size) in one sub-folder per class. ' +
        'A seeded 20% of each class is the test set.',
      task: 'classification',
      representations: IMAGE_REPRESENTATIONS, defaultRepresentation: 'image',
      labelEncodings: BOTH_ENCODINGS, normalizations: ALL_NORMALIZATIONS,
      options: [pathOption('Folder with one sub-folder of JPEG, PNG, WebP or BMP images per class.')],
      offline: false,
    },
    shapes: (config) => ({
      features: { x: imageFeatureShape(null, null, null, config.representation) },
      targets: { y: [null] },
    }),
  },
];

/** Catalogue entries in display order. */
export const DATASETS: DatasetDescriptor[] = ENTRIES.map((e) => e.descriptor);

export function getDescriptor(id: string): DatasetDescriptor | undefined {
  return ENTRIES.find((e) => e.descriptor.id === id)?.descriptor;
}

/**
 * Shapes and sizes for a configuration, without reading files. Throws for an unknown id.
 * For user-file datasets the file-dependent dimensions are null (describeDataset fills them in).
 */
export function datasetShapes(config: DatasetConfig): DatasetShapes {
  const entry = ENTRIES.find((e) => e.descriptor.id === config.id);
  if (!entry) throw new Error(`Unknown dataset '${config.id}'. Known: ${DATASETS.map((d) => d.id).join(', ')}.`);
  const reps = entry.descriptor.representations;
  if (!reps.includes(config.representation)) {
    throw new Error(`${entry.descriptor.name} has no '${config.representation}' representation; choose ${reps.map((r) => `'${r}'`).join(' or ')}.`);
  }
  return entry.shapes(config);
}

/** Number of training and test windows the time-series task makes (train pool before validation). */
export function timeSeriesWindows(config: DatasetConfig): { train: number; test: number; trainSteps: number } {
  const length = intOptionValue(config, 'length');
  const window = intOptionValue(config, 'window');
  const horizon = intOptionValue(config, 'horizon');
  const trainSteps = Math.floor(length * 0.8);
  const count = (steps: number) => Math.max(0, steps - window - horizon + 1);
  return { train: count(trainSteps), test: count(length - trainSteps), trainSteps };
}
