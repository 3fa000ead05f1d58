// Where a dropped layer goes: at the drop point, or the nearest free spot below it when a layer is already
// there (several drops on one spot stack neatly instead of piling up).
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size assumed for the node being placed (it is measured only once drawn). */
const NEW_NODE = { width: 180, height: 80 };
const GAP = 16;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

/**
 * `want` when a new node there would keep a small gap to every box in `taken`; else the closest spot
 * straight below it, then to the right of it, that does.
 */
export function freeSpot(want: { x: number; y: number }, taken: Box[], size = NEW_NODE): { x: number; y: number } {
  const at = (x: number, y: number): Box => ({ x, y, ...size });
  const free = (b: Box) => !taken.some((t) => overlaps(b, t));
  if (free(at(want.x, want.y))) return { x: Math.round(want.x), y: Math.round(want.y) };
  // Candidates: move below (or right of) each box the spot hits, nearest first.
  const candidates: { x: number; y: number }[] = [];
  for (const t of taken) {
    candidates.push({ x: want.x, y: t.y + t.height + GAP + 1 }, { x: t.x + t.width + GAP + 1, y: want.y });
  }
  candidates.sort((a, b) => Math.hypot(a.x - want.x, a.y - want.y) - Math.hypot(b.x - want.x, b.y - want.y));
  for (const c of candidates) if (free(at(c.x, c.y))) return { x: Math.round(c.x), y: Math.round(c.y) };
  // Everything near is taken: below the lowest box.
  return { x: Math.round(want.x), y: Math.round(Math.max(...taken.map((t) => t.y + t.height)) + GAP + 1) };
}
