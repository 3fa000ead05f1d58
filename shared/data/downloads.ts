// The datasets the app can fetch from their publishers: where from, the exact files, their sizes and the digests
// they are checked against. Pure data (the renderer shows sizes from it; main downloads with it).
//
// Digests and where they come from:
// - MNIST: SHA-256 of the four official files (as listed by torchvision/TFDS mirrors).
// - Fashion-MNIST: SHA-256 of the four official files, as recorded by two independent public download scripts
//   (a Keras-style loader and the `mnists` script, which lists the MNIST digests above identically); sizes from
//   the publisher's README (zalandoresearch/fashion-mnist).
// - CIFAR-10 binary: the MD5 published by the dataset's authors on https://www.cs.toronto.edu/~kriz/cifar.html
//   (c32a1d4a...), checked together with a SHA-256 and exact size recorded by a public provenance record that
//   matched that MD5 (no SHA-256 is published by the authors); both must match.

export interface DownloadableFile {
  /** File name at the source and on disk. */
  name: string;
  bytes: number;
  sha256: string;
  /** Checked too when the publisher gives only an MD5. */
  md5?: string;
}

export interface DownloadableDataset {
  /** The catalogue id (shared/data/catalog.ts). */
  id: string;
  name: string;
  /** Base URLs tried in order; a file's URL is base + name. */
  mirrors: string[];
  files: DownloadableFile[];
  /** Sub-folder of <data folder>/cache the files go into. */
  folder: string;
  /** Where the publisher describes the set (shown with the manual-placement instructions). */
  homepage: string;
}

export const DOWNLOADABLE: DownloadableDataset[] = [
  {
    id: 'cifar10',
    name: 'CIFAR-10',
    mirrors: ['https://www.cs.toronto.edu/~kriz/'],
    files: [
      {
        name: 'cifar-10-binary.tar.gz',
        bytes: 170_052_171,
        sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
        md5: 'c32a1d4ab5d03f1284b67883e8d87530',
      },
    ],
    folder: 'cifar10',
    homepage: 'https://www.cs.toronto.edu/~kriz/cifar.html',
  },
  {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
    files: [
      { name: 'train-images-idx3-ubyte.gz', bytes: 26_421_880, sha256: '08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc' },
      { name: 'train-labels-idx1-ubyte.gz', bytes: 29_515, sha256: 'b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc' },
      { name: 't10k-images-idx3-ubyte.gz', bytes: 4_422_102, sha256: '78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229' },
      { name: 't10k-labels-idx1-ubyte.gz', bytes: 5_148, sha256: '42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf' },
    ],
    folder: 'fashion-mnist',
    homepage: 'https://github.com/zalandoresearch/fashion-mnist',
  },
  {
    id: 'mnist',
    name: 'MNIST (full)',
    mirrors: ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'https://storage.googleapis.com/cvdf-datasets/mnist/'],
    files: [
      { name: 'train-images-idx3-ubyte.gz', bytes: 9_912_422, sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609' },
      { name: 'train-labels-idx1-ubyte.gz', bytes: 28_881, sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c' },
      { name: 't10k-images-idx3-ubyte.gz', bytes: 1_648_877, sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6' },
      { name: 't10k-labels-idx1-ubyte.gz', bytes: 4_542, sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6' },
    ],
    folder: 'mnist',
    homepage: 'http://yann.lecun.com/exdb/mnist/',
  },
];

export function getDownloadable(id: string): DownloadableDataset | undefined {
  return DOWNLOADABLE.find((d) => d.id === id);
}

export function downloadBytes(set: DownloadableDataset): number {
  return set.files.reduce((sum, f) => sum + f.bytes, 0);
}

/** "162 MB", "29.4 MB", "5.0 kB": binary units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** "1 min 05 s", "42 s", "2 h 03 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Progress of a dataset download, as the app and the CLI show it. */
export interface DatasetDownloadProgress {
  id: string;
  received: number;
  total: number;
  /** Bytes per second over the last few seconds; null before there is a measure. */
  rate: number | null;
  /** Seconds left at that rate; null when unknown. */
  etaSec: number | null;
  /** The file being fetched now. */
  file: string;
}

export function progressText(p: DatasetDownloadProgress): string {
  const pct = p.total > 0 ? Math.floor((100 * p.received) / p.total) : 0;
  const rate = p.rate ? `, ${formatBytes(p.rate)}/s` : '';
  const eta = p.etaSec !== null && p.rate ? `, ${formatDuration(p.etaSec)} left` : '';
  return `${formatBytes(p.received)} of ${formatBytes(p.total)} (${pct}%${rate}${eta})`;
}

/** One known dataset as the Datasets view and `layerlab datasets` show it. */
export interface DatasetStatus {
  id: string;
  name: string;
  /** 'download': fetched from its publisher into the data folder; 'system': installed by the OS (Debian);
   *  'bundled': shipped with the app; 'generated': made from a seed, no files; 'user': a file or folder a graph refers to. */
  kind: 'download' | 'system' | 'bundled' | 'generated' | 'user';
  present: boolean;
  /** Where it is (or, for a download not on disk yet, where it will go). */
  location: string | null;
  /** Bytes on disk now. */
  bytes: number;
  /** Size of the download (downloadable sets). */
  downloadBytes?: number;
  /** True: every file matched its recorded digests when it was fetched or checked; false: not checked (placed by hand,
   *  or installed by the OS, whose package manager checks it); undefined: nothing to check. */
  verified?: boolean;
  /** What is missing or how it got there, in a sentence. */
  note?: string;
  /** The catalogue id of the loader, for user files (csv, image-folder, char-text...). */
  datasetId?: string;
}
