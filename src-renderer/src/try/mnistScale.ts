// A drawing -> a 28x28 digit the way MNIST's digits were made: the strokes' bounding box scaled to fit a
// 20x20 box (keeping its aspect ratio), placed so its centre of mass sits at the image centre, grey levels
// 0..255 (white ink on black, as in the training data). Pure: works on a grey array, no DOM.

export interface Grey {
  width: number;
  height: number;
  /** 0..255, row-major. */
  data: Float32Array;
}

/** The bounding box of pixels above `threshold`, or null for an empty drawing. */
export function inkBox(img: Grey, threshold = 10): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x] > threshold) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** Area-average resampling of the box of `img` into an `w` x `h` grey image. */
function resample(img: Grey, box: { x0: number; y0: number; x1: number; y1: number }, w: number, h: number): Grey {
  const out = new Float32Array(w * h);
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx0 = box.x0 + (x * bw) / w, sx1 = box.x0 + ((x + 1) * bw) / w;
      const sy0 = box.y0 + (y * bh) / h, sy1 = box.y0 + ((y + 1) * bh) / h;
      let sum = 0, area = 0;
      for (let sy = Math.floor(sy0); sy < Math.ceil(sy1); sy++) {
        const fy = Math.min(sy + 1, sy1) - Math.max(sy, sy0);
        for (let sx = Math.floor(sx0); sx < Math.ceil(sx1); sx++) {
          const fx = Math.min(sx + 1, sx1) - Math.max(sx, sx0);
          sum += img.data[sy * img.width + sx] * fx * fy;
          area += fx * fy;
        }
      }
      out[y * w + x] = area > 0 ? sum / area : 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** The drawing as MNIST would have it: 28x28 values 0..255 (all zero for an empty drawing). */
export function toMnistDigit(img: Grey, size = 28, inner = 20): number[] {
  const out = new Array<number>(size * size).fill(0);
  const box = inkBox(img);
  if (!box) return out;
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const scale = inner / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * scale));
  const h = Math.max(1, Math.round(bh * scale));
  const small = resample(img, box, w, h);
  // Centre of mass of the scaled digit -> the image centre.
  let mass = 0, cx = 0, cy = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const v = small.data[y * w + x]; mass += v; cx += v * (x + 0.5); cy += v * (y + 0.5); }
  const ox = Math.round(size / 2 - (mass > 0 ? cx / mass : w / 2));
  const oy = Math.round(size / 2 - (mass > 0 ? cy / mass : h / 2));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + ox, ty = y + oy;
      if (tx >= 0 && tx < size && ty >= 0 && ty < size) out[ty * size + tx] = Math.round(Math.min(255, small.data[y * w + x]));
    }
  }
  return out;
}
