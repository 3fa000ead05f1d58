// A small PNG decoder (and encoder for tests) on top of zlib: 8-bit grayscale, RGB, palette,
// grayscale+alpha and RGBA (alpha dropped), not interlaced. Enough for dataset images.
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { DatasetError } from './errors';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Colour type -> samples per pixel in the file. */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface DecodedImage {
  width: number;
  height: number;
  /** 1 (grayscale) or 3 (RGB); alpha is dropped. */
  channels: 1 | 3;
  /** HWC bytes. */
  pixels: Uint8Array;
}

/** Width, height and channels from the IHDR chunk only. */
export function pngHeader(bytes: Uint8Array, file: string): { width: number; height: number; channels: 1 | 3; colorType: number } {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new DatasetError('not a PNG file (wrong signature)', file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = new TextDecoder().decode(bytes.subarray(12, 16));
  if (type !== 'IHDR') throw new DatasetError('damaged PNG: the first chunk is not IHDR', file);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24];
  const colorType = bytes[25];
  const interlace = bytes[28];
  if (depth !== 8) throw new DatasetError(`PNG bit depth ${depth} is not supported (only 8-bit images)`, file);
  if (!(colorType in SAMPLES)) throw new DatasetError(`PNG colour type ${colorType} is not valid`, file);
  if (interlace !== 0) throw new DatasetError('interlaced PNGs are not supported; save it without interlacing', file);
  if (width === 0 || height === 0) throw new DatasetError('PNG has zero width or height', file);
  return { width, height, channels: colorType === 0 || colorType === 4 ? 1 : 3, colorType };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(bytes: Uint8Array, file: string): DecodedImage {
  const { width, height, channels, colorType } = pngHeader(bytes, file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let palette: Uint8Array | null = null;
  let offset = 8;
  let ended = false;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) throw new DatasetError(`truncated PNG: chunk ${type} needs ${length} bytes`, file);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const stored = view.getUint32(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== stored) throw new DatasetError(`damaged PNG: CRC of chunk ${type} is wrong`, file);
    if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE') palette = data;
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset = end;
  }
  if (!ended) throw new DatasetError('truncated PNG: no IEND chunk', file);
  if (colorType === 3 && !palette) throw new DatasetError('palette PNG without a PLTE chunk', file);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (e) {
    throw new DatasetError(`damaged PNG image data (${(e as Error).message})`, file);
  }
  const bpp = SAMPLES[colorType];
  const stride = width * bpp;
  if (raw.length < height * (stride + 1)) throw new DatasetError(`truncated PNG image data (${raw.length} of ${height * (stride + 1)} bytes)`, file);
  // Undo the per-row filters into `rows` (no filter bytes).
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? rows[dst + x - bpp] : 0;
      const up = y > 0 ? rows[dst - stride + x] : 0;
      const upLeft = y > 0 && x >= bpp ? rows[dst - stride + x - bpp] : 0;
      const v = raw[src + x];
      let out: number;
      switch (filter) {
        case 0: out = v; break;
        case 1: out = v + left; break;
        case 2: out = v + up; break;
        case 3: out = v + ((left + up) >> 1); break;
        case 4: out = v + paeth(left, up, upLeft); break;
        default: throw new DatasetError(`damaged PNG: unknown row filter ${filter} in row ${y}`, file);
      }
      rows[dst + x] = out & 255;
    }
  }
  const pixels = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    if (colorType === 0 || colorType === 4) pixels[p] = rows[p * bpp];
    else if (colorType === 3) {
      const i = rows[p];
      if (3 * i + 2 >= palette!.length) throw new DatasetError(`palette index ${i} is outside the palette`, file);
      pixels.set(palette!.subarray(3 * i, 3 * i + 3), p * 3);
    } else pixels.set(rows.subarray(p * bpp, p * bpp + 3), p * 3);
  }
  return { width, height, channels, pixels };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes 8-bit grayscale (1 channel) or RGB (3) HWC pixels; `filter` picks the row filter for every row. */
export function encodePng(img: { width: number; height: number; channels: 1 | 3; pixels: Uint8Array }, filter = 0): Uint8Array {
  const { width, height, channels, pixels } = img;
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const v = pixels[y * stride + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
      const pred = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      raw[y * (stride + 1) + 1 + x] = (v - pred) & 255;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, channels === 1 ? 0 : 2, 0, 0, 0], 8);
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
