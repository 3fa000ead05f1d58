// Dataset entry points for main and the training worker: the catalogue, shapes, loading.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';
import { DATASETS, datasetShapes, getDescriptor, MNIST_CLASS_NAMES } from '../../shared/data/catalog';
import type { LoadContext, LoadedDataset } from './types';
import { DatasetError } from './errors';
import { buildImageDataset } from './images';
import { loadBundledMnist } from './mnistBundled';
import { describeIdxDataset, loadIdxDataset } from './idxDatasets';
import { describeCifar10, loadCifar10 } from './cifar';
import { loadAdditionTask, loadCopyTask, loadDateTask, loadMarkedRecall } from './synthetic/sequences';
import { loadTimeSeries } from './synthetic/timeSeries';
import { describeCharText, loadCharText } from './synthetic/charText';
import { loadFewShot, loadFewShotPrototypes } from './synthetic/fewShot';
import { loadDigitNames } from './digitNames';
import { describeCsv, loadCsv } from './csv';
import { describeImageFolder, loadImageFolder } from './imageFolder';
import { buildPreview } from './preview';
import type { DatasetPreview } from '../../shared/data/preview';

export { DatasetError } from './errors';

interface Loader {
  load(config: DatasetConfig, ctx: LoadContext, descriptor: DatasetDescriptor): Promise<LoadedDataset>;
  /** Reads headers for shapes that depend on the user's files; absent = the catalogue knows them. */
  describe?(config: DatasetConfig): Promise<DatasetShapes>;
}

const LOADERS: Record<string, Loader> = {
  'mnist-bundled': {
    async load(config, ctx, descriptor) {
      ctx.onProgress?.({ stage: 'read', fraction: 0, message: 'Reading the bundled digits' });
      const { train, test } = await loadBundledMnist(ctx.cacheDir);
      const data = buildImageDataset({ descriptor, config, train, test, numClasses: 10, classNames: MNIST_CLASS_NAMES });
      ctx.onProgress?.({ stage: 'read', fraction: 1 });
      return data;
    },
  },
  'mnist-digit-names': { load: (config, _ctx, d) => loadDigitNames(config, d) },
  mnist: { load: loadIdxDataset, describe: describeIdxDataset },
  'fashion-mnist': { load: loadIdxDataset, describe: describeIdxDataset },
  kmnist: { load: loadIdxDataset, describe: describeIdxDataset },
  cifar10: { load: loadCifar10, describe: describeCifar10 },
  'seq-copy': { load: async (config, _ctx, d) => loadCopyTask(config, d) },
  'seq-reverse': { load: async (config, _ctx, d) => loadCopyTask(config, d) },
  'seq-recall-marked': { load: async (config, _ctx, d) => loadMarkedRecall(config, d) },
  addition: { load: async (config, _ctx, d) => loadAdditionTask(config, d) },
  'date-translation': { load: async (config, _ctx, d) => loadDateTask(config, d) },
  'time-series': { load: async (config, _ctx, d) => loadTimeSeries(config, d) },
  'char-text': { load: (config, _ctx, d) => loadCharText(config, d), describe: describeCharText },
  'fewshot-mnist': { load: (config, _ctx, d) => loadFewShot(config, d) },
  'fewshot-prototypes': { load: (config, _ctx, d) => loadFewShotPrototypes(config, d) },
  csv: { load: loadCsv, describe: describeCsv },
  'image-folder': { load: loadImageFolder, describe: describeImageFolder },
};

export function listDatasets(): DatasetDescriptor[] {
  return DATASETS.filter((d) => LOADERS[d.id]);
}

function descriptorOf(config: DatasetConfig): DatasetDescriptor {
  const descriptor = getDescriptor(config.id);
  if (!descriptor || !LOADERS[config.id]) {
    throw new DatasetError(`unknown dataset '${config.id}'; known: ${listDatasets().map((d) => d.id).join(', ')}`);
  }
  if (!descriptor.representations.includes(config.representation)) {
    throw new DatasetError(`${descriptor.name} has no '${config.representation}' representation; choose ${descriptor.representations.map((r) => `'${r}'`).join(' or ')}`);
  }
  return descriptor;
}

/** Whether describing `config` reads the user's files (then the host runs it in its job worker, not its main loop). */
export function describeReadsFiles(config: DatasetConfig): boolean {
  return !!LOADERS[config.id]?.describe;
}

/** Shapes and sizes; reads file headers (a CSV or text file whole, streamed) where the shapes depend on the user's files. */
export async function describeDataset(config: DatasetConfig): Promise<DatasetShapes> {
  descriptorOf(config);
  const loader = LOADERS[config.id];
  return loader.describe ? loader.describe(config) : datasetShapes(config);
}

/** Loads every split into memory. Throws DatasetError for bad files; nothing is returned half-loaded. */
export async function loadDataset(config: DatasetConfig, ctx: LoadContext): Promise<LoadedDataset> {
  const descriptor = descriptorOf(config);
  if (ctx.signal?.aborted) throw new DatasetError('loading was cancelled', undefined, 'data.cancelled');
  return LOADERS[config.id].load(config, ctx, descriptor);
}

/** Sizes, shapes, class balance and `n` samples as plain JSON for the dataset panel. */
export async function previewDataset(config: DatasetConfig, n = 8, ctx?: LoadContext): Promise<DatasetPreview> {
  const data = await loadDataset(config, ctx ?? { cacheDir: defaultCacheDir() });
  return buildPreview(data, Math.max(0, Math.min(64, Math.floor(n))));
}

/** Where downloads go when the caller has no cache folder of its own. */
export function defaultCacheDir(): string {
  return process.env.LAYERLAB_CACHE_DIR || join(homedir(), '.cache', 'layerlab', 'datasets');
}
