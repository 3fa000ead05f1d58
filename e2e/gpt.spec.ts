// GPT as published, as a learner drives it: the GPT-2 template opens at XL with 1,557,611,200 parameters in
// the header and a dashed "tied weights" link (not a wire) from the Embedding to the output head; the Preset
// in the model settings switches to small (124,439,808, "12 x decoder block") and undo brings XL back; the
// head's inspector names the Embedding it reuses; the tiny character GPT is tied too.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openTemplate, showGraphSettings } from './helpers';

async function openTiedTemplate(page: Page, id: string): Promise<void> {
  await openTemplate(page, id);
  await expect(page.getByTestId('node-lm_head')).toBeVisible();
}

const total = (page: Page) => page.getByTestId('total-params');
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

test('GPT-2: published counts, a visible tie, presets that relabel the blocks', async ({ app: page }) => {
  await openTiedTemplate(page, 'gpt-2');
  await expect(total(page)).toHaveAttribute('data-value', '1557611200');
  await expect(page.getByTestId('node-decoder')).toContainText('48 x decoder block');
  const tie = page.getByTestId('tie-link:lm_head.tiedTo');
  await expect(tie).toHaveText('tied weights');
  // The link is drawn but is not one of the graph's wires: no shape label sits on it.
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveCount(6);

  await showGraphSettings(page);
  await expect(page.getByTestId('param-preset')).toHaveValue('gpt-2-xl');
  await page.getByTestId('param-preset').selectOption('gpt-2-small');
  await expect(total(page)).toHaveAttribute('data-value', '124439808');
  await expect(page.getByTestId('node-decoder')).toContainText('12 x decoder block');
  await expect(page.getByTestId('file-name')).toHaveText('GPT-2 small');
  await page.getByTestId('param-preset').selectOption('gpt-2-large');
  await expect(total(page)).toHaveAttribute('data-value', '774030080');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(`${MOD}+z`);
  await expect(total(page)).toHaveAttribute('data-value', '124439808');

  await page.getByTestId('node-lm_head').click();
  await expect(page.getByTestId('param-tiedTo')).toHaveValue('token_embedding');
  await expect(page.getByTestId('inspector-params')).toHaveText('0');
});

test('the tiny character GPT ties its head: 77,248 parameters', async ({ app: page }) => {
  await openTiedTemplate(page, 'char-gpt');
  await expect(total(page)).toHaveAttribute('data-value', '77248');
  await expect(page.getByTestId('tie-link:lm_head.tiedTo')).toBeVisible();
  await page.getByTestId('node-lm_head').click();
  await expect(page.getByTestId('node-inspector')).toContainText("Reuses token_embedding's 97 x 64 matrix");
});
