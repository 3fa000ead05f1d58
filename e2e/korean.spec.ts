// The skeleton flow in Korean: switch the language in the header, build a small model, train briefly, save,
// re-open, see Korean on the canvas, inspector, training panel and in an error; switch back to English live
// and find the same graph (and its undo history) still there.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { connect, dragFromPalette, nodesOfKind, showGraphSettings } from './helpers';
import type { Page } from '@playwright/test';

const HANGUL = /[\uac00-\ud7a3]/;

async function setField(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(`param-${testId}`).fill(value);
  await page.getByTestId(`param-${testId}`).press('Tab');
}

test('build, train, save and re-open in Korean, then switch back to English', async ({ app: page }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'the web host language switch is in the header; Electron uses View > Language (menu.test.ts)');
  await expect(page.getByTestId('total-params')).toBeVisible();
  await page.getByTestId('language-select').selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('btn-new')).toHaveText('새로 만들기');

  // Build: Input -> Dense(10, softmax) -> Output.
  await page.getByTestId('btn-new').click();
  if (await page.getByTestId('confirm-ok').isVisible().catch(() => false)) await page.getByTestId('confirm-ok').click();
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await dragFromPalette(page, 'Dense', box.x + box.width * 0.45, box.y + box.height * 0.6);
  const dense = nodesOfKind(page, 'Dense');
  await dense.click();
  await setField(page, 'units', '10');
  await page.getByTestId('param-activation').selectOption('softmax');
  await connect(page, nodesOfKind(page, 'Input'), dense);
  await connect(page, dense, nodesOfKind(page, 'Output'));
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(784 * 10 + 10));
  await expect(page.getByTestId('total-params-toggle')).toContainText('파라미터');
  // Korean on the canvas (layer text on the nodes) and in the inspector (the selected Dense's summary and labels).
  await dense.click();
  await expect(page.locator('.react-flow__nodes')).toContainText(HANGUL);
  await expect(page.locator('.ll-inspector')).toContainText(HANGUL);

  // Train briefly.
  await showGraphSettings(page);
  await setField(page, 'limit', '500');
  await setField(page, 'epochs', '1');
  await page.getByTestId('btn-train').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('btn-train')).toHaveText('▶ 학습');
  // The training panel in Korean: its tab, the status line, the epoch counter and the time the run took.
  await expect(page.getByTestId('tab-live')).toHaveText('학습');
  await expect(page.getByTestId('train-status')).toHaveText('완료');
  await expect(page.getByTestId('train-epoch')).toHaveText('에폭 1/1');
  await expect(page.getByTestId('train-eta')).toContainText('걸린 시간');
  // The host's evaluation line, said from its code: "테스트 샘플 N개로 평가: 손실 ..., 정확도 ...".
  await expect(page.getByTestId('train-log')).toContainText(/테스트 샘플 [\d,]+개로 평가: 손실 [\d.]+, 정확도 [\d.]+%/);
  await expect(page.getByTestId('train-log')).not.toContainText('Evaluated on');

  // Save and re-open.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('btn-save').click();
  const savedPath = await (await downloadPromise).path();
  expect(JSON.parse(readFileSync(savedPath, 'utf8')).nodes).toHaveLength(3);
  await page.getByTestId('btn-new').click();
  if (await page.getByTestId('confirm-ok').isVisible().catch(() => false)) await page.getByTestId('confirm-ok').click();
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(0);
  await page.getByTestId('file-input').setInputFiles(savedPath);
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(1);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '7850');

  // An error in Korean: a broken file is refused and the graph stays.
  await page.getByTestId('file-input').setInputFiles({ name: 'broken.layerlab.json', mimeType: 'application/json', buffer: Buffer.from('{"nodes": [') });
  await expect(page.getByTestId('error-dialog')).toContainText('아무것도 바뀌지 않았습니다.');
  await page.getByTestId('error-ok').click();
  await expect(page.getByTestId('error-ok')).toHaveCount(0);

  // Back to English without a reload: same graph, same undo history, English labels, remembered.
  // (Dense(20) before a 10-class output is a problem the header counts, in the language of the moment.)
  await dense.click();
  await setField(page, 'units', '20');
  await expect(page.getByTestId('error-count')).toContainText('문제 1개');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(784 * 20 + 20));
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('btn-new')).toHaveText('New');
  await expect(page.getByTestId('btn-train')).toHaveText('▶ Train');
  await expect(page.getByTestId('error-count')).not.toContainText(HANGUL);
  await expect(nodesOfKind(page, 'Dense')).toHaveCount(1);
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(784 * 20 + 20));
  await page.getByTestId('file-name').click(); // out of the language list, which keeps its own keys
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', '7850');
  expect(await page.evaluate(() => localStorage.getItem('layerlab.lang'))).toBe('en');
});
