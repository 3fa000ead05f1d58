import { describe, expect, it } from 'vitest';
import { inkBox, toMnistDigit, type Grey } from './mnistScale';

function canvas(w: number, h: number, ink: (x: number, y: number) => boolean): Grey {
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = ink(x, y) ? 255 : 0;
  return { width: w, height: h, data };
}

describe('toMnistDigit', () => {
  it('fits a stroke drawn in a corner into the 20x20 box, centred by mass, like MNIST', () => {
    // A vertical bar 10 wide, 100 tall in the top-left of a 280x280 drawing.
    const digit = toMnistDigit(canvas(280, 280, (x, y) => x >= 5 && x < 15 && y >= 5 && y < 105));
    const grey: Grey = { width: 28, height: 28, data: Float32Array.from(digit) };
    const box = inkBox(grey)!;
    expect(box.y1 - box.y0 + 1).toBe(20); // the long side becomes 20 pixels
    expect(box.x1 - box.x0 + 1).toBe(2);
    let mass = 0, cx = 0, cy = 0;
    digit.forEach((v, i) => { mass += v; cx += v * ((i % 28) + 0.5); cy += v * (Math.floor(i / 28) + 0.5); });
    expect(Math.abs(cx / mass - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy / mass - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...digit)).toBe(255);
  });

  it('leaves an empty drawing empty', () => {
    expect(toMnistDigit(canvas(50, 50, () => false)).every((v) => v === 0)).toBe(true);
  });
});
