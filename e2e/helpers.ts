// Small steps several specs take the same way.
import type { Page } from '@playwright/test';
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
