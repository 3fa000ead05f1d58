// Test helper: wait until the canvas shows the document as it opens (or after Fit / auto-layout), instead
// of a fixed delay. The app lays a document out and picks its view a moment after it opens; on a loaded
// machine that moment can come later than any fixed wait, and a click aimed before it lands in the wrong place.
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/**
 * How far (px) the middle of the visible nodes' bounding box is from the middle of the canvas area the view
 * fits into (the pane below the toolbar strip). A fitted view centres the nodes there (at any zoom), so 0
 * means fitted. Also returns the viewport transform, to tell a settled view from one still moving.
 */
export function offCentre(page: Page): Promise<{ px: number; transform: string }> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__renderer')?.getBoundingClientRect();
    const bar = document.querySelector('.ll-toolbar')?.getBoundingClientRect();
    const transform = (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '';
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    if (!pane || boxes.length === 0) return { px: Number.POSITIVE_INFINITY, transform };
    const top = bar && bar.bottom > pane.top && bar.top < pane.top + pane.height / 2 ? bar.bottom : pane.top;
    const mid = (lo: number[], hi: number[]) => (Math.min(...lo) + Math.max(...hi)) / 2;
    const dx = mid(boxes.map((r) => r.left), boxes.map((r) => r.right)) - (pane.left + pane.right) / 2;
    const dy = mid(boxes.map((r) => r.top), boxes.map((r) => r.bottom)) - (top + pane.bottom) / 2;
    return { px: Math.max(Math.abs(dx), Math.abs(dy)), transform };
  });
}

/** Polls until `check` holds with the view standing still (the same viewport transform twice in a row). */
async function untilStill(page: Page, check: (px: number) => boolean, message: string): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const { px, transform } = await offCentre(page);
        const still = transform === last;
        last = transform;
        return still && check(px);
      },
      { message, timeout: 15_000, intervals: [100, 100, 200, 250] },
    )
    .toBe(true);
}

/** Waits until the canvas has finished opening the current document (laid out if needed, view chosen, still). */
export async function waitForOpenedView(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas'), 'the canvas to finish laying out and showing the document').toHaveAttribute('data-view', 'ready', { timeout: 30_000 });
  await untilStill(page, () => true, 'the view to stop moving after the document opened');
}

/** Waits until the view has fitted the document: its visible nodes centred in the canvas, and the view still. */
export async function waitForFittedView(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-view', 'ready', { timeout: 30_000 });
  await untilStill(page, (px) => px < 2, 'the view to fit the document (its nodes centred in the canvas, the view no longer moving)');
}
