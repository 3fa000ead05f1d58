// Test helper: wait until the canvas shows the whole document fitted, instead of a fixed delay. The app
// fits the view a moment after a document opens (and after auto-layout); on a loaded machine that moment
// can come later than any fixed wait, and a click aimed before it lands in the wrong place.
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * How far (px) the middle of the visible nodes' bounding box is from the middle of the canvas. React
 * Flow's fitView centres the nodes' bounds in both directions (at any zoom), so 0 means fitted.
 */
export function offCentre(page: Page): Promise<number> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    if (!pane || boxes.length === 0) return Number.POSITIVE_INFINITY;
    const mid = (lo: number[], hi: number[]) => (Math.min(...lo) + Math.max(...hi)) / 2;
    const dx = mid(boxes.map((r) => r.left), boxes.map((r) => r.right)) - (pane.left + pane.right) / 2;
    const dy = mid(boxes.map((r) => r.top), boxes.map((r) => r.bottom)) - (pane.top + pane.bottom) / 2;
    return Math.max(Math.abs(dx), Math.abs(dy));
  });
}

/** Waits until the view has fitted the document: its visible nodes centred in the canvas. */
export async function waitForFittedView(page: Page): Promise<void> {
  await expect
    .poll(() => offCentre(page), { message: 'the view to fit the document (its nodes centred in the canvas)', timeout: 15_000 })
    .toBeLessThan(2);
}
