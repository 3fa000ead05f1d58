// Test helper: what "readable" means for the view a graph opens with, checked from the page's geometry (shared
// by layout.spec, which opens every template by URL, and gallery.spec, which opens every template from the
// gallery at 1280x720): titles at 11 px or more on screen, no node on another, no wire label under a node, no
// text outside its node; where the graph does not fit, its start is in view and panning brings the rest.
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import { collisions, outsideView, readGeometry, type CanvasGeometry } from './geometry';

export const MIN_TITLE_PX = 11;

export function expectReadable(g: CanvasGeometry, what: string): void {
  const small = g.titles.filter((t) => t.px < MIN_TITLE_PX - 1e-6).map((t) => `${t.id} ${t.px.toFixed(1)} px`);
  expect.soft(small, `${what}: node titles under ${MIN_TITLE_PX} px on screen (zoom ${g.zoom.toFixed(3)})`).toEqual([]);
  const { overlaps, covered } = collisions(g);
  expect.soft(overlaps, `${what}: overlapping nodes`).toEqual([]);
  expect.soft(covered, `${what}: wire labels under a node`).toEqual([]);
  expect.soft(g.spills, `${what}: text outside its node`).toEqual([]);
}

/** A point on the empty pane (not a node, wire, label or overlay). */
function emptyPanePoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    for (let fy = 0.5; fy <= 0.95; fy += 0.03) {
      for (let fx = 0.9; fx >= 0.1; fx -= 0.03) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
}

/** The start of the graph (its top-left node, where the inputs are) is in view; the rest is one drag away. */
export async function expectStartInViewRestByPanning(page: Page, g: CanvasGeometry, id: string): Promise<void> {
  const first = [...g.nodes].sort((a, b) => a.top + a.left - (b.top + b.left))[0];
  expect.soft(outsideView({ ...g, nodes: [first], labels: [] }), `${id}: the first node is in view`).toEqual([]);
  const far = [...g.nodes].sort((a, b) => b.bottom + b.right - (a.bottom + a.right))[0];
  const dx = Math.min(0, g.pane.right - 12 - far.right);
  const dy = Math.min(0, g.pane.bottom - 12 - far.bottom);
  if (dx === 0 && dy === 0) return;
  const start = await emptyPanePoint(page);
  expect(start, `${id}: an empty spot on the canvas to drag`).not.toBeNull();
  await page.mouse.move(start!.x, start!.y);
  await page.mouse.down();
  await page.mouse.move(start!.x + dx / 2, start!.y + dy / 2, { steps: 4 });
  await page.mouse.move(start!.x + dx, start!.y + dy, { steps: 4 });
  await page.mouse.up();
  const after = await readGeometry(page);
  const moved = after.nodes.find((n) => n.id === far.id)!;
  expect.soft(outsideView({ ...after, nodes: [moved], labels: [] }), `${id}: the last node after panning`).toEqual([]);
}
