// MNIST-format datasets (MNIST, Fashion-MNIST, KMNIST) from a folder of the four IDX files, or
// (MNIST only) downloaded once into the cache with checksums.
import { datasetPath, listFolder } from './userFiles';
import { join } from 'node:path';
import type { DatasetConfig } from '../../shared/graph/types';
import type { DatasetDescriptor, DatasetShapes } from '../../shared/data/types';
import { datasetShapes, imageFeatureShape, splitSizes } from '../../shared/data/catalog';
import type { LoadContext, LoadedDataset } from './types';
import { DatasetError } from './errors';
import { readIdxFile, readIdxHeader, type IdxHeader } from './idx';
import { buildImageDataset, type RawImages } from './images';
import { downloadFile } from './download';
import { getDownloadable } from '../../shared/data/downloads';
import { locateDataset, missingDatasetMessage } from './dataset-store';

export type Part = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
const PARTS: Record<Part, { prefix: string; kind: string; rank: number }> = {
  trainImages: { prefix: 'train', kind: 'images', rank: 3 },
  trainLabels: { prefix: 'train', kind: 'labels', rank: 1 },
  testImages: { prefix: 't10k', kind: 'images', rank: 3 },
  testLabels: { prefix: 't10k', kind: 'labels', rank: 1 },
};

const MNIST = getDownloadable('mnist')!;
const mnistFile = (name: string) => MNIST.files.find((f) => f.name === name)!;
/** The official MNIST files with their published SHA-256 digests (shared/data/downloads.ts). */
export const MNIST_FILES: Record<Part, { name: string; sha256: string }> = {
  trainImages: mnistFile('train-images-idx3-ubyte.gz'),
  trainLabels: mnistFile('train-labels-idx1-ubyte.gz'),
  testImages: mnistFile('t10k-images-idx3-ubyte.gz'),
  testLabels: mnistFile('t10k-labels-idx1-ubyte.gz'),
};
/** Public mirrors of the original files; LAYERLAB_MNIST_MIRROR (a base URL) is tried first when set. */
export function mnistMirrors(): string[] {
  const custom = process.env.LAYERLAB_MNIST_MIRROR;
  return [...(custom ? [custom.replace(/\/?$/, '/')] : []), ...MNIST.mirrors];
}

/** Finds the four files in a folder: 'train-images-idx3-ubyte', 'train-images.idx3-ubyte', optional '.gz', any prefix. */
export async function findIdxFiles(folder: string): Promise<Record<Part, string>> {
  const names = (await listFolder(folder)).map((e) => e.name);
  const found = {} as Record<Part, string>;
  const missing: string[] = [];
  for (const [part, spec] of Object.entries(PARTS) as [Part, (typeof PARTS)[Part]][]) {
    const pattern = new RegExp(`(^|[-_])${spec.prefix}-${spec.kind}[-.]idx${spec.rank}-ubyte(\\.gz)?$`, 'i');
    const match = names.filter((n) => pattern.test(n)).sort((a, b) => a.length - b.length)[0];
    if (match) found[part] = join(folder, match);
    else missing.push(`${spec.prefix}-${spec.kind}-idx${spec.rank}-ubyte[.gz]`);
  }
  if (missing.length) {
    throw new DatasetError(`missing ${missing.join(', ')} (found: ${names.length ? names.join(', ') : 'an empty folder'})`, folder);
  }
  return found;
}

/** Types, ranks and counts of an images file and its labels file agree (from their headers or whole files). */
function checkIdxPair(images: Pick<IdxHeader, 'type' | 'dims'>, labels: Pick<IdxHeader, 'type' | 'dims'>, imagesFile: string, labelsFile: string): void {
  if (images.type !== 'ubyte' || (images.dims.length !== 3 && images.dims.length !== 4)) {
    throw new DatasetError(`expected unsigned-byte images [count, height, width(, channels)], got ${images.type} ${images.dims.join('x')}`, imagesFile);
  }
  if (labels.type !== 'ubyte' || labels.dims.length !== 1) {
    throw new DatasetError(`expected unsigned-byte labels [count], got ${labels.type} ${labels.dims.join('x')}`, labelsFile);
  }
  if (labels.dims[0] !== images.dims[0]) {
    throw new DatasetError(`${labels.dims[0]} labels for ${images.dims[0]} images in ${imagesFile}`, labelsFile);
  }
}

/** Reads one images file and its labels file into RawImages, checking ranks and counts. */
export async function readIdxPair(imagesFile: string, labelsFile: string): Promise<RawImages> {
  const [images, labels] = await Promise.all([readIdxFile(imagesFile), readIdxFile(labelsFile)]);
  checkIdxPair(images, labels, imagesFile, labelsFile);
  const [count, height, width, channels = 1] = images.dims;
  return { pixels: images.data as Uint8Array, labels: labels.data as Uint8Array, count, height, width, channels };
}

async function resolveFolder(config: DatasetConfig, ctx: LoadContext): Promise<Record<Part, string>> {
  const path = datasetPath(config);
  if (path) return findIdxFiles(path);
  if (config.id === 'fashion-mnist') {
    // No path: the downloaded files, else Debian's dataset-fashion-mnist.
    const found = locateDataset(config.id, ctx.cacheDir);
    if (!found) throw new DatasetError(missingDatasetMessage(config.id, ctx.cacheDir));
    return findIdxFiles(found);
  }
  if (config.id !== 'mnist') throw new DatasetError(`no folder given: set the dataset's Path option to the folder with the IDX files`);
  return downloadIdxSet(join(ctx.cacheDir, 'mnist'), MNIST_FILES, mnistMirrors(), ctx);
}

/** Downloads (or finds in `folder`, verified) the four files of an IDX set; progress covers all four. */
export async function downloadIdxSet(
  folder: string, files: Record<Part, { name: string; sha256: string }>, mirrors: string[], ctx: LoadContext,
): Promise<Record<Part, string>> {
  const parts = Object.keys(files) as Part[];
  const result = {} as Record<Part, string>;
  for (let i = 0; i < parts.length; i++) {
    const { name, sha256 } = files[parts[i]];
    result[parts[i]] = await downloadFile(
      { urls: mirrors.map((m) => m + name), dest: join(folder, name), sha256 },
      {
        signal: ctx.signal,
        onProgress: (p) => ctx.onProgress?.({
          stage: 'download',
          fraction: (i + (p.fraction ?? 0)) / parts.length,
          message: `Downloading ${name} (${Math.round(p.received / 1024)} kB${p.total ? ` of ${Math.round(p.total / 1024)} kB` : ''})`,
        }),
      },
    );
  }
  return result;
}

export async function loadIdxDataset(
  config: DatasetConfig, ctx: LoadContext, descriptor: DatasetDescriptor,
): Promise<LoadedDataset> {
  const files = await resolveFolder(config, ctx);
  ctx.onProgress?.({ stage: 'read', fraction: 0, message: 'Reading IDX files' });
  const train = await readIdxPair(files.trainImages, files.trainLabels);
  const test = await readIdxPair(files.testImages, files.testLabels);
  ctx.onProgress?.({ stage: 'read', fraction: 1 });
  const numClasses = descriptor.classNames?.length ?? 10;
  return buildImageDataset({ descriptor, config, train, test, numClasses, classNames: descriptor.classNames });
}

/** Shapes from the file headers (user folders may hold other sizes than the official sets). */
export async function describeIdxDataset(config: DatasetConfig): Promise<DatasetShapes> {
  const path = datasetPath(config);
  if (!path) return datasetShapes(config);
  const files = await findIdxFiles(path);
  // Every header, labels too: a labels file that does not match its images fails here, not when training starts.
  const [train, trainLabels, test, testLabels] = await Promise.all(
    [files.trainImages, files.trainLabels, files.testImages, files.testLabels].map(readIdxHeader),
  );
  checkIdxPair(train, trainLabels, files.trainImages, files.trainLabels);
  checkIdxPair(test, testLabels, files.testImages, files.testLabels);
  const [count, h, w, c = 1] = train.dims;
  return {
    features: { x: imageFeatureShape(h, w, c, config.representation) },
    targets: { y: [10] },
    numClasses: 10,
    trainSize: splitSizes(count, config).train,
    testSize: test.dims[0],
  };
}
