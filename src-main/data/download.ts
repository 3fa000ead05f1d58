// Downloads one file into a cache with progress events, SHA-256 check, resume of interrupted transfers
// (HTTP Range on a '.part' file) and mirrors. Generic: knows nothing about datasets.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import http from 'node:http';
import https from 'node:https';
import { DatasetError } from './errors';

export interface DownloadProgress {
  url: string;
  received: number;
  /** null when the server does not say. */
  total: number | null;
  fraction: number | null;
  /** True when this attempt continued a partial file. */
  resumed: boolean;
}

export interface DownloadSpec {
  /** One URL, or mirrors tried in order. */
  urls: string[];
  /** Final path; the transfer goes to `${dest}.part` and is renamed when complete and verified. */
  dest: string;
  /** Expected SHA-256 in hex; omitted = not checked. */
  sha256?: string;
  /** Expected MD5 in hex, for files whose publisher gives only an MD5 (checked as well as the SHA-256). */
  md5?: string;
}

export interface DownloadOptions {
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Extra attempts per mirror after a dropped connection, each resuming where the last stopped. */
  retries?: number;
  /** Request timeout while waiting for data, in ms. */
  timeoutMs?: number;
}

export async function fileSha256(file: string): Promise<string> {
  return (await fileDigests(file)).sha256;
}

/** SHA-256 and MD5 of a file in one pass. */
export async function fileDigests(file: string): Promise<{ sha256: string; md5: string }> {
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  for await (const chunk of createReadStream(file)) {
    sha.update(chunk as Buffer);
    md5.update(chunk as Buffer);
  }
  return { sha256: sha.digest('hex'), md5: md5.digest('hex') };
}

/** Null when the file matches every digest the spec gives, else what differs (both digests named). */
export async function digestMismatch(file: string, spec: Pick<DownloadSpec, 'sha256' | 'md5'>): Promise<string | null> {
  if (!spec.sha256 && !spec.md5) return null;
  const got = await fileDigests(file);
  if (spec.sha256 && got.sha256 !== spec.sha256.toLowerCase()) return `expected SHA-256 ${spec.sha256}, got ${got.sha256}`;
  if (spec.md5 && got.md5 !== spec.md5.toLowerCase()) return `expected MD5 ${spec.md5}, got ${got.md5}`;
  return null;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Thrown when the connection breaks mid-transfer: the '.part' file is kept for resuming. */
class InterruptedError extends Error {
  constructor(message: string, readonly stalled = false) {
    super(message);
  }
}
/** The host cannot be reached at all (no network, no name resolution, refused): retrying the same host is pointless. */
class UnreachableError extends Error {}
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** Why a download failed, so callers can say the right thing (offline: where to put the files by hand). */
export type DownloadFailure = 'offline' | 'http' | 'checksum' | 'stalled' | 'interrupted' | 'cancelled';

export class DownloadError extends DatasetError {
  constructor(message: string, file: string | undefined, readonly reason: DownloadFailure, checksumProblem?: string) {
    const code = reason === 'cancelled' ? 'download.cancelled' : checksumProblem ? 'download.checksum' : 'download.failed';
    super(message, file, code, { detail: checksumProblem ?? message });
    this.name = 'DownloadError';
  }
}

/** One HTTP GET appended to (or replacing) the part file. Resolves when the body ended completely. */
function fetchInto(url: string, part: string, offset: number, opts: DownloadOptions, redirects = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    // Set once data is being written: a failure settles only after the file is closed, so what arrived is on disk.
    let out: ReturnType<typeof createWriteStream> | null = null;
    let requestError: Error | null = null;
    const settle = (err: Error) => {
      requestError = err;
      if (!out || out.closed) return reject(err);
      out.once('close', () => reject(err));
      out.end();
    };
    const lib = url.startsWith('https:') ? https : http;
    const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
    const req = lib.get(url, { headers, signal: opts.signal, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= 5) return reject(new DownloadError(`too many redirects`, url, 'http'));
        const next = new URL(res.headers.location, url).toString();
        fetchInto(next, part, offset, opts, redirects + 1).then(resolve, reject);
        return;
      }
      if (status === 416 && offset > 0) {
        // Range not satisfiable: the part file already holds everything (or is junk; the checksum decides).
        res.resume();
        return resolve();
      }
      if (status !== 200 && status !== 206) {
        res.resume();
        return reject(new DownloadError(`HTTP ${status} ${res.statusMessage ?? ''}`.trim(), url, 'http'));
      }
      const resumed = status === 206;
      const start = resumed ? offset : 0;
      const length = Number(res.headers['content-length']);
      const total = Number.isFinite(length) ? start + length : null;
      let received = start;
      const file = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
      out = file;
      const report = () =>
        opts.onProgress?.({ url, received, total, fraction: total ? received / total : null, resumed });
      report();
      let lastReport = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        const now = Date.now();
        if (now - lastReport > 100) {
          lastReport = now;
          report();
        }
      });
      res.pipe(file);
      let failed: Error | null = null;
      res.on('aborted', () => (failed = new InterruptedError(`connection closed after ${received} bytes`)));
      res.on('error', (e) => (failed ??= new InterruptedError(e.message)));
      file.on('error', (e) => reject(new DatasetError(`cannot write: ${e.message}`, part)));
      file.on('close', () => {
        if (requestError) return reject(requestError); // the request's own reason (a stall, a cancel) says more
        if (!failed && total !== null && received < total) failed = new InterruptedError(`connection closed after ${received} of ${total} bytes`);
        if (failed) return reject(failed);
        report();
        resolve();
      });
      // When the response errors, pipe does not end the file stream; close it so 'close' fires.
      res.on('close', () => {
        if (!res.complete) {
          failed ??= new InterruptedError(`connection closed after ${received} bytes`);
          file.end();
        }
      });
    });
    req.on('timeout', () => req.destroy(new InterruptedError(`the server sent no data for ${(opts.timeoutMs ?? 30_000) / 1000} s`, true)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (opts.signal?.aborted) settle(new DownloadError('download cancelled', url, 'cancelled'));
      else if (e instanceof InterruptedError) settle(e);
      else if (e.code && UNREACHABLE_CODES.has(e.code)) settle(new UnreachableError(`cannot reach ${new URL(url).host} (${e.code})`));
      else settle(new InterruptedError(e.message));
    });
  });
}

/**
 * Makes sure `spec.dest` exists with the right checksum, downloading it if needed. Returns the path.
 * A dropped connection keeps the partial file; the next attempt (here, or in a later call) asks only
 * for the missing bytes. A checksum mismatch deletes the partial file and throws.
 */
export async function downloadFile(spec: DownloadSpec, opts: DownloadOptions = {}): Promise<string> {
  const { dest } = spec;
  if ((await sizeOf(dest)) > 0) {
    if ((await digestMismatch(dest, spec)) === null) return dest;
    await rm(dest, { force: true });
  }
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const errors: string[] = [];
  let unreachable = 0;
  let interrupted = false;
  let stalled = false;
  for (const url of spec.urls) {
    const attempts = 1 + (opts.retries ?? 2);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (opts.signal?.aborted) throw new DownloadError('download cancelled; the part received is kept and the next try resumes it', dest, 'cancelled');
      try {
        await fetchInto(url, part, await sizeOf(part), opts);
      } catch (e) {
        if (opts.signal?.aborted) break;
        errors.push(`${url}: ${(e as Error).message}`);
        if (e instanceof InterruptedError) {
          interrupted = true;
          stalled = e.stalled;
          continue; // resume from what arrived
        }
        if (e instanceof UnreachableError) unreachable++;
        break; // HTTP error or unreachable host: next mirror
      }
      const mismatch = await digestMismatch(part, spec);
      if (mismatch) {
        await rm(part, { force: true });
        throw new DownloadError(`checksum mismatch: ${mismatch}; the partial file was deleted`, url, 'checksum', mismatch);
      }
      await rename(part, dest);
      return dest;
    }
  }
  if (opts.signal?.aborted) throw new DownloadError('download cancelled; the part received is kept and the next try resumes it', dest, 'cancelled');
  const reason: DownloadFailure =
    unreachable === spec.urls.length ? 'offline' : stalled ? 'stalled' : interrupted ? 'interrupted' : 'http';
  throw new DownloadError(`download failed (${errors.join('; ')}); the part already received is kept and the next try resumes it`, dest, reason);
}
