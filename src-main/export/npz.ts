// Writes and reads NumPy .npy arrays and .npz archives (a zip of .npy files) without any Python, so exported
// scripts can read LayerLab's data and weights with np.load, and LayerLab can read the weights PyTorch
// saved (np.savez, zip64 headers included). Written entries are deflated (np.savez_compressed) unless
// `compress: false` (large data written for a run that reads it at once).
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export type NpyArray = {
  data: Float32Array | Int32Array | Uint8Array | Float64Array;
  shape: number[];
};

const DESCR: Record<string, string> = {
  Float32Array: '<f4',
  Float64Array: '<f8',
  Int32Array: '<i4',
  Uint8Array: '|u1',
};

/** One array in .npy format version 1.0 (C order, little-endian). */
export function encodeNpy(arr: NpyArray): Uint8Array {
  const descr = DESCR[arr.data.constructor.name];
  if (!descr) throw new Error(`npy: unsupported array type ${arr.data.constructor.name}`);
  const count = arr.shape.reduce((a, b) => a * b, 1);
  if (count !== arr.data.length) throw new Error(`npy: shape [${arr.shape.join(', ')}] holds ${count} values but the data has ${arr.data.length}`);
  const shape = arr.shape.length === 1 ? `(${arr.shape[0]},)` : `(${arr.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in \n.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + arr.data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(arr.data.buffer, arr.data.byteOffset, arr.data.byteLength), 10 + header.length);
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive (deflate or stored, no zip64: fine below 4 GiB) of `name.npy` entries. */
export function encodeNpz(arrays: Record<string, NpyArray>, opts: { compress?: boolean } = {}): Buffer {
  const compress = opts.compress !== false;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [key, arr] of Object.entries(arrays)) {
    if (!/^[A-Za-z0-9_.]+$/.test(key)) throw new Error(`npz: array name '${key}' must use letters, digits, '_' or '.'`);
    const name = Buffer.from(`${key}.npy`, 'utf8');
    const raw = encodeNpy(arr);
    const packed = compress ? deflateRawSync(raw, { level: 6 }) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const method = compress ? 8 : 0;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(method, 8); // deflate or stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// ---- reading ----

const NPY_TYPES: Record<string, { bytes: number; read(b: Buffer, count: number): NpyArray['data'] }> = {
  '<f4': { bytes: 4, read: (b, n) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + n * 4)) },
  '<f8': { bytes: 8, read: (b, n) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + n * 8)) },
  '<i4': { bytes: 4, read: (b, n) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + n * 4)) },
  // int64 (PyTorch's num_batches_tracked, numpy's default int): kept as Int32 when every value fits.
  '<i8': {
    bytes: 8,
    read: (b, n) => {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = b.readBigInt64LE(i * 8);
        if (v > 2147483647n || v < -2147483648n) throw new Error(`int64 value ${v} does not fit in int32`);
        out[i] = Number(v);
      }
      return out;
    },
  },
  '|u1': { bytes: 1, read: (b, n) => Uint8Array.from(b.subarray(0, n)) },
  '|b1': { bytes: 1, read: (b, n) => Uint8Array.from(b.subarray(0, n)) },
};

/** One .npy array (format 1.0 to 3.0, C order, little-endian). `where` names it in errors. */
export function decodeNpy(buf: Buffer, where = 'npy'): NpyArray {
  if (buf.length < 10 || buf[0] !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${where}: not a .npy array (bad magic)`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`${where}: unreadable .npy header ${JSON.stringify(header.trim())}`);
  if (fortran === 'True') throw new Error(`${where}: Fortran-ordered arrays are not supported`);
  const type = NPY_TYPES[descr];
  if (!type) throw new Error(`${where}: unsupported dtype '${descr}' (supported: ${Object.keys(NPY_TYPES).join(', ')})`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const body = buf.subarray(start + headerLen);
  if (body.length < count * type.bytes) throw new Error(`${where}: shape [${shape.join(', ')}] needs ${count * type.bytes} bytes, the file has ${body.length}`);
  return { data: type.read(body, count), shape };
}

/** Sizes and offset from a zip64 extra field where the 32-bit ones are 0xFFFFFFFF (numpy writes them). */
function zip64Values(extra: Buffer, wanted: { size: boolean; packed: boolean; offset: boolean }): { size?: number; packed?: number; offset?: number } {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      return { size: wanted.size ? next() : undefined, packed: wanted.packed ? next() : undefined, offset: wanted.offset ? next() : undefined };
    }
    p += 4 + len;
  }
  return {};
}

/** Every `name.npy` entry of an .npz (stored or deflated), keyed by name without '.npy'. */
export function decodeNpz(buf: Buffer, where = 'npz'): Record<string, NpyArray> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${where}: not a zip archive (no end of central directory)`);
  let entries = buf.readUInt16LE(eocd + 10);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if ((entries === 0xffff || dirOffset === 0xffffffff) && locator >= 0 && buf.readUInt32LE(locator) === 0x07064b50) {
    const end64 = Number(buf.readBigUInt64LE(locator + 8));
    entries = Number(buf.readBigUInt64LE(end64 + 32));
    dirOffset = Number(buf.readBigUInt64LE(end64 + 48));
  }
  const out: Record<string, NpyArray> = {};
  let p = dirOffset;
  for (let e = 0; e < entries; e++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${where}: broken central directory at entry ${e}`);
    const method = buf.readUInt16LE(p + 10);
    let packed = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const z64 = zip64Values(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), {
      size: size === 0xffffffff,
      packed: packed === 0xffffffff,
      offset: local === 0xffffffff,
    });
    size = z64.size ?? size;
    packed = z64.packed ?? packed;
    local = z64.offset ?? local;
    p += 46 + nameLen + extraLen + commentLen;
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`${where}: broken local header for ${name}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + packed);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${where}: ${name} uses zip compression method ${method} (only stored and deflate are read)`);
    if (data.length !== size) throw new Error(`${where}: ${name} is ${data.length} bytes, its header says ${size}`);
    const key = name.endsWith('.npy') ? name.slice(0, -4) : name;
    out[key] = decodeNpy(data, `${where}: ${name}`);
  }
  return out;
}
