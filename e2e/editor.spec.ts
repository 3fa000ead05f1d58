// The editor as a user drives it: quick-add (double-click, Space, a wire dropped into space), refused wires
// that say why, one-click fixes, undo/redo, copy/paste/duplicate (also into a second tab), multi-select,
// align, auto-layout, fit, snap, theme, shortcut sheet, and the file safety net (title, close guard,
// autosave and restore, recent files, drop to open, PNG/SVG export).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { offCentre, waitForFittedView, waitForOpenedView } from './testing/view';
import { emptyGraph } from '../shared/graph/defaults';
import type { GraphFile, GraphNode } from '../shared/graph/types';

const kind = (page: Page, k: string): Locator => page.locator(`.ll-node[data-kind="${k}"]`);
const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);
const allNodes = (page: Page): Locator => page.locator('.react-flow__node');
const allEdges = (page: Page): Locator => page.locator('.react-flow__edge');
const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Input -> layers... -> Output in a row, wired in order, unless `wire` says otherwise. */
function graphOf(name: string, nodes: Omit<GraphNode, 'position'>[], opts: { wire?: [string, string][]; dataset?: Partial<GraphFile['dataset']> } = {}): GraphFile {
  const g = emptyGraph(name);
  g.dataset = { ...g.dataset, ...opts.dataset };
  g.nodes = nodes.map((n, i) => ({ ...n, position: { x: i * 260, y: 100 + (i % 2) * 30 } }));
  const pairs = opts.wire ?? nodes.slice(1).map((n, i): [string, string] => [nodes[i].id, n.id]);
  g.edges = pairs.map(([s, t]) => ({ id: `e_${s}-${t}`, source: s, sourceHandle: 'out', target: t, targetHandle: 'in' }));
  return g;
}

const MLP = (name = 'Editor MLP') =>
  graphOf(name, [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [784] } },
    { id: 'dense_1', kind: 'Dense', params: { units: 32, activation: 'relu' } },
    { id: 'dense_2', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
    { id: 'output_1', kind: 'Output', params: { target: 'y' } },
  ]);

/** Opens a graph the way a user picks a file (through the file input), then waits for its nodes. */
async function load(page: Page, g: GraphFile, fileName = `${g.name}.layerlab.json`): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(g)) });
  await expect(allNodes(page)).toHaveCount(g.nodes.length);
  await expect(page.getByTestId('file-name')).toHaveText(g.name);
  await waitForOpenedView(page); // the view settles a moment after the document opens (laid out first if needed)
}

async function center(l: Locator): Promise<{ x: number; y: number }> {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** A point on empty canvas: bottom middle of the pane, away from nodes, toolbar, controls and minimap. */
/** A point of bare canvas nearest to (fx, fy) of the pane: not on a node, a label, the toolbar or a toast. */
async function emptySpot(page: Page, fx = 0.45, fy = 0.85): Promise<{ x: number; y: number }> {
  const b = (await page.locator('.react-flow__pane').boundingBox())!;
  const spot = await page.evaluate(({ b, fx, fy }) => {
    const candidates: { x: number; y: number; d: number }[] = [];
    for (let gy = 0.05; gy < 0.96; gy += 0.05) {
      for (let gx = 0.05; gx < 0.96; gx += 0.05) candidates.push({ x: b.x + b.width * gx, y: b.y + b.height * gy, d: Math.hypot(gx - fx, gy - fy) });
    }
    candidates.unshift({ x: b.x + b.width * fx, y: b.y + b.height * fy, d: -1 });
    candidates.sort((p, q) => p.d - q.d);
    return candidates.find((p) => document.elementFromPoint(p.x, p.y)?.classList.contains('react-flow__pane')) ?? null;
  }, { b, fx, fy });
  expect(spot, 'a bare spot on the canvas').not.toBeNull();
  return { x: spot!.x, y: spot!.y };
}

async function clickEmpty(page: Page): Promise<void> {
  const p = await emptySpot(page, 0.6, 0.92);
  await page.mouse.click(p.x, p.y);
}

test('quick-add: double-click or Space opens a search box, Enter adds the layer at the cursor', async ({ app: page }) => {
  await load(page, MLP());
  await expect(kind(page, 'Dropout')).toHaveCount(0);

  const spot = await emptySpot(page, 0.3, 0.8);
  await page.mouse.dblclick(spot.x, spot.y);
  await expect(page.getByTestId('quick-add')).toBeVisible();
  await page.keyboard.type('dropout');
  await expect(page.getByTestId('quick-add-Dropout')).toBeVisible();
  await expect(page.getByTestId('quick-add-LSTM')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await expect(kind(page, 'Dropout')).toHaveCount(1);
  // The new node sits where the box opened (its top-left at the cursor, allowing for zoom).
  const box = (await kind(page, 'Dropout').boundingBox())!;
  expect(Math.abs(box.x - spot.x)).toBeLessThan(40);
  expect(Math.abs(box.y - spot.y)).toBeLessThan(40);

  // Space at the pointer, arrows to choose, Escape cancels.
  const spot2 = await emptySpot(page, 0.7, 0.8);
  await page.mouse.move(spot2.x, spot2.y);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('quick-add')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
  await page.keyboard.press('Space');
  await page.keyboard.type('lstm');
  await page.keyboard.press('Enter');
  await expect(kind(page, 'LSTM')).toHaveCount(1);
  await expect(allNodes(page)).toHaveCount(6);
});

test('a wire dropped into empty space offers only layers that accept its shape and connects the pick', async ({ app: page }) => {
  await load(page, graphOf('Dangling', [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [784] } },
    { id: 'dense_1', kind: 'Dense', params: { units: 32 } },
    { id: 'output_1', kind: 'Output', params: {} },
  ], { wire: [['input_1', 'dense_1']] }));
  const from = await center(node(page, 'dense_1').getByTestId('handle-out-out'));
  const spot = await emptySpot(page, 0.5, 0.85);
  await drag(page, from, spot);
  await expect(page.getByTestId('quick-add')).toBeVisible();
  await expect(page.getByTestId('quick-add-hint')).toContainText('[32]');
  // A [32] vector fits Dense or Dropout, not a recurrent or 2-D convolution layer, and never an Input.
  await expect(page.getByTestId('quick-add-Dense')).toBeVisible();
  await expect(page.getByTestId('quick-add-LSTM')).toHaveCount(0);
  await expect(page.getByTestId('quick-add-Conv2D')).toHaveCount(0);
  await expect(page.getByTestId('quick-add-Input')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/editor-shots/editor-quick-add.png' });
  await page.keyboard.type('dropout');
  await page.keyboard.press('Enter');
  await expect(kind(page, 'Dropout')).toHaveCount(1);
  await expect(allEdges(page)).toHaveCount(2);
  await expect(page.getByTestId('edge-label-e_dense_1-dropout_1')).toHaveText('[32]');

  // Dragged backwards out of an input, the box offers layers to feed it and wires the pick into it.
  const into = await center(node(page, 'output_1').getByTestId('handle-in-in'));
  await drag(page, into, await emptySpot(page, 0.8, 0.15));
  await expect(page.getByTestId('quick-add-hint')).toHaveText('Layers that can feed this input');
  await expect(page.getByTestId('quick-add-Output')).toHaveCount(0);
  await page.keyboard.type('dense');
  await page.keyboard.press('Enter');
  await expect(kind(page, 'Dense')).toHaveCount(2);
  await expect(page.getByTestId('edge-label-e_dense_2-output_1')).toBeVisible();
  await expect(allEdges(page)).toHaveCount(3);
});

test('refused wires say why, at the cursor, and change nothing', async ({ app: page }) => {
  await load(page, MLP('Refusals'));
  await expect(allEdges(page)).toHaveCount(3);
  // dense_2 -> dense_1 would close a loop.
  await drag(page, await center(node(page, 'dense_2').getByTestId('handle-out-out')), await center(node(page, 'dense_1').getByTestId('handle-in-in')));
  await expect(page.getByTestId('wire-refused')).toContainText('cycle');
  await page.screenshot({ path: '/tmp/editor-shots/editor-refused.png' });
  await expect(allEdges(page)).toHaveCount(3);
  // input_1 -> dense_2: dense_2's single input is taken. While hovering, the status line already says so.
  const from = await center(node(page, 'input_1').getByTestId('handle-out-out'));
  const to = await center(node(page, 'dense_2').getByTestId('handle-in-in'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 40, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await expect(page.getByTestId('connect-status')).toContainText('already has a wire');
  await page.mouse.up();
  await expect(page.getByTestId('connect-status')).toHaveCount(0);
  await expect(page.getByTestId('wire-refused')).toContainText('already has a wire');
  await expect(allEdges(page)).toHaveCount(3);
});

test('one-click fixes: turn on Return sequences upstream, insert Flatten; both undo', async ({ app: page }) => {
  await load(page, graphOf('Stacked LSTM', [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [28, 28] } },
    { id: 'lstm_1', kind: 'LSTM', params: { units: 16 } },
    { id: 'lstm_2', kind: 'LSTM', params: { units: 10 } },
    { id: 'output_1', kind: 'Output', params: {} },
  ], { dataset: { representation: 'matrix' } }));
  await expect(page.getByTestId('node-error-lstm_2')).toBeVisible();
  await page.getByTestId('node-error-lstm_2').getByRole('button', { name: 'Turn on Return sequences in lstm_1' }).click();
  await expect(page.getByTestId('node-error-lstm_2')).toHaveCount(0);
  await expect(page.getByTestId('edge-label-e_lstm_1-lstm_2')).toHaveText('[28, 16]');
  await expect(node(page, 'lstm_2')).toHaveAttribute('data-params', String(4 * 10 * (16 + 10 + 1)));
  await clickEmpty(page);
  await page.keyboard.press(`${MOD}+z`);
  await expect(page.getByTestId('node-error-lstm_2')).toBeVisible();

  await load(page, graphOf('Repeat image', [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [28, 28, 1] } },
    { id: 'repeat_1', kind: 'RepeatVector', params: { n: 4 } },
    { id: 'output_1', kind: 'Output', params: {} },
  ], { dataset: { representation: 'image' } }));
  await expect(page.getByTestId('node-error-repeat_1')).toBeVisible();
  await page.getByTestId('node-error-repeat_1').getByRole('button', { name: 'Insert Flatten' }).click();
  await expect(kind(page, 'Flatten')).toHaveCount(1);
  await expect(page.getByTestId('node-error-repeat_1')).toHaveCount(0);
  await expect(page.getByTestId('edge-label-e_input_1-flatten_1')).toHaveText('[28, 28, 1]');
  await expect(page.getByTestId('edge-label-e_flatten_1-repeat_1')).toHaveText('[784]');
  await expect(page.getByTestId('node-shape-repeat_1')).toHaveText('[4, 784]');
  await clickEmpty(page);
  await page.keyboard.press(`${MOD}+z`);
  await expect(kind(page, 'Flatten')).toHaveCount(0);
  await expect(page.getByTestId('node-error-repeat_1')).toBeVisible();
});

test('undo/redo covers parameter edits, connect, delete and paste; copy, paste, duplicate, multi-select', async ({ app: page }) => {
  const g = MLP('Undo');
  g.nodes.push({ id: 'dropout_1', kind: 'Dropout', params: { rate: 0.2 }, position: { x: 520, y: 320 } });
  await load(page, g);
  const dense1 = node(page, 'dense_1');
  await expect(dense1).toHaveAttribute('data-params', String(784 * 32 + 32));

  // Parameter edit in the inspector, then undo and redo it from the canvas.
  await node(page, 'dense_1').click();
  const units = page.getByTestId('param-units');
  await units.fill('64');
  await units.press('Tab');
  await expect(dense1).toHaveAttribute('data-params', String(784 * 64 + 64));
  await clickEmpty(page);
  await page.keyboard.press(`${MOD}+z`);
  await expect(dense1).toHaveAttribute('data-params', String(784 * 32 + 32));
  await page.keyboard.press(`${MOD}+Shift+z`);
  await expect(dense1).toHaveAttribute('data-params', String(784 * 64 + 64));

  // Connect: dense_2 has a free output fan-out; wire it into the loose Dropout.
  await drag(page, await center(node(page, 'dense_2').getByTestId('handle-out-out')), await center(node(page, 'dropout_1').getByTestId('handle-in-in')));
  await expect(allEdges(page)).toHaveCount(4);
  await expect(page.getByTestId('edge-label-e_dense_2-dropout_1')).toHaveText('[10]');
  await page.keyboard.press(`${MOD}+z`);
  await expect(allEdges(page)).toHaveCount(3);
  await page.keyboard.press(`${MOD}+Shift+z`);
  await expect(allEdges(page)).toHaveCount(4);

  // Delete the Dropout (its wire goes with it), undo brings both back.
  await node(page, 'dropout_1').click();
  await page.keyboard.press('Delete');
  await expect(kind(page, 'Dropout')).toHaveCount(0);
  await expect(allEdges(page)).toHaveCount(3);
  await page.keyboard.press(`${MOD}+z`);
  await expect(kind(page, 'Dropout')).toHaveCount(1);
  await expect(allEdges(page)).toHaveCount(4);

  // Ctrl-click selects two; copy and paste brings both with the wire between them.
  await node(page, 'dense_2').click();
  await node(page, 'dropout_1').click({ modifiers: [MOD] });
  await expect(page.locator('.ll-node.selected')).toHaveCount(2);
  await page.keyboard.press(`${MOD}+c`);
  await page.keyboard.press(`${MOD}+v`);
  await expect(kind(page, 'Dense')).toHaveCount(3);
  await expect(kind(page, 'Dropout')).toHaveCount(2);
  await expect(allEdges(page)).toHaveCount(5);
  await expect(page.locator('.ll-node.selected')).toHaveCount(2); // the pasted copies are selected
  await expect(page.getByTestId('edge-label-e_dense_3-dropout_2')).toHaveText('?'); // pasted without an input
  await page.keyboard.press(`${MOD}+z`);
  await expect(kind(page, 'Dense')).toHaveCount(2);
  await expect(allEdges(page)).toHaveCount(4);

  // Duplicate: one keystroke, same result.
  await node(page, 'dense_1').click();
  await page.keyboard.press(`${MOD}+d`);
  await expect(kind(page, 'Dense')).toHaveCount(3);
  await expect(page.getByTestId('node-dense_3')).toHaveClass(/selected/);

  // Shift-drag a box around Input and dense_1 selects exactly those. Pan right first so the box's left
  // edge is on the canvas, not the palette.
  await clickEmpty(page);
  const panFrom = await emptySpot(page, 0.3, 0.9);
  await drag(page, panFrom, { x: panFrom.x + 80, y: panFrom.y });
  const a = (await node(page, 'input_1').boundingBox())!;
  const b = (await node(page, 'dense_1').boundingBox())!;
  await page.keyboard.down('Shift');
  await drag(page, { x: Math.min(a.x, b.x) - 15, y: Math.min(a.y, b.y) - 15 }, { x: b.x + b.width + 8, y: Math.max(a.y + a.height, b.y + b.height) + 8 });
  await page.keyboard.up('Shift');
  await expect(node(page, 'input_1')).toHaveClass(/selected/);
  await expect(node(page, 'dense_1')).toHaveClass(/selected/);
  await expect(node(page, 'output_1')).not.toHaveClass(/selected/);

  // A second tab of the app pastes what this one copied.
  await page.keyboard.press(`${MOD}+c`);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(allNodes(other)).not.toHaveCount(0);
  const before = await kind(other, 'Input').count();
  // Drop the same-origin fallback copy so only the system clipboard can carry the nodes across.
  await other.evaluate(() => localStorage.removeItem('layerlab.clipboard'));
  await other.locator('.react-flow__pane').click({ position: { x: 40, y: 400 } });
  await other.keyboard.press(`${MOD}+v`);
  await expect(kind(other, 'Input')).toHaveCount(before + 1);
  await other.close();
});

test('align, auto-layout, zoom to fit, snap to grid, theme and the shortcut sheet', async ({ app: page }) => {
  const g = MLP('Tidy');
  g.nodes[0].position = { x: 0, y: 300 };
  g.nodes[1].position = { x: 500, y: 0 };
  g.nodes[2].position = { x: 200, y: 420 };
  g.nodes[3].position = { x: 700, y: 180 };
  await load(page, g);

  // Align: select all, align left, then undo; align top.
  await clickEmpty(page);
  await page.keyboard.press(`${MOD}+a`);
  await expect(page.locator('.ll-node.selected')).toHaveCount(4);
  // Node positions are read back from the page until they show the change (a render may still be pending).
  const spread = async (side: 'x' | 'y') => {
    const at = await Promise.all(['input_1', 'dense_1', 'dense_2', 'output_1'].map(async (id) => (await node(page, id).boundingBox())![side]));
    return Math.max(...at) - Math.min(...at);
  };
  await page.getByTestId('btn-align-left').click();
  await expect.poll(() => spread('x')).toBeLessThan(1);
  await page.keyboard.press(`${MOD}+z`);
  await expect.poll(() => spread('x')).toBeGreaterThan(1);
  await page.getByTestId('btn-align-top').click();
  await expect.poll(() => spread('y')).toBeLessThan(1);
  await page.keyboard.press(`${MOD}+z`);
  await expect.poll(() => spread('y')).toBeGreaterThan(1);

  // Auto-layout (L): the chain reads left to right on one line. The layout runs in a web worker and lands a
  // moment after the key press: retry the checks until it has, not a fixed delay.
  await clickEmpty(page);
  await page.keyboard.press('l');
  await expect(async () => {
    const boxes = await Promise.all(['input_1', 'dense_1', 'dense_2', 'output_1'].map(async (id) => (await node(page, id).boundingBox())!));
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i].x).toBeGreaterThan(boxes[i - 1].x + boxes[i - 1].width);
      expect(Math.abs(boxes[i].y + boxes[i].height / 2 - (boxes[0].y + boxes[0].height / 2))).toBeLessThan(2);
    }
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(pane.x);
      expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
    }
  }).toPass({ timeout: 30_000 });
  await waitForFittedView(page); // the layout fits its result into view itself
  // Zoom out around a corner, so the nodes leave the centre; then F (zoom to fit) must bring them back. F is
  // pressed only after the layout has landed: pressed during it, the layout's own fit would come last.
  const corner = await emptySpot(page, 0.05, 0.92);
  await page.mouse.move(corner.x, corner.y);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await offCentre(page)).px, { message: 'the nodes to move off centre after zooming out at a corner' }).toBeGreaterThan(30);
  await clickEmpty(page);
  await page.keyboard.press('f');
  await waitForFittedView(page);

  // Snap to grid: a dragged node lands on a multiple of 20 in flow coordinates.
  await page.getByTestId('btn-snap').click();
  await expect(page.getByTestId('btn-snap')).toHaveAttribute('aria-pressed', 'true');
  const title = node(page, 'dense_1').locator('.ll-node-title');
  const c = await center(title);
  await drag(page, c, { x: c.x + 37, y: c.y + 53 });
  const transform = await page.locator('.react-flow__node[data-id="dense_1"]').evaluate((el) => (el as HTMLElement).style.transform);
  const [, tx, ty] = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(transform)!.map(Number);
  expect(tx % 20).toBe(0);
  expect(ty % 20).toBe(0);

  // Theme: light, kept after a reload.
  await page.getByTestId('btn-theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
  expect(bg).toBe('#f1f5f9');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByTestId('btn-snap')).toHaveAttribute('aria-pressed', 'true');

  // ? opens the shortcut sheet, Escape closes it.
  await clickEmpty(page);
  await page.keyboard.press('Shift+?');
  await expect(page.getByTestId('shortcut-sheet')).toContainText('Duplicate selected layers');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/editor-shots/editor-light.png' });
});

test('files: title and unsaved mark, autosave and restore, recent files, drop to open, close guard', async ({ app }, testInfo) => {
  let page = app;
  await load(page, MLP('Title Test'));
  await expect(page).toHaveTitle('Title Test — LayerLab');
  await node(page, 'dense_1').click();
  await page.keyboard.press(`${MOD}+d`);
  await expect(page).toHaveTitle('• Title Test — LayerLab');
  await expect(allNodes(page)).toHaveCount(5);

  // Autosave writes a recovery file into the host's data folder shortly after the change.
  const session = await page.evaluate(() => localStorage.getItem('layerlab.recoverySession'));
  expect(session).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  const recoveryFile = join(process.env.LAYERLAB_E2E_HOME!, 'recovery', `${session}.json`);
  const onDisk = () => (existsSync(recoveryFile) ? (JSON.parse(readFileSync(recoveryFile, 'utf8')) as { name: string; content: string }) : null);
  await expect.poll(() => onDisk()?.name ?? null, { timeout: 10_000 }).toBe('Title Test');
  expect((JSON.parse(onDisk()!.content) as GraphFile).nodes).toHaveLength(5);

  // A crash: the page goes away without the close guard; the next start finds the copy and offers it back.
  // (In Electron the page cannot be dropped without main's close question; there the step is left out.)
  if (testInfo.project.name === 'web') {
    const context = page.context();
    await page.close({ runBeforeUnload: false });
    page = await context.newPage();
    await page.goto(process.env.LAYERLAB_URL!);
    await expect(page.getByTestId('restore-offer')).toContainText('Title Test');
    await expect(page.getByTestId('file-name')).not.toHaveText('Title Test'); // nothing restored without asking
    await page.getByTestId('restore-accept').click();
    await expect(allNodes(page)).toHaveCount(5);
    await expect(page).toHaveTitle('• Title Test — LayerLab');
  } else {
    console.log(`[${testInfo.project.name}] crash-and-restore step left out: it needs a second page in the same browser context`);
  }

  // Recent files: both opened files are listed and the older one reopens from the list.
  await load(page, MLP('Second'), 'second.layerlab.json');
  await expect.poll(() => existsSync(recoveryFile), { timeout: 10_000 }).toBe(false); // clean again: no copy kept
  await page.getByTestId('btn-recent').click();
  await expect(page.getByTestId('recent-0')).toContainText('second.layerlab.json');
  await expect(page.getByTestId('recent-1')).toContainText('Title Test.layerlab.json');
  await page.getByTestId('recent-1').click();
  await expect(page.getByTestId('file-name')).toHaveText('Title Test');
  await expect(allNodes(page)).toHaveCount(4);

  // Drop a graph file onto the window: it opens. A broken one shows why and changes nothing.
  const drop = async (name: string, text: string) => {
    const dt = await page.evaluateHandle(([n, t]) => {
      const d = new DataTransfer();
      d.items.add(new File([t], n, { type: 'application/json' }));
      return d;
    }, [name, text] as const);
    await page.dispatchEvent('[data-testid="canvas"]', 'drop', { dataTransfer: dt });
  };
  const lstm = graphOf('Dropped', [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [28, 28] } },
    { id: 'lstm_1', kind: 'LSTM', params: { units: 10 } },
    { id: 'output_1', kind: 'Output', params: {} },
  ], { dataset: { representation: 'matrix' } });
  await drop('dropped.layerlab.json', JSON.stringify(lstm));
  await expect(page.getByTestId('file-name')).toHaveText('Dropped');
  await expect(kind(page, 'LSTM')).toHaveCount(1);
  await drop('broken.layerlab.json', JSON.stringify({ ...lstm, nodes: [{ id: 'x', kind: 'Dense', params: { units: -3 }, position: { x: 0, y: 0 } }] }));
  await expect(page.getByTestId('error-dialog')).toBeVisible();
  await expect(page.getByTestId('error-message')).toContainText('units');
  await page.getByTestId('error-ok').click();
  await expect(page.getByTestId('file-name')).toHaveText('Dropped');
  await expect(allNodes(page)).toHaveCount(3);

  // Closing with unsaved changes asks first.
  await node(page, 'lstm_1').click();
  await page.keyboard.press('Delete');
  await expect(page).toHaveTitle('• Dropped — LayerLab');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const d = await dialog;
  expect(d.type()).toBe('beforeunload');
  await d.accept();
});

test('repeat a block N times with dilation 2^i (WaveNet-style), in one undo step', async ({ app: page }) => {
  await load(page, graphOf('Dilated', [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [28, 28] } },
    { id: 'conv_1', kind: 'Conv1D', params: { filters: 8, kernelSize: 2, padding: 'causal' } },
    { id: 'output_1', kind: 'Output', params: {} },
  ], { dataset: { representation: 'matrix' } }));
  await node(page, 'conv_1').click();
  await page.getByTestId('btn-repeat').click();
  await expect(page.getByTestId('repeat-dialog')).toBeVisible();
  await page.getByTestId('repeat-times').fill('4');
  await page.getByTestId('repeat-param').selectOption({ label: 'conv_1 · Dilation' });
  await expect(page.getByTestId('repeat-formula')).toHaveValue('2^i');
  await expect(page.getByTestId('repeat-preview')).toHaveText('Values: 1, 2, 4, 8');
  await page.getByTestId('repeat-formula').fill('2^^i');
  await expect(page.getByTestId('repeat-error')).toContainText('unexpected "^"');
  await expect(page.getByTestId('repeat-apply')).toBeDisabled();
  await page.getByTestId('repeat-formula').fill('2^i');
  await page.getByTestId('repeat-apply').click();

  await expect(kind(page, 'Conv1D')).toHaveCount(4);
  await expect(page.getByTestId('edge-label-e_conv_1-conv1d_1')).toHaveText('[28, 8]');
  await expect(page.getByTestId('edge-label-e_conv1d_3-output_1')).toHaveText('[28, 8]');
  // 2*28*8+8 for the first conv, 2*8*8+8 for each copy.
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', String(2 * 28 * 8 + 8 + 3 * (2 * 8 * 8 + 8)));
  await expect(node(page, 'conv1d_3')).toContainText('dilation 8');
  await page.screenshot({ path: '/tmp/editor-shots/editor-repeat.png' });

  // The block is remembered: collapse shows one block node with a ×4 chip and the wire from it to the Output,
  // still carrying the last copy's shape; every copy still counts.
  const params = String(2 * 28 * 8 + 8 + 3 * (2 * 8 * 8 + 8));
  await page.getByTestId('block-toggle-conv_1').click();
  await expect(kind(page, 'Conv1D')).toHaveCount(0);
  await expect(page.getByTestId('block-node-block_1')).toContainText('4 repeats of 1 layer');
  await expect(page.getByTestId('block-toggle-conv_1')).toHaveText('×4 ▸');
  await expect(page.getByTestId('edge-label-collapsed-block_1-e_conv1d_3-output_1')).toHaveText('[28, 8]');
  await expect(page.getByTestId('total-params')).toHaveAttribute('data-value', params);
  await page.screenshot({ path: '/tmp/editor-shots/editor-collapsed.png' });
  await page.getByTestId('block-toggle-conv_1').click();
  await expect(kind(page, 'Conv1D')).toHaveCount(4);
  await clickEmpty(page);
  await page.keyboard.press(`${MOD}+z`);
  await expect(kind(page, 'Conv1D')).toHaveCount(1);

  // A block fed from nowhere is refused with the reason.
  await load(page, graphOf('Loose', [
    { id: 'input_1', kind: 'Input', params: { feature: 'x', shape: [784] } },
    { id: 'dense_1', kind: 'Dense', params: { units: 8 } },
  ], { wire: [] }));
  await node(page, 'dense_1').click();
  await page.getByTestId('btn-repeat').click();
  await expect(page.getByTestId('repeat-error')).toContainText('one wire coming in');
  await expect(page.getByTestId('repeat-apply')).toBeDisabled();
});

test('export the canvas as SVG and PNG', async ({ app: page }) => {
  await load(page, MLP('Export Me'));
  await page.getByTestId('btn-export').click();
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe('Export Me.svg');
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.match(/class="node"/g)).toHaveLength(4);
  expect(svg.match(/class="edge"/g)).toHaveLength(3);
  expect(svg).toContain('>[32]</text>');
  expect(svg).toContain('>[10]</text>');
  expect(svg).toContain('25.1K params');

  await page.getByTestId('btn-export').click();
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toBe('Export Me.png');
  const png = readFileSync((await pngFile.path())!);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const w = Number(/width="(\d+)"/.exec(svg)![1]);
  const h = Number(/height="(\d+)"/.exec(svg)![1]);
  expect(width).toBe(w * 2);
  expect(height).toBe(h * 2);
  expect(png.length).toBeGreaterThan(2000); // drawn, not blank
});
