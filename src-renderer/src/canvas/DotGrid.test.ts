import { describe, expect, it } from 'vitest';
import { gridOffset } from './DotGrid';

describe('gridOffset', () => {
  it('puts a dot on every screen point t + k * cell, starting one cell before the pane', () => {
    for (const [t, cell] of [[0, 20], [35, 20], [-35, 20], [1234.5, 13.2], [-0.25, 40]]) {
      const off = gridOffset(t, cell);
      expect(off).toBeGreaterThan(-cell - 1e-9);
      expect(off).toBeLessThanOrEqual(1e-9);
      // The layer's dots (at off + j * cell) and the flow's grid (at t + k * cell) coincide.
      const k = (off - t) / cell;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
  });
});
