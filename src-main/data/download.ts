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
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Thrown when the connection breaks mid-transfer: the '.part' file is kept for resuming. */
class InterruptedError extends Error {}

/** One HTTP GET appended to (or replacing) the part file. Resolves when the body ended completely. */
function fetchInto(url: string, part: string, offset: number, opts: DownloadOptions, redirects = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
    const req = lib.get(url, { headers, signal: opts.signal, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= 5) return reject(new DatasetError(`too many redirects`, url));
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
        return reject(new DatasetError(`HTTP ${status} ${res.statusMessage ?? ''}`.trim(), url));
      }
      const resumed = status === 206;
      const start = resumed ? offset : 0;
      const length = Number(res.headers['content-length']);
      const total = Number.isFinite(length) ? start + length : null;
      let received = start;
      const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
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
      res.pipe(out);
      let failed: Error | null = null;
      res.on('aborted', () => (failed = new InterruptedError(`connection closed after ${received} bytes`)));
      res.on('error', (e) => (failed ??= new InterruptedError(e.message)));
      out.on('error', (e) => reject(new DatasetError(`cannot write: ${e.message}`, part)));
      out.on('close', () => {
        if (!failed && total !== null && received < total) failed = new InterruptedError(`connection closed after ${received} of ${total} bytes`);
        if (failed) return reject(failed);
        report();
        resolve();
      });
      // When the response errors, pipe does not end the file stream; close it so 'close' fires.
      res.on('close', () => {
        if (!res.complete) {
          failed ??= new InterruptedError(`connection closed after ${received} bytes`);
          out.end();
        }
      });
    });
    req.on('timeout', () => req.destroy(new InterruptedError(`no data for ${(opts.timeoutMs ?? 30_000) / 1000} s`)));
    req.on('error', (e) => {
      if (opts.signal?.aborted) reject(new DatasetError('download cancelled', url));
      else reject(e instanceof InterruptedError ? e : new InterruptedError(e.message));
    });
  });
}

/**
 * Makes sure `spec.dest` exists with the right checksum, downloading it if needed. Returns the path.
 * A dropped connection keeps the partial file; the next attempt (here, or in a later call) asks only
 * for the missing bytes. A checksum mismatch deletes the partial file and throws.
 */
export async function downloadFile(spec: DownloadSpec, opts: DownloadOptions = {}): Promise<string> {
  const { dest, sha256 } = spec;
  if ((await sizeOf(dest)) > 0) {
    if (!sha256 || (await fileSha256(dest)) === sha256.toLowerCase()) return dest;
    await rm(dest, { force: true });
  }
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const errors: string[] = [];
  for (const url of spec.urls) {
    const attempts = 1 + (opts.retries ?? 2);
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (opts.signal?.aborted) throw new DatasetError('download cancelled', url);
      try {
        await fetchInto(url, part, await sizeOf(part), opts);
      } catch (e) {
        if (e instanceof InterruptedError) {
          errors.push(`${url}: ${e.message}`);
          continue; // resume from what arrived
        }
        errors.push(`${url}: ${(e as Error).message}`);
        break; // HTTP error or cancel: next mirror
      }
      if (sha256) {
        const got = await fileSha256(part);
        if (got !== sha256.toLowerCase()) {
          await rm(part, { force: true });
          throw new DatasetError(`checksum mismatch: expected SHA-256 ${sha256}, got ${got}; the partial file was deleted`, url);
        }
      }
      await rename(part, dest);
      return dest;
    }
  }
  if (opts.signal?.aborted) throw new DatasetError('download cancelled', spec.urls[0]);
  throw new DatasetError(`download failed (${errors.join('; ')}); the part already received is kept and the next try resumes it`, dest);
}
