// The CNN template on a computer without CIFAR-10 (the e2e host's data folder is new and its downloads go to a
// closed port): the inspector says the set is missing with its size and a Download button, Train opens the dataset
// panel with that offer instead of starting a run that could only fail, and Download explains, offline, exactly
// which file to put in which folder.
import { test, expect } from './fixtures';
import { showGraphSettings } from './helpers';

// eslint-disable-next-line no-empty-pattern -- Playwright hooks must destructure their fixtures
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'opens the template with ?template= on the web host URL');
});

test('CNN on CIFAR-10 offers the download instead of a failed run', async ({ app: page }) => {
  await page.goto(`${process.env.LAYERLAB_URL}&template=cnn-cifar10`);
  await expect(page.getByTestId('file-name')).toHaveText(/CIFAR/);
  await showGraphSettings(page);

  const offer = page.getByTestId('graph-settings').getByTestId('dataset-download-offer');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('CIFAR-10 is not on this computer yet');
  await expect(offer.getByTestId('dataset-download')).toHaveText('Download (162 MB)');

  await page.getByTestId('btn-train').click();
  const panel = page.getByTestId('dataset-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('dataset-download-offer')).toContainText('162 MB');
  await expect(page.getByText('download it (162 MB) in the dataset panel, then train')).toBeVisible();
  await page.screenshot({ path: 'test-results/dataset-download-offer.png' });

  await panel.getByTestId('dataset-download').click();
  const error = panel.getByTestId('dataset-download-error');
  await expect(error).toBeVisible({ timeout: 60_000 });
  await expect(error).toContainText('seems to be offline');
  await expect(error).toContainText('cifar-10-binary.tar.gz');
  await expect(error).toContainText(`${process.env.LAYERLAB_E2E_HOME}/cache/cifar10`);
  await expect(panel.getByTestId('dataset-download')).toBeEnabled();
  await page.screenshot({ path: 'test-results/dataset-download-offline.png' });
  // No run started.
  await page.getByTestId('dataset-preview-close').click();
  await page.getByTestId('tab-live').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'idle');
});
