// File > Open of an .onnx file in the web host: the browser sends its bytes (base64) to the host, whose job worker
// maps the operators to layers and stores the weights as a run; the graph appears on the canvas and the run in Runs,
// marked imported. An ONNX model with an unsupported operator is refused, naming it, and the canvas stays as it was.
import { test, expect } from './fixtures';
import { handMadeCnn, modelBytes, node } from '../src-main/import/onnx/testing/hand-made';

test('opening an .onnx file shows its graph and an imported run; an unsupported operator is named', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({ name: 'small_cnn.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(handMadeCnn()) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  // The import runs in the host's job worker, which may have to start first (seconds on a loaded machine).
  await expect(page.getByTestId('file-name')).toHaveText('small_cnn', { timeout: 90_000 });
  await expect(page.locator('.ll-node[data-kind="Conv2D"]')).toHaveCount(1);
  await expect(page.locator('.ll-node[data-kind="MaxPooling2D"]')).toHaveCount(1);
  await expect(page.locator('.ll-node[data-kind="Dense"]')).toHaveCount(1);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(4 * 9 + 4 + 64 * 10 + 10));
  // No catalogue dataset takes 8x8 grey images: the import message says which shapes the model needs.
  await expect(page.getByTestId('toast').filter({ hasText: 'No dataset of the catalogue fits this model (x [8, 8, 1]; y [10])' })).toBeVisible();
  for (const [w, h] of [[1440, 900], [1280, 720]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/onnx-import-graph-${w}.png` });
  }

  await page.getByTestId('tab-runs').click();
  await page.getByTestId('runs-scope-all').click().catch(() => {});
  await expect(page.getByTestId('run-imported-badge').first()).toBeVisible({ timeout: 15_000 });
  for (const [w, h] of [[1440, 900], [1280, 720]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/onnx-import-runs-${w}.png` });
  }

  await page.getByTestId('file-input').setInputFiles({
    name: 'erf.onnx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(modelBytes([node('Erf', ['x'], ['y'], [], '/act/Erf')], [], { name: 'x', dims: ['N', 3] })),
  });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('error-dialog')).toContainText("Erf (node '/act/Erf')", { timeout: 90_000 });
  await page.screenshot({ path: 'test-results/onnx-import-unsupported-1280.png' });
  await page.getByTestId('error-ok').click();
  await expect(page.getByTestId('file-name')).toHaveText('small_cnn');
});
