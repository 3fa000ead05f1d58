// Where the downloadable datasets live on disk (<data folder>/cache/<set>/, or Debian's copy of Fashion-MNIST),
// whether they are there and checked, and removing them. Downloading is dataset-downloads.ts.
import { existsSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEBIAN_FASHION_MNIST_DIR } from '../../shared/data/catalog';
import {
  downloadBytes, formatBytes, getDownloadable, type DatasetStatus, type DownloadableDataset,
} from '../../shared/data/downloads';
import { DatasetError } from './errors';

/** Written after every file of a set matched its digests; lists names and sizes so a changed file voids it. */
const VERIFIED_MARKER = '.verified.json';

/** Other places a set may already be: the OS package (Debian's dataset-fashion-mnist). */
const SYSTEM_COPIES: Record<string, string> = { 'fashion-mnist': DEBIAN_FASHION_MNIST_DIR };
/** What a set's folder may hold instead of its download, when the user unpacked it by hand. */
const UNPACKED_FORMS: Record<string, string> = { cifar10: 'cifar-10-batches-bin' };

export function downloadFolder(set: DownloadableDataset, cacheDir: string): string {
  return join(cacheDir, set.folder);
}

function fileSize(path: string): number {
  try {
    const info = statSync(path);
    return info.isFile() ? info.size : 0;
  } catch {
    return 0;
  }
}

function hasAll(folder: string, names: string[]): boolean {
  return names.every((n) => fileSize(join(folder, n)) > 0);
}

async function markerMatches(set: DownloadableDataset, folder: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(folder, VERIFIED_MARKER), 'utf8')) as Record<string, number>;
    return set.files.every((f) => marker[f.name] === f.bytes && fileSize(join(folder, f.name)) === f.bytes);
  } catch {
    return false;
  }
}

/** Records that every file of the set matched its digests (downloadFile checked them). */
export async function markVerified(set: DownloadableDataset, folder: string): Promise<void> {
  const marker = Object.fromEntries(set.files.map((f) => [f.name, fileSize(join(folder, f.name))]));
  await writeFile(join(folder, VERIFIED_MARKER), JSON.stringify(marker));
}

/**
 * The path a loader reads for a downloadable set when the graph gives none: the downloaded files, a copy unpacked
 * there by hand, or the OS's copy. Null when the set is not on this computer.
 */
export function locateDataset(id: string, cacheDir: string): string | null {
  const set = getDownloadable(id);
  if (!set) return null;
  const folder = downloadFolder(set, cacheDir);
  const names = set.files.map((f) => f.name);
  if (hasAll(folder, names)) return names.length === 1 ? join(folder, names[0]) : folder;
  const unpacked = UNPACKED_FORMS[id];
  if (unpacked && existsSync(join(folder, unpacked))) return join(folder, unpacked);
  const system = SYSTEM_COPIES[id];
  if (system && hasAll(system, names)) return system;
  return null;
}

/** What to place where by hand: the exact files, their addresses and the folder the app looks in. */
export function manualPlacement(set: DownloadableDataset, cacheDir: string): string {
  const files = set.files.map((f) => `${set.mirrors[0]}${f.name} (${formatBytes(f.bytes)})`).join(', ');
  const extra = set.id === 'cifar10' ? ' (or its unpacked cifar-10-batches-bin folder)' : '';
  const system = SYSTEM_COPIES[set.id] ? ` On Debian, \`apt-get install dataset-${set.id}\` puts them in ${SYSTEM_COPIES[set.id]}, which the app also finds.` : '';
  return `To add ${set.name} by hand, fetch ${files} on a computer with internet access and put ${set.files.length === 1 ? 'it' : 'them'}${extra} in ${downloadFolder(set, cacheDir)}; the app finds ${set.files.length === 1 ? 'it' : 'them'} there.${system}`;
}

/** The reason a training run with this dataset could only fail: the set is not on disk and no path is given. */
export function missingDatasetMessage(id: string, cacheDir: string): string {
  const set = getDownloadable(id);
  if (!set) throw new Error(`not a downloadable dataset: ${id}`);
  return `${set.name} is not on this computer yet. Download it (${formatBytes(downloadBytes(set))}) with the Download button in the dataset panel or \`layerlab datasets download ${id}\`. ${manualPlacement(set, cacheDir)}`;
}

/** Status of one downloadable set. */
export async function downloadableStatus(set: DownloadableDataset, cacheDir: string): Promise<DatasetStatus> {
  const folder = downloadFolder(set, cacheDir);
  const where = locateDataset(set.id, cacheDir);
  const base = { id: set.id, name: set.name, kind: 'download' as const, downloadBytes: downloadBytes(set) };
  if (!where) {
    const partial = set.files.reduce((s, f) => s + fileSize(join(folder, `${f.name}.part`)), 0);
    return {
      ...base, present: false, location: folder, bytes: partial,
      note: partial > 0 ? `${formatBytes(partial)} of ${formatBytes(base.downloadBytes)} downloaded; Download resumes it` : 'not downloaded',
    };
  }
  const system = SYSTEM_COPIES[set.id];
  if (system && where === system) {
    const bytes = set.files.reduce((s, f) => s + fileSize(join(system, f.name)), 0);
    return { ...base, kind: 'system', present: true, location: system, bytes, verified: false, note: `installed by Debian's dataset-${set.id} package (checked by its package manager)` };
  }
  if (where.endsWith(UNPACKED_FORMS[set.id] ?? '\0')) {
    return { ...base, present: true, location: where, bytes: 0, verified: false, note: 'unpacked by hand (not checked against the published digests)' };
  }
  const bytes = set.files.reduce((s, f) => s + fileSize(join(folder, f.name)), 0);
  const verified = await markerMatches(set, folder);
  return { ...base, present: true, location: folder, bytes, verified, note: verified ? 'checksums verified' : 'placed by hand: Download checks it against the published digests without fetching it again' };
}

/** Deletes a downloaded set (and any partial files). The OS's copy is not the app's to remove. */
export async function removeDownloaded(id: string, cacheDir: string): Promise<void> {
  const set = getDownloadable(id);
  if (!set) throw new DatasetError(`'${id}' is not a dataset the app downloads`);
  await rm(downloadFolder(set, cacheDir), { recursive: true, force: true });
}
