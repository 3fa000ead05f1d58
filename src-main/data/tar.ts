// (Gzipped) tar archives, read with node-tar's streaming parser (it detects gzip itself): the archive is streamed
// once, the entries asked for are kept in memory and every other entry is skipped without being held. Damaged,
// truncated and foreign files become DatasetErrors naming the archive and, where there is one, the entry.
import { Parser, type ReadEntry } from 'tar';
import { DatasetError } from './errors';
import { streamUserFile } from './userFiles';
import { formatBytes } from '../files/safe-read';

/** All entries of one archive together may declare at most this much (a decompression bomb stops here). */
const MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024;

export interface TarContents {
  /** The data of the wanted regular-file entries, by name (a leading './' removed). */
  entries: Map<string, Uint8Array>;
  /** The size of every regular-file entry, wanted or not. */
  sizes: Map<string, number>;
}

export interface ReadTarOptions {
  /** Whether to keep an entry's data; default none (only sizes). */
  wanted?: (name: string) => boolean;
  /** A wanted entry larger than this is refused. */
  maxEntryBytes?: number;
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Streams a .tar or .tar.gz file; rejects with a DatasetError naming the archive for any damage. */
export async function readTarFile(archive: string, opts: ReadTarOptions = {}): Promise<TarContents> {
  const { stream } = await streamUserFile(archive, 'archive');
  const wanted = opts.wanted ?? (() => false);
  const maxEntry = opts.maxEntryBytes ?? 256 * 1024 * 1024;
  const entries = new Map<string, Uint8Array>();
  const sizes = new Map<string, number>();
  let declared = 0;
  /** The entry being read, to say which one a truncated archive cut short. */
  let current: { name: string; size: number; got: number } | null = null;

  return new Promise<TarContents>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      parser.abort(new Error(message));
      reject(new DatasetError(message, archive));
    };
    const onEntry = (entry: ReadEntry) => {
      const name = entry.path.replace(/^\.\//, '');
      if (!FILE_TYPES.has(entry.type)) {
        entry.resume();
        return;
      }
      sizes.set(name, entry.size);
      declared += entry.size;
      if (declared > MAX_UNPACKED_BYTES) {
        fail(`unpacks to more than ${formatBytes(MAX_UNPACKED_BYTES)}; LayerLab reads archives of up to that size`);
        return;
      }
      const keep = wanted(name);
      if (keep && entry.size > maxEntry) {
        fail(`'${name}' is ${formatBytes(entry.size)}; LayerLab reads entries of up to ${formatBytes(maxEntry)}`);
        return;
      }
      const data = keep ? new Uint8Array(entry.size) : null;
      const mine = { name, size: entry.size, got: 0 };
      current = mine;
      entry.on('data', (chunk: Buffer) => {
        data?.set(chunk.subarray(0, Math.max(0, mine.size - mine.got)), mine.got);
        mine.got += chunk.length;
      });
      entry.on('end', () => {
        if (data && mine.got === mine.size) entries.set(name, data);
      });
    };
    const parser = new Parser({ strict: true, onReadEntry: onEntry });
    // Both deferred a turn, so the entry's last data events (how much of it arrived) are counted first.
    let firstError: NodeJS.ErrnoException | null = null;
    parser.on('error', (err: NodeJS.ErrnoException) => {
      firstError ??= err;
      setImmediate(() => fail(tarProblem(firstError!, current)));
    });
    parser.on('close', () =>
      setImmediate(() => {
        if (settled || firstError) return;
        settled = true;
        resolve({ entries, sizes });
      }),
    );
    stream.on('error', (err) => fail(`cannot read: ${err.message}`));
    stream.pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/** node-tar's and zlib's errors in the words the readers used before: what is wrong, and where. */
function tarProblem(err: NodeJS.ErrnoException, current: { name: string; size: number; got: number } | null): string {
  const code = String(err.code ?? '');
  const detail = err.message.replace(/^[A-Z_]+: /, '');
  if (code.startsWith('Z_') || err.errno !== undefined) return `gzip data is damaged or truncated (${detail})`;
  if (code === 'TAR_BAD_ARCHIVE' && current && current.got < current.size) {
    return `truncated: '${current.name}' needs ${current.size} bytes, ${current.got} remain`;
  }
  if (code === 'TAR_BAD_ARCHIVE') return `truncated or damaged archive (${detail})`;
  return `not a tar archive or damaged (${detail})`;
}
