// Fetches a downloadable dataset (shared/data/downloads.ts) into <cache>/<set>/: every file checked against its
// digests, progress with rate and time left, resume of interrupted transfers, cancel, and when the publisher
// cannot be reached a message that says exactly which files to place where by hand.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  downloadBytes, getDownloadable, type DatasetDownloadProgress, type DownloadableDataset,
} from '../../shared/data/downloads';
import { DownloadError, downloadFile } from './download';
import { downloadFolder, manualPlacement, markVerified } from './dataset-store';
import { DatasetError } from './errors';

export interface DatasetDownloadOptions {
  onProgress?: (p: DatasetDownloadProgress) => void;
  signal?: AbortSignal;
  /** Waiting for data longer than this is a stall (default 30 s). */
  timeoutMs?: number;
  /** Extra attempts per mirror after a dropped connection (default 2). */
  retries?: number;
}

/** Bytes per second over a sliding window of recent samples, so the rate follows the connection as it changes. */
export class RateMeter {
  private samples: { t: number; bytes: number }[] = [];
  constructor(private readonly windowMs = 5000) {}
  add(t: number, bytes: number): number | null {
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0].t > this.windowMs) this.samples.shift();
    const first = this.samples[0];
    const dt = (t - first.t) / 1000;
    return dt > 0.2 ? (bytes - first.bytes) / dt : null;
  }
}

/** The files of `set` in its folder, each verified; returns the folder. `set` is injectable for tests. */
export async function downloadDataset(set: DownloadableDataset, cacheDir: string, opts: DatasetDownloadOptions = {}): Promise<string> {
  const folder = downloadFolder(set, cacheDir);
  await mkdir(folder, { recursive: true });
  const total = downloadBytes(set);
  const meter = new RateMeter();
  let before = 0;
  for (const file of set.files) {
    try {
      await downloadFile(
        { urls: set.mirrors.map((m) => m + file.name), dest: join(folder, file.name), sha256: file.sha256, md5: file.md5 },
        {
          signal: opts.signal,
          timeoutMs: opts.timeoutMs,
          retries: opts.retries,
          onProgress: (p) => {
            const received = before + p.received;
            const rate = meter.add(Date.now(), received);
            opts.onProgress?.({ id: set.id, received, total, rate, etaSec: rate ? (total - received) / rate : null, file: file.name });
          },
        },
      );
    } catch (err) {
      if (err instanceof DownloadError && err.reason === 'offline') {
        const hosts = [...new Set(set.mirrors.map((m) => new URL(m).host))].join(', ');
        throw new DownloadError(`${set.name}: cannot reach ${hosts}; this computer seems to be offline. ${manualPlacement(set, cacheDir)}`, undefined, 'offline');
      }
      if (err instanceof DownloadError && err.reason === 'stalled') {
        throw new DownloadError(`${set.name}: the server stopped sending data (${err.message}). Try again later, or: ${manualPlacement(set, cacheDir)}`, undefined, 'stalled');
      }
      throw err;
    }
    before += file.bytes;
  }
  opts.onProgress?.({ id: set.id, received: total, total, rate: null, etaSec: 0, file: '' });
  await markVerified(set, folder);
  return folder;
}

/**
 * A set as this process fetches it: LAYERLAB_DATASET_MIRROR (a base URL holding the same file names) replaces the
 * publishers' addresses, for a local mirror (and the e2e tests, which point it at a closed loopback port).
 */
export function configuredDownloadable(id: string, env: NodeJS.ProcessEnv = process.env): DownloadableDataset | undefined {
  const set = getDownloadable(id);
  const mirror = env.LAYERLAB_DATASET_MIRROR;
  return set && mirror ? { ...set, mirrors: [mirror.replace(/\/?$/, '/')] } : set;
}

export function requireDownloadable(id: string): DownloadableDataset {
  const set = configuredDownloadable(id);
  if (!set) throw new DatasetError(`'${id}' is not a dataset the app downloads (downloadable: cifar10, fashion-mnist, mnist)`);
  return set;
}

/**
 * The host's downloads: one per set at a time (a second request joins the running one), progress to every
 * listener, cancel by id.
 */
export class DatasetDownloads {
  private running = new Map<string, { promise: Promise<string>; abort: AbortController }>();
  private listeners = new Set<(p: DatasetDownloadProgress) => void>();

  constructor(private readonly cacheDir: string, private readonly resolve: (id: string) => DownloadableDataset = requireDownloadable) {}

  onProgress(listener: (p: DatasetDownloadProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(id: string): Promise<string> {
    const existing = this.running.get(id);
    if (existing) return existing.promise;
    const set = this.resolve(id);
    const abort = new AbortController();
    const promise = downloadDataset(set, this.cacheDir, {
      signal: abort.signal,
      onProgress: (p) => this.listeners.forEach((l) => l(p)),
    }).finally(() => this.running.delete(id));
    this.running.set(id, { promise, abort });
    return promise;
  }

  /** True when a download was running (it rejects with reason 'cancelled'; the part received is kept). */
  cancel(id: string): boolean {
    const job = this.running.get(id);
    job?.abort.abort();
    return !!job;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  dispose(): void {
    for (const job of this.running.values()) job.abort.abort();
  }
}
