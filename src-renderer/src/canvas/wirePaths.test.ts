import { describe, expect, it } from 'vitest';
import { aroundPath, roundedPolyline } from './wirePaths';

const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

describe('wire paths', () => {
  it('rounds the corners of a polyline and ends on the last point', () => {
    const d = roundedPolyline([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }]);
    expect(d).toMatch(/^M0 0 L90 0 Q100 0 100 10 L100 100$/);
  });

  it('takes a backwards wire out to the right, along the gap between the rows, and in from the left', () => {
    const d = aroundPath({ x: 500, y: 40 }, { x: 20, y: 300 }, 200);
    const ys = numbers(d).filter((_, i) => i % 2 === 1);
    expect(ys).toContain(200);
    expect(numbers(d).slice(-2)).toEqual([20, 300]);
    expect(Math.max(...numbers(d).filter((_, i) => i % 2 === 0))).toBe(512);
    expect(Math.min(...numbers(d).filter((_, i) => i % 2 === 0))).toBe(8);
  });

  it('runs halfway between the ends when the given run is not between them', () => {
    const d = aroundPath({ x: 500, y: 40 }, { x: 20, y: 300 }, 900);
    expect(numbers(d).filter((_, i) => i % 2 === 1)).toContain(170);
  });
});
