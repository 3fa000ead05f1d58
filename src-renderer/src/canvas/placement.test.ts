import { describe, expect, it } from 'vitest';
import { freeSpot, type Box } from './placement';

const size = { width: 180, height: 80 };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('freeSpot', () => {
  it('keeps the drop point when it is free', () => {
    expect(freeSpot({ x: 10, y: 20 }, [{ x: 400, y: 0, width: 180, height: 80 }])).toEqual({ x: 10, y: 20 });
  });
  it('five drops on the same spot land on five different, non-overlapping places near it', () => {
    const taken: Box[] = [{ x: 0, y: 0, width: 200, height: 90 }];
    for (let i = 0; i < 5; i++) {
      const p = freeSpot({ x: 5, y: 5 }, taken);
      const box = { ...p, ...size };
      for (const t of taken) expect(overlap(box, t)).toBe(false);
      expect(Math.hypot(p.x - 5, p.y - 5)).toBeLessThan(700);
      taken.push(box);
    }
  });
});
