// The IDX format of MNIST and its relatives (Fashion-MNIST, KMNIST):
//   2 zero bytes, a type byte, a dimension count byte, then each dimension as a big-endian uint32,
//   then the values row-major, big-endian. Files may be gzip-compressed (detected by content, not name).
// A header is checked against the file's size before anything trusts its dimensions, and a gzip file is
// decompressed only up to the size its header declares (a damaged file or a gzip bomb stops there).
import { stat } from 'node:fs/promises';
import { constants as bufferConstants } from 'node:buffer';
import { constants as zlibConstants, gunzip, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { DatasetError, fileProblemError } from './errors';
import { readPrefix, readUserFile } from './userFiles';

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

export interface IdxHeader {
  type: string;
  /** Bytes per value. */
  bytes: number;
  dims: number[];
  headerLength: number;
}

/** Reads only the header: type and dimensions (for describe without loading everything). */
export function parseIdxHeader(bytes: Uint8Array, file: string): IdxHeader {
  if (bytes.length < 4) throw new DatasetError(`too short for an IDX file (${bytes.length} bytes)`, file);
  if (bytes[0] !== 0 || bytes[1] !== 0 || !TYPES[bytes[2]] || bytes[3] === 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetError(`wrong magic number ${magic}: an IDX file starts with 00 00, a type byte (08 for unsigned bytes) and the dimension count`, file, 'data.idxMagic', { magic });
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
    throw new DatasetError(`truncated: dimensions ${dims.join('x')} need ${expected} bytes, the file has ${bytes.length}`, file, 'data.idxTruncated', { dims: dims.join('x'), expected, actual: bytes.length });
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

/** Deflate stores at best about 1032 bytes per compressed byte: no gzip file decompresses to more. */
const MAX_GZIP_RATIO = 1032;

/** The bytes a file with this header holds (header and values), as its header says. */
function declaredBytes(h: IdxHeader): number {
  return h.headerLength + h.dims.reduce((a, b) => a * b, 1) * h.bytes;
}

/** Refuses a header whose dimensions a file of `storedBytes` cannot hold (e.g. 4294967295 images). */
function checkDeclaredSize(h: IdxHeader, storedBytes: number, gzip: boolean, file: string): void {
  const declared = declaredBytes(h);
  const room = gzip ? storedBytes * MAX_GZIP_RATIO : storedBytes;
  if (declared <= room && declared <= bufferConstants.MAX_LENGTH) return;
  const but = declared > room
    ? gzip ? `a ${storedBytes}-byte gzip file holds at most ${room} bytes` : `the file has ${storedBytes} bytes`
    : `that is more than one file can be read into memory (${bufferConstants.MAX_LENGTH} bytes)`;
  throw new DatasetError(`its header declares dimensions ${h.dims.join('x')} (${declared} bytes), but ${but}`, file);
}

/** The first bytes a gzip stream decodes to (enough for a header), without decompressing the rest. */
function gunzipHead(compressed: Uint8Array, file: string): Uint8Array {
  try {
    // Z_SYNC_FLUSH lets zlib return what the partial input decodes to instead of failing on its end.
    return gunzipSync(compressed.subarray(0, 4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (e) {
    throw new DatasetError(`gzip data is damaged (${(e as Error).message})`, file);
  }
}

/** A file's IDX header (gzip or not), checked against the file's size: for describing a dataset without loading it. */
export async function readIdxHeader(file: string): Promise<IdxHeader> {
  const head = await readPrefix(file, 4096);
  const gzip = isGzip(head);
  const header = parseIdxHeader(gzip ? gunzipHead(head, file) : head, file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw fileProblemError(e, file);
  }
  checkDeclaredSize(header, size, gzip, file);
  return header;
}

/** Reads a whole IDX file; a gzip file is decompressed only up to the size its header declares. */
export async function readIdxFile(file: string): Promise<IdxArray> {
  const raw = await readUserFile(file, 'idx');
  if (!isGzip(raw)) return parseIdx(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), file);
  const header = parseIdxHeader(gunzipHead(raw, file), file);
  checkDeclaredSize(header, raw.length, true, file);
  const declared = declaredBytes(header);
  let out: Buffer;
  try {
    out = await gunzipAsync(raw, { maxOutputLength: declared });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DatasetError(`decompresses to more than the ${declared} bytes its header declares (dimensions ${header.dims.join('x')}); stopped there`, file);
    }
    throw new DatasetError(`gzip data is damaged or truncated (${(e as Error).message})`, file);
  }
  return parseIdx(new Uint8Array(out.buffer, out.byteOffset, out.byteLength), file);
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
