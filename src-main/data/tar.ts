// A small reader for (gzipped) tar archives held in memory: ustar names with prefix, GNU long names
// ('L' entries) and pax 'path' records. Enough for dataset archives such as cifar-10-binary.tar.gz.
import { createReadStream } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { readPrefix } from './readPrefix';
import { DatasetError } from './errors';
import { isGzip } from './idx';

export interface TarEntry {
  name: string;
  /** '0' file, '5' directory, ... (a NUL type byte counts as '0'). */
  type: string;
  data: Uint8Array;
}

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
}

function octal(bytes: Uint8Array, start: number, length: number, archive: string, headerAt: number): number {
  const field = text(bytes, start, length).trim();
  if (!/^[0-7]*$/.test(field)) throw new DatasetError(`not a tar archive or damaged (header at byte ${headerAt} has field '${field}' where a number belongs)`, archive);
  return field ? parseInt(field, 8) : 0;
}

/** Every entry of a tar (or .tar.gz) archive. Throws DatasetError for damaged or truncated archives. */
export function readTar(input: Uint8Array, archive: string): TarEntry[] {
  let bytes = input;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DatasetError(`gzip data is damaged or truncated (${(e as Error).message})`, archive);
    }
  }
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + 512 <= bytes.length) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const checksum = octal(header, 148, 8, archive, offset);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    if (sum !== checksum) throw new DatasetError(`not a tar archive or damaged (header checksum wrong at byte ${offset})`, archive);
    const size = octal(header, 124, 12, archive, offset);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(header, 345, 155);
    let name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = null;
    const start = offset + 512;
    if (start + size > bytes.length) throw new DatasetError(`truncated: '${name}' needs ${size} bytes, ${bytes.length - start} remain`, archive);
    const data = bytes.subarray(start, start + size);
    offset = start + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
      if (path) longName = path[1];
      continue;
    }
    if (type === 'g') continue;
    name = name.replace(/^\.\//, '');
    entries.push({ name, type, data });
  }
  return entries;
}

/** Builds a ustar archive (tests and sample data). Names up to 100 characters. */
export function writeTar(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const f of files) {
    const h = new Uint8Array(512);
    const put = (s: string, at: number) => h.set(new TextEncoder().encode(s), at);
    put(f.name, 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(f.data.length.toString(8).padStart(11, '0') + '\0', 124);
    put('00000000000\0', 136);
    h[156] = 48;
    put('ustar\0', 257);
    put('00', 263);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h);
    const body = new Uint8Array(Math.ceil(f.data.length / 512) * 512);
    body.set(f.data);
    blocks.push(body);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/**
 * Names and sizes of a (gzipped) tar file's entries, streamed: the data is decompressed but never
 * held in memory, so a large archive can be described cheaply.
 */
export async function tarEntrySizes(file: string): Promise<Map<string, number>> {
  const head = await readPrefix(file, 2);
  const raw = createReadStream(file);
  const stream: AsyncIterable<Buffer> = isGzip(head) ? raw.pipe(createGunzip()) : raw;
  const sizes = new Map<string, number>();
  let pending = Buffer.alloc(0);
  let skip = 0; // data bytes (with padding) still to pass over
  let longName: string | null = null;
  let collectLong = 0;
  let longBuf = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (buf.length > 0) {
        if (skip > 0) {
          const n = Math.min(skip, buf.length);
          if (collectLong > 0) {
            longBuf = Buffer.concat([longBuf, buf.subarray(0, Math.min(n, collectLong))]);
            collectLong -= Math.min(n, collectLong);
            if (collectLong === 0) longName = text(longBuf, 0, longBuf.length);
          }
          skip -= n;
          buf = buf.subarray(n);
          continue;
        }
        if (buf.length < 512) break;
        const header = buf.subarray(0, 512);
        buf = buf.subarray(512);
        if (header.every((b) => b === 0)) continue;
        const size = octal(header, 124, 12, file, 0);
        const type = String.fromCharCode(header[156] || 48);
        const prefix = text(header, 345, 155);
        const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
        longName = null;
        if (type === 'L') {
          collectLong = size;
          longBuf = Buffer.alloc(0);
        } else if (type === '0') sizes.set(name.replace(/^\.\//, ''), size);
        skip = Math.ceil(size / 512) * 512;
      }
      pending = Buffer.from(buf);
    }
  } catch (e) {
    throw e instanceof DatasetError ? e : new DatasetError(`damaged archive (${(e as Error).message})`, file);
  }
  return sizes;
}
