// Draws resources/icon.png (512x512): a small neural network (3-4-2 nodes, all connected) on a dark rounded
// square. Pure Node (zlib PNG encoder), so it runs anywhere: `node resources/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SS = 3; // supersamples per axis, for anti-aliased edges

const columns = [
  { x: 128, n: 3 },
  { x: 256, n: 4 },
  { x: 384, n: 2 },
];
const nodes = columns.map(({ x, n }) => Array.from({ length: n }, (_, i) => ({ x, y: 256 + (i - (n - 1) / 2) * 96 })));
const edges = [];
for (let c = 0; c + 1 < nodes.length; c++) for (const a of nodes[c]) for (const b of nodes[c + 1]) edges.push([a, b]);

const BG = [27, 31, 42];
const EDGE = [79, 209, 197];
const NODE = [246, 173, 85];
const RING = [250, 250, 250];

function segmentDistance(px, py, [a, b]) {
  const dx = b.x - a.x, dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

function insideRoundedSquare(px, py) {
  const m = 16, r = 96; // margin and corner radius
  const qx = Math.max(Math.abs(px - 256) - (256 - m - r), 0);
  const qy = Math.max(Math.abs(py - 256) - (256 - m - r), 0);
  return Math.hypot(qx, qy) <= r;
}

/** Colour and alpha of one sample point. */
function sample(px, py) {
  if (!insideRoundedSquare(px, py)) return [0, 0, 0, 0];
  let color = BG;
  if (edges.some((e) => segmentDistance(px, py, e) <= 5)) color = EDGE;
  for (const col of nodes) for (const n of col) {
    const d = Math.hypot(px - n.x, py - n.y);
    if (d <= 34) color = d >= 27 ? RING : NODE;
  }
  return [...color, 255];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // PNG filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const [r, g, b, a] = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
      acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a;
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const alpha = acc[3] / (SS * SS);
    for (let k = 0; k < 3; k++) raw[o + k] = acc[3] > 0 ? Math.round(acc[k] / acc[3]) : 0;
    raw[o + 3] = Math.round(alpha);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = fileURLToPath(new URL('./icon.png', import.meta.url));
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
