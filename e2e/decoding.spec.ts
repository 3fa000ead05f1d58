// A seq2seq run's evaluation shows what the model does when it must feed itself: the teacher-forced and the
// free-running (greedy, beam) accuracy side by side, with decoded examples. The date template is trained for
// one epoch on a few hundred dates, which is enough to get the evaluation, not a good translator.
import { test, expect } from './fixtures';
import { getTemplate } from '../shared/templates';

test('the seq2seq evaluation reports teacher-forced and free-running accuracy with examples', async ({ app: page }) => {
  test.setTimeout(360_000);
  const template = getTemplate('seq2seq-dates')!.graph;
  const graph = {
    ...template,
    name: 'dates, tiny',
    dataset: { ...template.dataset, limit: 300, options: { ...template.dataset.options, samples: 300 } },
    training: { ...template.training, epochs: 1, batchSize: 32 },
  };
  await page.getByTestId('file-input').setInputFiles({ name: 'dates.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.locator('.ll-node[data-kind="LSTM"]')).toHaveCount(2);

  await page.getByTestId('tab-live').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 240_000 });

  await page.getByTestId('tab-runs').click();
  await page.locator('[data-testid^="run-row-"]').first().click();
  const decoding = page.getByTestId('eval-decoding');
  await expect(decoding).toBeVisible();
  const percent = /\d+\.\d%/;
  await expect(decoding.getByTestId('decoding-teacher-forced')).toContainText(percent);
  await expect(decoding.getByTestId('decoding-greedy')).toContainText(percent);
  await expect(decoding.getByTestId('decoding-beam')).toContainText('beam 3');
  await expect(page.getByTestId('eval-free-running-accuracy')).toHaveText(percent);
  // Decoded examples: the target is an ISO date.
  await expect(decoding.locator('.ll-decoding-examples tbody tr').first()).toContainText(/\d{4}-\d{2}-\d{2}/);
  await page.setViewportSize({ width: 1440, height: 1400 });
  await decoding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/decoding-evaluation.png' });
});
