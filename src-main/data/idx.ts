// The IDX format of MNIST and its relatives (Fashion-MNIST, KMNIST):
//   2 zero bytes, a type byte, a dimension count byte, then each dimension as a big-endian uint32,
//   then the values row-major, big-endian. Files may be gzip-compressed (detected by content, not name).
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DatasetError } from './errors';
import { readUserFile } from './userFiles';

const gunzipAsync = promisify(gunzip);

const TYPES: Record<number, { name: string; bytes: number }> = {
  0x08: { name: 'ubyte', bytes: 1 },
  0x09: { name: 'byte', bytes: 1 },
  0x0b: { name: 'short', bytes: 2 },
  0x0c: { name: 'int', bytes: 4 },
  0x0d: { name: 'float', bytes: 4 },
  0x0e: { name: 'double', bytes: 8 },
};

export interface IdxArray {
  type: string;
  dims: number[];
  /** ubyte -> Uint8Array (a view, no copy); other types -> Int32Array / Float32Array / Float64Array. */
  data: Uint8Array | Int8Array | Int32Array | Float32Array | Float64Array;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads only the header: type and dimensions (for describe without loading everything). */
export function parseIdxHeader(bytes: Uint8Array, file: string): { type: string; bytes: number; dims: number[]; headerLength: number } {
  if (bytes.length < 4) throw new DatasetError(`too short for an IDX file (${bytes.length} bytes)`, file);
  if (bytes[0] !== 0 || bytes[1] !== 0 || !TYPES[bytes[2]] || bytes[3] === 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetError(`wrong magic number ${magic}: an IDX file starts with 00 00, a type byte (08 for unsigned bytes) and the dimension count`, file);
  }
  const type = TYPES[bytes[2]];
  const ndim = bytes[3];
  const headerLength = 4 + 4 * ndim;
  if (bytes.length < headerLength) throw new DatasetError(`truncated in the header (${ndim} dimensions need ${headerLength} bytes, file has ${bytes.length})`, file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  return { type: type.name, bytes: type.bytes, dims, headerLength };
}

/** Parses a whole (already decompressed) IDX buffer. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const { type, bytes: size, dims, headerLength } = parseIdxHeader(bytes, file);
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerLength + count * size;
  if (bytes.length < expected) {
    throw new DatasetError(`truncated: dimensions ${dims.join('x')} need ${expected} bytes, the file has ${bytes.length}`, file);
  }
  if (bytes.length > expected) {
    throw new DatasetError(`has ${bytes.length - expected} bytes more than its dimensions ${dims.join('x')} allow`, file);
  }
  const body = bytes.subarray(headerLength, expected);
  if (type === 'ubyte') return { type, dims, data: body };
  if (type === 'byte') return { type, dims, data: new Int8Array(body.buffer, body.byteOffset, count) };
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (type === 'short' || type === 'int') {
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = type === 'short' ? view.getInt16(2 * i, false) : view.getInt32(4 * i, false);
    return { type, dims, data: out };
  }
  if (type === 'float') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, false);
    return { type, dims, data: out };
  }
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, false);
  return { type, dims, data: out };
}

/** Reads and decompresses (if gzip) a file. A broken gzip stream is reported as a truncated file. */
export async function readMaybeGzip(file: string): Promise<Uint8Array> {
  const raw = await readUserFile(file, 'idx');
  if (!isGzip(raw)) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  try {
    const out = await gunzipAsync(raw);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    throw new DatasetError(`gzip data is damaged or truncated (${(e as Error).message})`, file);
  }
}

export async function readIdxFile(file: string): Promise<IdxArray> {
  return parseIdx(await readMaybeGzip(file), file);
}

/** Writes an IDX buffer (tests and sample data). */
export function encodeIdxUbyte(dims: number[], values: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  out[2] = 0x08;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(values, 4 + 4 * dims.length);
  return out;
}
