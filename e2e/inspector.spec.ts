// Inspector editing as a user types: nothing in the model changes while typing; Enter or leaving the field
// commits; "1e9" is a billion (and then hits the range check), "2.5", "-1", "0", "ten" and a split of 1.5
// stay in the field, marked, with the reason; Escape restores the current value; values above a sensible
// range ask first; the exact parameter count is one click away in the header.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { emptyGraph } from '../shared/graph/defaults';
import { showGraphSettings } from './helpers';

const MNIST_MLP = () => {
  const g = emptyGraph('Inspector MLP');
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params: params as never, position: { x, y: 100 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target, targetHandle: 'in' });
  g.nodes = [node('input', 'Input', { feature: 'x', shape: [784] }, 0), node('dense_1', 'Dense', { units: 1024 }, 260), node('dense_2', 'Dense', { units: 10, activation: 'softmax' }, 520), node('output', 'Output', { target: 'y' }, 780)];
  g.edges = [edge('input', 'dense_1'), edge('dense_1', 'dense_2'), edge('dense_2', 'output')];
  return g;
};
const paramsOf = (units: number) => 784 * units + units + units * 10 + 10;

async function open(page: Page): Promise<void> {
  const g = MNIST_MLP();
  await page.getByTestId('file-input').setInputFiles({ name: 'mlp.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  const confirm = page.getByTestId('confirm-ok');
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(paramsOf(1024)));
}

test('typing commits on Enter or blur; invalid values stay marked with the reason; Escape restores', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await open(page);
  await page.getByTestId('node-dense_1').click();
  const units = page.getByTestId('param-units');
  const field = page.getByTestId('field-units');
  const total = page.getByTestId('total-params');

  // "1e9", typed key by key: nothing changes while typing (the old field applied "1" at the first key).
  await units.selectText();
  await units.pressSequentially('1e9');
  await expect(units).toHaveValue('1e9');
  await expect(total).toHaveAttribute('data-value', String(paramsOf(1024)));
  await units.press('Enter');
  await expect(field.getByRole('alert')).toHaveText('Must be at most 1,000,000 (1e9 is 1,000,000,000).');
  await expect(units).toHaveValue('1e9');
  await expect(units).toHaveAttribute('aria-invalid', 'true');
  await expect(total).toHaveAttribute('data-value', String(paramsOf(1024)));
  await page.screenshot({ path: 'test-results/inspector-invalid.png' });

  // Escape puts the current value back.
  await units.press('Escape');
  await expect(units).toHaveValue('1024');
  await expect(field.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('node-inspector')).toBeVisible(); // Escape in the field does not deselect the node

  for (const [typed, reason, commit] of [
    ['2.5', 'Must be a whole number (2.5 is not).', 'Enter'],
    ['-1', 'Must be at least 1.', 'Tab'],
    ['0', 'Must be at least 1.', 'Enter'],
    ['ten', '"ten" is not a number.', 'Tab'],
  ] as const) {
    await units.fill(typed);
    await units.press(commit);
    await expect(field.getByRole('alert'), typed).toHaveText(reason);
    await expect(units).toHaveValue(typed);
    await expect(total).toHaveAttribute('data-value', String(paramsOf(1024)));
  }

  // Corrected and committed: the model changes once.
  await units.fill('64');
  await expect(field.getByRole('alert')).toHaveCount(0); // valid text loses its mark while typing
  await expect(total).toHaveAttribute('data-value', String(paramsOf(1024)));
  await units.press('Enter');
  await expect(total).toHaveAttribute('data-value', String(paramsOf(64)));
  await expect(page.getByTestId('node-dense_1')).toHaveAttribute('data-params', String(784 * 64 + 64));
  // The exact count: in the inspector, on the node (hover) and in the header (click).
  await expect(page.getByTestId('inspector-params')).toHaveText((784 * 64 + 64).toLocaleString('en-US'));
  await page.getByTestId('total-params-toggle').click();
  await expect(total).toHaveText(paramsOf(64).toLocaleString('en-US'));

  // A validation split of 1.5 is refused the same way.
  await showGraphSettings(page);
  const split = page.getByTestId('param-validationSplit');
  await split.fill('1.5');
  await split.press('Enter');
  await expect(page.getByTestId('field-validationSplit').getByRole('alert')).toHaveText('Must be at most 0.5 (1.5 is 1.5).');
  await split.press('Escape');
  await expect(split).toHaveValue('0.1');
});

test('a value above the sensible range asks first: a 130M-parameter Dense is not accepted without a word', async ({ app: page }) => {
  await expect(page.getByTestId('total-params')).toBeVisible();
  await open(page);
  await page.getByTestId('node-dense_1').click();
  const units = page.getByTestId('param-units');
  await units.fill('165000');
  await units.press('Enter');
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('Units 165,000 is above the usual range (up to 16,384).');
  await expect(dialog).toContainText(`would hold ${(784 * 165_000 + 165_000).toLocaleString('en-US')} parameters`);
  await page.screenshot({ path: 'test-results/inspector-range-question.png' });
  await page.getByTestId('confirm-cancel').click();
  await expect(units).toHaveValue('1024');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(paramsOf(1024)));

  await units.fill('20000');
  await units.press('Enter');
  await expect(dialog).toContainText('Units 20,000 is above the usual range');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(paramsOf(20_000)));
  await expect(units).toHaveValue('20000');
});
