// The template gallery as a learner drives it, in a 1440x900 and a 1280x720 window: every template is
// reached with the mouse alone (the wheel scrolls the dialog, a click opens the card) and with the keyboard
// alone (arrows move, Enter opens, Escape closes, typing filters), and opens with its lesson on screen.
// At 1280x720 each template the keyboard opens is also measured as layout.spec measures the 1440x900 views:
// titles at 11 px or more, nothing overlapping or covered, its start in view and the rest reached by panning.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { readGeometry } from './testing/geometry';
import { expectReadable, expectStartInViewRestByPanning } from './testing/readable';
import { waitForOpenedView } from './testing/view';
import { TEMPLATES } from '../shared/templates';
import { inferGraph } from '../shared/infer';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/** True when the whole element is inside the gallery's scrolling list and the window (what a user can click). */
async function fullyShown(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const list = await page.locator('.ll-tpl-list').boundingBox();
  const view = page.viewportSize()!;
  if (!box || !list) return false;
  return box.y >= list.y - 0.5 && box.y + box.height <= list.y + list.height + 0.5 && box.y + box.height <= view.height && box.x + box.width <= view.width;
}

async function expectOpened(page: Page, id: string): Promise<void> {
  const t = TEMPLATES.find((x) => x.id === id)!;
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await expect(page.getByTestId('file-name')).toHaveText(t.graph.name);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(inferGraph(t.graph).totalParams));
  // The lesson is on screen, not in a toast.
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-has-lesson', 'true');
  await expect(page.getByTestId('lesson-title')).toHaveText(t.name);
}

for (const size of SIZES) {
  test(`every template by mouse at ${size.width}x${size.height}: wheel to the card, click it`, async ({ app: page }) => {
    await page.setViewportSize(size);
    await expect(page.getByTestId('total-params')).toBeVisible();
    for (const t of TEMPLATES) {
      await page.getByTestId('btn-templates').click();
      const dialog = page.getByTestId('template-gallery');
      await expect(dialog).toBeVisible();
      const dialogBox = (await dialog.boundingBox())!;
      expect(dialogBox.y + dialogBox.height, 'the dialog fits the window').toBeLessThanOrEqual(size.height);
      const card = page.getByTestId(`gallery-card-${t.id}`);
      // The card shows the exact count, the dataset and the full-scale result from templates/facts.ts.
      await expect(card.getByTestId('gallery-card-params')).toHaveText(`${inferGraph(t.graph).totalParams.toLocaleString('en-US')} parameters`);
      await expect(card.getByTestId('gallery-card-result')).toContainText(t.fullScale.result);
      const list = (await page.locator('.ll-tpl-list').boundingBox())!;
      await page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
      for (let i = 0; i < 40 && !(await fullyShown(page, card)); i++) await page.mouse.wheel(0, 150);
      expect(await fullyShown(page, card), `${t.id} scrolled into view with the wheel`).toBe(true);
      const box = (await card.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expectOpened(page, t.id);
    }
  });

  test(`every template by keyboard at ${size.width}x${size.height}: arrows and Enter${size.width === 1280 ? '; each opens readable, and panning brings the rest into view' : ''}`, async ({ app: page }) => {
    await page.setViewportSize(size);
    await expect(page.getByTestId('total-params')).toBeVisible();
    for (const t of TEMPLATES) {
      await page.getByTestId('btn-templates').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('gallery-search')).toBeFocused();
      const active = page.locator('[role="option"][data-active="true"]');
      for (let i = 0; i < TEMPLATES.length && (await active.getAttribute('data-testid')) !== `gallery-card-${t.id}`; i++) {
        await page.keyboard.press('ArrowRight');
      }
      await expect(active).toHaveAttribute('data-testid', `gallery-card-${t.id}`);
      expect(await fullyShown(page, active), `${t.id}: the active card is scrolled into view`).toBe(true);
      await page.keyboard.press('Enter');
      await expectOpened(page, t.id);
      if (size.width === 1280) {
        await waitForOpenedView(page);
        const g = await readGeometry(page);
        expectReadable(g, `${t.id} at 1280x720`);
        await expectStartInViewRestByPanning(page, g, t.id);
      }
    }
  });
}

test('type to filter, arrows up and down, Escape closes without opening anything', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByTestId('total-params')).toBeVisible();
  const before = await page.getByTestId('file-name').textContent();
  await page.getByTestId('btn-templates').click();
  await page.keyboard.type('few-shot');
  await expect(page.locator('[role="option"]')).toHaveCount(1);
  await expect(page.getByTestId('gallery-count')).toHaveText(`1 of ${TEMPLATES.length}`);
  await page.getByTestId('gallery-search').fill('');
  await expect(page.locator('[role="option"]')).toHaveCount(TEMPLATES.length);

  // ArrowDown goes to the card below (same column), ArrowUp comes back.
  const active = page.locator('[role="option"][data-active="true"]');
  await page.keyboard.press('ArrowDown'); // MLP -> CNN (the next chapter's first card)
  await expect(active).toHaveAttribute('data-testid', 'gallery-card-cnn-cifar10');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown'); // the card below the one-to-many card
  const below = await active.getAttribute('data-testid');
  const [a, b] = [await page.getByTestId('gallery-card-one-to-many-digit-names').boundingBox(), await active.boundingBox()];
  expect(Math.abs(a!.x - b!.x), `${below} is in the same column`).toBeLessThan(2);
  expect(b!.y).toBeGreaterThan(a!.y);
  await page.keyboard.press('ArrowUp');
  await expect(active).toHaveAttribute('data-testid', 'gallery-card-one-to-many-digit-names');

  // Typing while a card is active goes to the search box.
  await page.keyboard.type('gpt-3');
  await expect(page.getByTestId('gallery-search')).toHaveValue('gpt-3');
  await expect(active).toHaveAttribute('data-testid', 'gallery-card-gpt-3');
  await page.screenshot({ path: 'test-results/gallery-filtered.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await expect(page.getByTestId('file-name')).toHaveText(before!);
});
