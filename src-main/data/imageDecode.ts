// Dataset images: JPEG, PNG and WebP decoded by sharp (libvips with libjpeg-turbo, libpng and libwebp, prebuilt
// in the npm package), BMP by bmp-ts (what Jimp uses). The format is taken from the file's first bytes, so only
// these four decoders ever see a user's file (not libvips's SVG, TIFF, GIF or HEIF loaders). Every image comes
// out as 8-bit grayscale (1 channel) or RGB (3 channels): alpha is dropped, 16-bit and CMYK are converted.
import { createRequire } from 'node:module';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { decode as decodeBmpFile } from 'bmp-ts';
import { DatasetError } from './errors';

export interface DecodedImage {
  width: number;
  height: number;
  /** 1 (grayscale) or 3 (RGB); alpha is dropped. */
  channels: 1 | 3;
  /** HWC bytes. */
  pixels: Uint8Array;
}

export interface ImageHeader {
  width: number;
  height: number;
  channels: 1 | 3;
}

export type ImageFormat = 'JPEG' | 'PNG' | 'WebP' | 'BMP';

/** The file extensions an image folder reads. */
export const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|bmp)$/i;

/** An image larger than this (width x height) is refused before it is decoded. */
export const MAX_IMAGE_PIXELS = 40_000_000;

type SharpFn = (input: Uint8Array, options: SharpOptions) => Sharp;

/** This module's own require (tsx and the Electron bundle run it as CommonJS, vitest as ESM). */
function moduleRequire(): NodeJS.Require {
  try {
    return createRequire(import.meta.url);
  } catch {
    return createRequire(__filename);
  }
}

/** sharp (and libvips with it, ~20 MB) is loaded on first use, in the worker that decodes: the host never needs it. */
let sharpFn: SharpFn | null = null;
function loadSharp(): SharpFn {
  if (!sharpFn) {
    const sharp = moduleRequire()('sharp') as typeof import('sharp').default;
    sharp.cache(false); // libvips would keep decoded images for re-use; a dataset reads each image once
    sharpFn = (input, options) => sharp(input, options);
  }
  return sharpFn;
}

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((v, i) => b[at + i] === v);

/** The format by content (signatures), or a description of what the bytes look like instead. */
export function sniffImage(bytes: Uint8Array): ImageFormat | { other: string } {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'WebP';
  if (startsWith(bytes, [0x42, 0x4d])) return 'BMP';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return { other: 'a GIF image' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { other: 'a TIFF image' };
  if (bytes.length === 0) return { other: 'an empty file' };
  return { other: 'not an image' };
}

const EXPECTED: Record<string, ImageFormat> = { jpg: 'JPEG', jpeg: 'JPEG', png: 'PNG', webp: 'WebP', bmp: 'BMP' };

function formatOf(bytes: Uint8Array, file: string): ImageFormat {
  const found = sniffImage(bytes);
  if (typeof found === 'string') return found;
  const named = EXPECTED[file.split('.').pop()?.toLowerCase() ?? ''];
  const lead = named ? `not a ${named} file (wrong signature: it is ${found.other})` : `${found.other}`;
  throw new DatasetError(`${lead}; LayerLab reads JPEG, PNG, WebP and BMP images`, file);
}

/** 'truncated' when the file lacks the end marker its format requires, else 'damaged'. */
function damage(bytes: Uint8Array, format: ImageFormat): string {
  const n = bytes.length;
  // PNG ends with the IEND chunk (length 0, type, fixed CRC); JPEG with the end-of-image marker FF D9.
  if (format === 'PNG' && !startsWith(bytes, [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], n - 12)) return 'truncated';
  if (format === 'JPEG' && !(bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9)) return 'truncated';
  return 'damaged';
}

/** libvips's messages repeat themselves line after line; the first distinct lines are enough. */
function libraryDetail(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err)).split('\n').map((l) => l.trim()).filter(Boolean);
  return [...new Set(lines)].slice(0, 2).join('; ').slice(0, 200);
}

function refuseTooLarge(width: number, height: number, file: string): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new DatasetError(`is ${width}x${height} pixels; LayerLab reads images of up to ${MAX_IMAGE_PIXELS.toLocaleString('en-US')} pixels`, file);
  }
}

/**
 * BMP size and compression from its info header (width at byte 18, height at 22, negative for top-down rows;
 * compression at 30), checked before bmp-ts allocates anything: it would allocate whatever size a file claims,
 * and its run-length (RLE) decoding writes pixels to the wrong places, so RLE files are refused.
 */
function checkBmpHeader(bytes: Uint8Array, file: string): { width: number; height: number } {
  if (bytes.length < 34) throw new DatasetError('truncated BMP (shorter than its headers)', file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getInt32(18, true);
  const height = Math.abs(view.getInt32(22, true));
  const compression = view.getUint32(30, true);
  if (width <= 0 || height === 0) throw new DatasetError(`damaged BMP (its size is ${width}x${height})`, file);
  if (compression === 1 || compression === 2) {
    throw new DatasetError('is a run-length compressed (RLE) BMP, which LayerLab does not read; save it uncompressed or as PNG', file);
  }
  refuseTooLarge(width, height, file);
  return { width, height };
}

function decodeBmp(bytes: Uint8Array, file: string): DecodedImage {
  const { width, height } = checkBmpHeader(bytes, file);
  let out: { width: number; height: number; data: Uint8Array };
  try {
    // bmp-ts reads with Buffer methods. Its default layout, A B G R per pixel, is the one every bit depth writes
    // (its toRGBA option is not honoured by the palette decoders).
    out = decodeBmpFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new DatasetError(`damaged or unsupported BMP (${libraryDetail(err)})`, file);
  }
  if (out.width !== width || out.height !== height || out.data.length < width * height * 4) {
    throw new DatasetError('damaged BMP (its pixel data does not match its size)', file);
  }
  const rgb = new Uint8Array(width * height * 3);
  let gray = true;
  for (let p = 0; p < width * height; p++) {
    const r = out.data[p * 4 + 3], g = out.data[p * 4 + 2], b = out.data[p * 4 + 1];
    rgb[p * 3] = r;
    rgb[p * 3 + 1] = g;
    rgb[p * 3 + 2] = b;
    if (r !== g || g !== b) gray = false;
  }
  if (!gray) return { width, height, channels: 3, pixels: rgb };
  // A BMP has no grayscale type: a palette of grays is how grayscale is written, so equal channels mean gray.
  const pixels = new Uint8Array(width * height);
  for (let p = 0; p < pixels.length; p++) pixels[p] = rgb[p * 3];
  return { width, height, channels: 1, pixels };
}

const SHARP_OPTIONS = { failOn: 'warning', limitInputPixels: MAX_IMAGE_PIXELS, autoOrient: true } as const;

async function sharpHeader(bytes: Uint8Array, format: ImageFormat, file: string): Promise<ImageHeader> {
  let meta: Metadata;
  try {
    // Only the header is read here, so without the pixel limit: an oversized image gets its size named below
    // rather than libvips's "Input image exceeds pixel limit". Decoding keeps the limit.
    meta = await loadSharp()(bytes, { ...SHARP_OPTIONS, limitInputPixels: false }).metadata();
  } catch (err) {
    throw new DatasetError(`${damage(bytes, format)} ${format} (${libraryDetail(err)})`, file);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new DatasetError(`damaged ${format}: it has no size`, file);
  refuseTooLarge(width, height, file);
  return { width, height, channels: meta.space === 'b-w' || meta.space === 'grey16' ? 1 : 3 };
}

/** Width, height and channels, decoding as little as the format allows (a header for JPEG, PNG and WebP). */
export async function imageHeader(bytes: Uint8Array, file: string): Promise<ImageHeader> {
  const format = formatOf(bytes, file);
  if (format !== 'BMP') return sharpHeader(bytes, format, file);
  const { width, height, channels } = decodeBmp(bytes, file);
  return { width, height, channels };
}

/** Decodes one image file's bytes; a foreign, damaged, truncated or oversized file is a DatasetError naming it. */
export async function decodeImage(bytes: Uint8Array, file: string): Promise<DecodedImage> {
  const format = formatOf(bytes, file);
  if (format === 'BMP') return decodeBmp(bytes, file);
  const { channels } = await sharpHeader(bytes, format, file);
  try {
    const pipeline = loadSharp()(bytes, SHARP_OPTIONS).removeAlpha().toColourspace(channels === 1 ? 'b-w' : 'srgb');
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== channels) throw new Error(`decoded to ${info.channels} channels, expected ${channels}`);
    return { width: info.width, height: info.height, channels, pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (err) {
    throw new DatasetError(`${damage(bytes, format)} ${format} (${libraryDetail(err)})`, file);
  }
}
