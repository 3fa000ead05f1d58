// Small steps several specs take the same way.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Clears the selection so the inspector shows the dataset and training settings. */
export async function showGraphSettings(page: Page): Promise<void> {
  await expect(page.getByTestId('total-params')).toBeVisible();
  if (await page.getByTestId('graph-settings').isVisible()) return;
  await page.keyboard.press('Escape');
  if (await page.getByTestId('graph-settings').isVisible()) return;
  // Click a spot of bare canvas (not a node, toolbar, minimap or control).
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  const spot = await page.evaluate((b) => {
    for (let fy = 0.1; fy < 0.95; fy += 0.05) {
      for (let fx = 0.1; fx < 0.95; fx += 0.05) {
        const x = b.x + b.width * fx;
        const y = b.y + b.height * fy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  }, box);
  expect(spot, 'an empty spot on the canvas').not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);
  await expect(page.getByTestId('graph-settings')).toBeVisible();
}

/** Opens a template the way a learner does: Templates…, click its card in the gallery (confirming a discard). */
export async function openTemplate(page: Page, id: string): Promise<void> {
  await page.getByTestId('btn-templates').click();
  await page.getByTestId(`gallery-card-${id}`).click();
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
}

export const nodesOfKind = (page: Page, kind: string): Locator => page.locator(`.ll-node[data-kind="${kind}"]`);

/** Drags a layer from the palette onto the canvas at page coordinates (x, y). */
export async function dragFromPalette(page: Page, kind: string, x: number, y: number): Promise<void> {
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId(`palette-${kind}`).dragTo(canvas, { targetPosition: { x: x - box.x, y: y - box.y } });
}

/** Wires `from`'s output to `to`'s input with the mouse. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = from.locator('[data-testid="handle-out-out"]');
  const target = to.locator('[data-testid="handle-in-in"]');
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}
