import { describe, expect, it } from 'vitest';
import { openingViewport, readableZoom, usableArea } from './view';

const area = { width: 956, height: 602, top: 46 };

describe('the view a graph opens with', () => {
  it('needs zoom 11/15 for 15 px titles to read at 11 px', () => {
    expect(readableZoom(15) * 15).toBeGreaterThanOrEqual(11);
    expect(readableZoom(15)).toBeLessThan(0.74);
  });

  it('centres a graph that fits, below the toolbar strip, at most at natural size', () => {
    const v = openingViewport({ x: 0, y: 0, width: 400, height: 200 }, area, 0.734);
    expect(v.zoom).toBe(1);
    const room = usableArea(area);
    // The middle of the graph lands in the middle of the room below the toolbar.
    expect(v.x + 200).toBeCloseTo(12 + room.width / 2);
    expect(v.y + 100).toBeCloseTo(area.top + 12 + room.height / 2);
  });

  it('zooms out to fit down to the readable zoom', () => {
    const v = openingViewport({ x: 100, y: 50, width: 1100, height: 500 }, area, 0.734);
    expect(v.zoom).toBeCloseTo(usableArea(area).width / 1100);
    expect(v.zoom).toBeGreaterThan(0.734);
  });

  it('shows the start (top-left) of a graph too large to read whole, at the readable zoom', () => {
    const v = openingViewport({ x: -20, y: 30, width: 4000, height: 2000 }, area, 0.734);
    expect(v.zoom).toBe(0.734);
    expect(v.x + -20 * 0.734).toBeCloseTo(12); // the left edge of the bounds at the left margin
    expect(v.y + 30 * 0.734).toBeCloseTo(area.top + 12);
  });
});
