// The host's side of the Datasets view and the missing-dataset offer: what is on disk (statuses), downloads with
// progress, remove, open folder, and the check that refuses a run whose dataset is not there.
import { stat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError, detailOf, errorDetail, type DownloadDatasetResult, type UserDatasetRef } from '../../shared/api';
import { DATASETS, getDescriptor } from '../../shared/data/catalog';
import {
  DOWNLOADABLE, type DatasetDownloadProgress, type DatasetStatus, type DownloadableDataset,
} from '../../shared/data/downloads';
import type { DatasetConfig } from '../../shared/graph/types';
import { configuredDownloadable, DatasetDownloads } from './dataset-downloads';
import { downloadableStatus, downloadFolder, locateDataset, missingDatasetMessage, removeDownloaded } from './dataset-store';
import { DownloadError } from './download';
import { datasetPath, resolveUserPath } from './userFiles';

export interface DatasetFilesOptions {
  cacheDir: string;
  /** The first path of a config that is not allowed (the read grants), or null. */
  notAllowed: (config: DatasetConfig) => string | null;
  /** Electron: shell.openPath. Absent (web host): the path is only reported. */
  openFolder?: (path: string) => Promise<boolean>;
  /** The downloadable sets by id; tests point them at a loopback server with their own digests. */
  sets?: (id: string) => DownloadableDataset | undefined;
}

/** Sizes of a folder's files, a few levels down, stopping after `limit` entries (a summary, not an audit). */
async function folderBytes(folder: string, limit = 20_000): Promise<number> {
  let total = 0;
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (++seen > limit) return;
      const p = join(dir, e.name);
      if (e.isFile()) total += (await stat(p)).size;
      else if (e.isDirectory() && depth < 3) await walk(p, depth + 1);
    }
  };
  await walk(folder, 0);
  return total;
}

async function userStatus(ref: UserDatasetRef, notAllowed: DatasetFilesOptions['notAllowed']): Promise<DatasetStatus> {
  const descriptor = getDescriptor(ref.datasetId);
  const location = resolveUserPath(ref.path);
  const base = { id: `${ref.datasetId}:${location}`, name: `${descriptor?.name ?? ref.datasetId}: ${location.split(/[\\/]/).pop()}`, kind: 'user' as const, location, datasetId: ref.datasetId };
  const config = { id: ref.datasetId, representation: 'vector', labels: 'onehot', normalization: 'none', validationSplit: 0, limit: 0, seed: 0, options: { path: ref.path } } as DatasetConfig;
  if (notAllowed(config)) return { ...base, present: false, bytes: 0, note: 'not allowed yet: open the graph and allow reading it in the dataset panel' };
  try {
    const info = await stat(location);
    const bytes = info.isDirectory() ? await folderBytes(location) : info.size;
    return { ...base, present: true, bytes, note: info.isDirectory() ? 'folder' : 'file' };
  } catch {
    return { ...base, present: false, bytes: 0, note: 'not found at this path' };
  }
}

export class DatasetFiles {
  readonly downloads: DatasetDownloads;
  private readonly sets: (id: string) => DownloadableDataset | undefined;
  constructor(private readonly opts: DatasetFilesOptions) {
    this.sets = opts.sets ?? configuredDownloadable;
    this.downloads = new DatasetDownloads(opts.cacheDir, (id) => this.require('downloadDataset', id));
  }

  onProgress(listener: (p: DatasetDownloadProgress) => void): () => void {
    return this.downloads.onProgress(listener);
  }

  /** Every catalogue dataset, then the user's files (deduplicated by location). */
  async status(user: UserDatasetRef[]): Promise<DatasetStatus[]> {
    const out: DatasetStatus[] = [];
    for (const d of DATASETS) {
      const set = this.sets(d.id);
      if (set) {
        const s = await downloadableStatus(set, this.opts.cacheDir);
        out.push(this.downloads.isRunning(d.id) ? { ...s, note: 'downloading' } : s);
      } else if (d.offline) {
        const bundled = d.id === 'mnist-bundled' || d.id === 'mnist-digit-names' || d.id === 'fewshot-mnist';
        out.push({ id: d.id, name: d.name, kind: bundled ? 'bundled' : 'generated', present: true, location: null, bytes: 0, note: bundled ? 'ships with the app' : 'generated from the seed; no files' });
      } else {
        out.push({ id: d.id, name: d.name, kind: 'user', present: false, location: null, bytes: 0, datasetId: d.id, note: 'your own file or folder: set its Path in the dataset settings' });
      }
    }
    const seen = new Set<string>();
    for (const ref of user.slice(0, 50)) {
      const s = await userStatus(ref, this.opts.notAllowed);
      if (!seen.has(s.id)) out.push(s);
      seen.add(s.id);
    }
    return out;
  }

  async download(id: string): Promise<DownloadDatasetResult> {
    const set = this.require('downloadDataset', id);
    try {
      await this.downloads.start(id);
    } catch (err) {
      if (err instanceof DownloadError && err.reason === 'cancelled') return { cancelled: true };
      const message = err instanceof Error ? err.message : String(err);
      throw new ApiError('unavailable', `downloadDataset: ${message}`, detailOf(err) ?? errorDetail('download.failed', { detail: message }, message));
    }
    return { cancelled: false, status: await downloadableStatus(set, this.opts.cacheDir) };
  }

  cancel(id: string): void {
    this.require('cancelDatasetDownload', id);
    this.downloads.cancel(id);
  }

  async remove(id: string): Promise<DatasetStatus> {
    const set = this.require('removeDataset', id);
    if (this.downloads.isRunning(id)) throw new ApiError('busy', `removeDataset: ${set.name} is downloading; cancel it first`);
    await removeDownloaded(id, this.opts.cacheDir);
    return downloadableStatus(set, this.opts.cacheDir);
  }

  async openFolder(id: string): Promise<{ opened: boolean; path: string }> {
    const set = this.require('openDatasetFolder', id);
    const found = locateDataset(id, this.opts.cacheDir);
    // The folder holding the files (for a single archive, the folder it is in).
    const path = found ? (found.endsWith('.gz') ? dirname(found) : found) : downloadFolder(set, this.opts.cacheDir);
    if (!this.opts.openFolder || !found) return { opened: false, path };
    return { opened: await this.opts.openFolder(path), path };
  }

  /** Why a run with `config` could only fail for want of its data, or null: a downloadable set, no path, not on disk. */
  missing(config: DatasetConfig): string | null {
    if (config.id === 'mnist') return null; // the training worker fetches MNIST itself
    if (!this.sets(config.id) || datasetPath(config)) return null;
    return locateDataset(config.id, this.opts.cacheDir) ? null : missingDatasetMessage(config.id, this.opts.cacheDir);
  }

  dispose(): void {
    this.downloads.dispose();
  }

  private require(method: string, id: unknown) {
    const set = typeof id === 'string' ? this.sets(id) : undefined;
    if (!set) throw new ApiError('invalid', `${method}: 'id' must be one of ${DOWNLOADABLE.map((d) => d.id).join(', ')}, got ${JSON.stringify(id)?.slice(0, 40)}`);
    return set;
  }
}
