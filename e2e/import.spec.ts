// File > Open of a Keras / TensorFlow.js model.json imports it (the CLI's importer, through the api and the
// job worker) instead of refusing it as "not a LayerLab graph"; a model it cannot import is refused by name.
import { test, expect } from './fixtures';

const keras = (layers: object[]) => Buffer.from(JSON.stringify({ class_name: 'Sequential', config: { name: 'm', layers } }));

test('opening a Keras model.json imports it as a new graph; an unsupported layer is named', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({
    name: 'small_cnn.json',
    mimeType: 'application/json',
    buffer: keras([
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 28, 28, 1], dtype: 'float32', name: 'input_1' } },
      { class_name: 'Conv2D', config: { name: 'conv2d', filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'same', dilation_rate: [1, 1], activation: 'relu' } },
      { class_name: 'Flatten', config: { name: 'flatten' } },
      { class_name: 'Dense', config: { name: 'dense', units: 10, activation: 'softmax', use_bias: true } },
    ]),
  });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  // The import runs in the host's job worker, which may have to start first (seconds on a loaded machine).
  await expect(page.getByTestId('file-name')).toHaveText('small_cnn', { timeout: 90_000 });
  await expect(page.locator('.ll-node[data-kind="Conv2D"]')).toHaveCount(1);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(80 + 28 * 28 * 8 * 10 + 10));
  await expect(page.getByTestId('dirty-mark')).toBeVisible(); // not saved as a LayerLab graph yet

  await page.getByTestId('file-input').setInputFiles({
    name: 'lambda.json',
    mimeType: 'application/json',
    buffer: keras([{ class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 3] } }, { class_name: 'Lambda', config: { name: 'my_lambda' } }]),
  });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('error-dialog')).toContainText("Layer 'my_lambda' has class 'Lambda', which LayerLab cannot import", { timeout: 90_000 });
  await page.getByTestId('error-ok').click();
  await expect(page.getByTestId('file-name')).toHaveText('small_cnn');
});
