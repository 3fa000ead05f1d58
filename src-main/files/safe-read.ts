// Opening a file someone else named (a dataset path, the file a recovery copy came from) without trusting it:
// only regular files, never FIFOs, devices, sockets or folders, and never more than a stated size. The open is
// non-blocking, so a FIFO cannot stall the thread pool waiting for a writer; the type and size come from fstat
// of the opened descriptor, so the file checked is the file read.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Why a file cannot be read, as a short phrase without the path (callers add it once, where they name files). */
export class UnsafeFileError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'UnsafeFileError';
  }
}

const MB = 1024 * 1024;

/** '1.5 GB', '300 MB', '12 kB': sizes in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1).replace(/\.0$/, '')} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.ceil(bytes / 1024)} kB`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A file-system error as a short phrase. */
export function openProblem(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'cannot read: no such file or folder';
    case 'EACCES': case 'EPERM': return 'cannot read: permission denied';
    case 'EISDIR': return 'cannot read: it is a folder, not a file';
    case 'ENOTDIR': return 'cannot read: it is a file, not a folder';
    default: return `cannot read: ${e.code ?? e.message}`;
  }
}

// O_NONBLOCK does not exist on Windows (nor do FIFOs that block an open there).
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export interface OpenedFile {
  handle: fsp.FileHandle;
  size: number;
}

/**
 * Opens `file` for reading if it is a regular file of at most `maxBytes`; `what` names the kind of file in the
 * size message ('CSV files'). Throws UnsafeFileError otherwise. The caller closes the handle.
 */
export async function openRegularFile(file: string, maxBytes: number, what = 'such files'): Promise<OpenedFile> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, OPEN_FLAGS);
  } catch (err) {
    throw new UnsafeFileError(openProblem(err), (err as NodeJS.ErrnoException).code);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UnsafeFileError(`cannot read: it is ${kindOf(stat)}, and only regular files are read`, 'ENOTREG');
    if (stat.size > maxBytes) {
      throw new UnsafeFileError(`is ${formatBytes(stat.size)}; LayerLab reads ${what} of up to ${formatBytes(maxBytes)}`, 'ETOOBIG');
    }
    return { handle, size: stat.size };
  } catch (err) {
    await handle.close();
    throw err instanceof UnsafeFileError ? err : new UnsafeFileError(openProblem(err), (err as NodeJS.ErrnoException).code);
  }
}

/** The whole of a regular file of at most `maxBytes` (a file that grows while it is read is cut at the cap and refused). */
export async function readRegularFile(file: string, maxBytes: number, what?: string): Promise<Buffer> {
  const { handle, size } = await openRegularFile(file, maxBytes, what);
  try {
    const buf = Buffer.allocUnsafe(Math.min(maxBytes, size) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > maxBytes) throw new UnsafeFileError(`grew past ${formatBytes(maxBytes)} while it was read; LayerLab reads ${what ?? 'such files'} of up to ${formatBytes(maxBytes)}`, 'ETOOBIG');
      if (got === buf.length) break;
    }
    return buf.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** The first `bytes` bytes of a regular file (a header), whatever its size. */
export async function readRegularPrefix(file: string, bytes: number): Promise<Buffer> {
  const { handle } = await openRegularFile(file, Number.MAX_SAFE_INTEGER);
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A stream over a regular file of at most `maxBytes`; the stream closes the file when it ends or is destroyed. */
export async function streamRegularFile(file: string, maxBytes: number, what?: string): Promise<{ stream: Readable; size: number }> {
  const { handle, size } = await openRegularFile(file, maxBytes, what);
  if (size === 0) {
    await handle.close();
    return { stream: Readable.from([]), size };
  }
  // At most the size fstat reported: a file that grows meanwhile is not read past the cap.
  return { stream: handle.createReadStream({ start: 0, end: size - 1, autoClose: true }), size };
}

/** True when `file` is a regular file whose bytes are exactly `text` (UTF-8); reads nothing when the sizes differ. */
export async function regularFileEquals(file: string, text: string): Promise<boolean> {
  const expected = Buffer.from(text, 'utf8');
  let opened: OpenedFile;
  try {
    opened = await openRegularFile(file, expected.length);
  } catch {
    return false; // gone, not a regular file, or a different size: not the same content
  }
  try {
    if (opened.size !== expected.length) return false;
    const buf = Buffer.alloc(expected.length);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await opened.handle.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) return false;
      got += bytesRead;
    }
    return buf.equals(expected);
  } finally {
    await opened.handle.close();
  }
}
