// SVG paths for wires that cannot be a plain left-to-right curve.
export type Pt = { x: number; y: number };

/** How far a wire runs straight out of a handle before turning (no more than the view's margin, view.ts). */
const WIRE_LEAD = 12;
const RADIUS = 10;

/** A polyline with its corners rounded off (radius shrinks on short segments). */
export function roundedPolyline(points: Pt[], radius = RADIUS): string {
  let d = `M${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, p, b] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, Math.hypot(p.x - a.x, p.y - a.y) / 2, Math.hypot(b.x - p.x, b.y - p.y) / 2);
    const into = { x: Math.sign(p.x - a.x), y: Math.sign(p.y - a.y) };
    const out = { x: Math.sign(b.x - p.x), y: Math.sign(b.y - p.y) };
    d += ` L${p.x - into.x * r} ${p.y - into.y * r} Q${p.x} ${p.y} ${p.x + out.x * r} ${p.y + out.y * r}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x} ${last.y}`;
}

/**
 * A wire from an output (right side) to an input further left: out to the right, along `runY` (the gap
 * between two rows of a wrapped layout; halfway between the ends when not given or not between them),
 * then into the input from the left.
 */
export function aroundPath(source: Pt, target: Pt, runY?: number): string {
  const lo = Math.min(source.y, target.y);
  const hi = Math.max(source.y, target.y);
  const y = runY !== undefined && runY > lo && runY < hi ? runY : (source.y + target.y) / 2;
  const right = source.x + WIRE_LEAD;
  const left = target.x - WIRE_LEAD;
  return roundedPolyline([source, { x: right, y: source.y }, { x: right, y }, { x: left, y }, { x: left, y: target.y }, target]);
}
