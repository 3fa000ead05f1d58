// The two browser rows: web host start to interactive (spawn `tsx src-main/web/serve.ts --port 0`, open the
// printed URL in Debian's Chromium, wait for the canvas and the backend badge), and canvas frame times while
// panning a 300-node graph opened through the page's hidden file input.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { gpt3ExpandedGraph, syntheticGraph } from './graphs';
import { getTemplate } from '../shared/templates';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphFile } from '../shared/graph/types';
import { median, percentile } from './results';

const ROOT = path.resolve(__dirname, '..');
const WEB_INDEX = path.join(ROOT, 'out/renderer-web/index.html');
export const CHROMIUM = process.env.LAYERLAB_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const VIEWPORT = { width: 1400, height: 900 };
/** The canvas is up and the page has talked to the host (the badge shows the backend it reported). */
const INTERACTIVE = '.react-flow__renderer';
const CONNECTED = '[data-testid="backend-badge"]';

export interface StartResult {
  runs: number;
  /** Spawn to the URL being printed. */
  hostReadyMs: number;
  /** page.goto to canvas + backend badge shown. */
  pageMs: number;
  totalMs: number;
}

export interface FrameResult {
  nodes: number;
  renderedNodes: number;
  durationMs: number;
  frames: number;
  fps: number;
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  drags: number;
}

/** Why the browser rows cannot run here, or null. Builds the web renderer when it is missing. */
export function browserBlocker(log: (line: string) => void): string | null {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set LAYERLAB_CHROMIUM)`;
  if (!fs.existsSync(WEB_INDEX)) {
    log('browser: out/renderer-web is missing, running npm run build:web ...');
    const build = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0 || !fs.existsSync(WEB_INDEX)) {
      const tail = `${build.stderr ?? ''}${build.stdout ?? ''}`.trim().split('\n').slice(-3).join(' / ');
      return `the web renderer is not built and npm run build:web failed (${build.error?.message ?? tail})`;
    }
  }
  return null;
}

interface Host {
  child: ChildProcess;
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns the web host on a free port with a throwaway LAYERLAB_HOME and waits for its URL line. */
async function startHost(home: string): Promise<Host> {
  const t0 = performance.now();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['src-main/web/serve.ts', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, LAYERLAB_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no URL within 60 s: ${output.slice(-300)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with code ${code} before printing its URL: ${output.slice(-300)}`));
    });
  });
  const readyMs = performance.now() - t0;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, url, readyMs, stop };
}

export async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.warn(`[page error] ${err.message}`));
  return page;
}

export async function timeToInteractive(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url);
  await page.waitForSelector(INTERACTIVE, { state: 'visible', timeout: 60_000 });
  await page.waitForSelector(CONNECTED, { state: 'visible', timeout: 60_000 });
  return performance.now() - t0;
}

/** A point in the middle of the canvas where the empty pane (not a node, edge or overlay) takes the mouse. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    for (let fy = 0.3; fy <= 0.7; fy += 0.02) {
      for (let fx = 0.3; fx <= 0.7; fx += 0.02) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
}

async function viewportTransform(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '');
}

/** Records requestAnimationFrame timestamps in window.__frames until window.__recording is false. */
const FRAME_RECORDER = `(() => {
  window.__frames = [];
  window.__recording = true;
  const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

/**
 * Opens a generated graph through the hidden file input and pans it with mouse drags (or zooms it with the
 * wheel, in and out around the same point) while counting frames.
 */
export async function gestureFrames(page: Page, nodes: number, durationMs: number, gesture: 'pan' | 'zoom'): Promise<FrameResult> {
  const graph = syntheticGraph(nodes);
  await page.setInputFiles('[data-testid="file-input"]', {
    name: 'bench.layerlab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(graph)),
  });
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, nodes, { timeout: 60_000 });
  await page.waitForTimeout(1000); // fitView runs 50 ms after a new document; let layout settle
  const renderedNodes = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);

  // A string, not a function: tsx's esbuild would wrap named inner functions in a __name helper the page lacks.
  await page.evaluate(FRAME_RECORDER);
  const directions = [[1, 0], [0, 1], [-1, 0], [0, -1]];
  const step = 12;
  const stepsPerDrag = 25;
  const start = performance.now();
  let drags = 0;
  let panned = false;
  while (performance.now() - start < durationMs) {
    const p = await emptyPanePoint(page);
    if (!p) throw new Error('no empty spot on the canvas to drag from');
    const before = drags === 0 ? await viewportTransform(page) : '';
    const [dx, dy] = directions[drags % directions.length];
    await page.mouse.move(p.x, p.y);
    if (gesture === 'zoom') {
      // Zoom in then out by the same steps, so the view ends where it began and the next round has room.
      const sign = drags % 2 === 0 ? -1 : 1;
      for (let i = 1; i <= stepsPerDrag; i++) await page.mouse.wheel(0, sign * 40);
    } else {
      await page.mouse.down();
      for (let i = 1; i <= stepsPerDrag; i++) await page.mouse.move(p.x + dx * step * i, p.y + dy * step * i);
      await page.mouse.up();
    }
    if (drags === 0) panned = (await viewportTransform(page)) !== before;
    drags++;
  }
  const elapsed = performance.now() - start;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  if (!panned) throw new Error(gesture === 'zoom' ? 'the mouse wheel over the canvas did not zoom the view' : 'dragging the empty canvas did not move the view (pan is off or the drag hit something else)');
  const deltas = frames.slice(1).map((t, i) => t - frames[i]);
  if (deltas.length < 10) throw new Error(`only ${frames.length} animation frames in ${elapsed.toFixed(0)} ms`);
  const span = frames[frames.length - 1] - frames[0];
  return {
    nodes,
    renderedNodes,
    durationMs: elapsed,
    frames: deltas.length,
    fps: (deltas.length * 1000) / span,
    p50FrameMs: median(deltas),
    p95FrameMs: percentile(deltas, 95),
    maxFrameMs: Math.max(...deltas),
    drags,
  };
}

export interface ParamChangeResult {
  nodes: number;
  /** Edge labels that had to change on each edit (every wire downstream of the edited Dense). */
  labels: number;
  runs: number;
  /** Dispatching the input event to the first animation frame where every such label shows the new shape. */
  medianMs: number;
  maxMs: number;
  /** Animation frames from the edit until all labels were updated, worst run (1 = the next frame). */
  maxFrames: number;
}

/**
 * A straight chain of `n` nodes whose shape flows through every layer: Input [784] -> Dense(64) -> n-4
 * shape-keeping layers (Dropout, Activation, LayerNormalization) -> Dense(10) -> Output. Changing the first
 * Dense's units changes the label of every wire after it.
 */
export function shapeChainGraph(n: number): GraphFile {
  const base = syntheticGraph(Math.max(n, 4));
  const kinds = [
    ['Dropout', { rate: 0.1 }],
    ['Activation', { activation: 'relu' }],
    ['LayerNormalization', {}],
  ] as const;
  const nodes: GraphFile['nodes'] = [];
  const at = (i: number) => ({ x: (i % 20) * 240, y: Math.floor(i / 20) * 140 });
  nodes.push({ id: 'n0', kind: 'Input', params: { feature: 'x', shape: [784] }, position: at(0) });
  nodes.push({ id: 'n1', kind: 'Dense', params: { units: 64, activation: 'relu' }, position: at(1) });
  for (let i = 2; i < n - 2; i++) {
    const [kind, params] = kinds[i % kinds.length];
    nodes.push({ id: `n${i}`, kind, params: { ...params }, position: at(i) });
  }
  nodes.push({ id: `n${n - 2}`, kind: 'Dense', params: { units: 10, activation: 'softmax' }, position: at(n - 2) });
  nodes.push({ id: `n${n - 1}`, kind: 'Output', params: { target: 'y' }, position: at(n - 1) });
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i].id, sourceHandle: 'out', target: node.id, targetHandle: 'in' }));
  return { ...base, format: GRAPH_FORMAT, version: GRAPH_VERSION, name: `Benchmark chain (${n} nodes)`, nodes, edges };
}

/**
 * In the page: types a new value into the inspector's units field, commits it with Enter and counts animation frames until every
 * edge label that showed the old shape shows the new one. A string, for the same reason as FRAME_RECORDER.
 */
const PARAM_EDIT = `(async ([from, to]) => {
  const input = document.querySelector('[data-testid="param-units"]');
  if (!input) throw new Error('no units field in the inspector');
  // The wires' labels on the canvas only: the layout's off-screen measuring copy (.ll-edge-label-probe) has the
  // same class and keeps the text it measured last, often the old shape.
  const labels = () => Array.from(document.querySelectorAll('.react-flow__edgelabel-renderer [data-testid^="edge-label-"]'));
  const oldText = '[' + from + ']';
  const newText = '[' + to + ']';
  const expected = labels().filter((l) => l.textContent === oldText).length;
  if (expected === 0) throw new Error('no edge label shows ' + oldText + ' before the edit');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  return await new Promise((resolve, reject) => {
    let frames = 0;
    const t0 = performance.now();
    const check = () => {
      frames++;
      const ls = labels();
      const done = ls.filter((l) => l.textContent === newText).length >= expected && !ls.some((l) => l.textContent === oldText);
      if (done) resolve({ ms: performance.now() - t0, frames, labels: expected });
      else if (frames > 600) {
        const count = (t) => ls.filter((l) => l.textContent === t).length;
        reject(new Error('edge labels not updated after 600 frames: ' + count(oldText) + ' show ' + oldText + ', ' + count(newText) + ' show ' + newText + ' (' + expected + ' expected); the field ' + (input.isConnected ? 'shows "' + input.value + '"' : 'was removed') + ', selected: ' + Array.from(document.querySelectorAll('.react-flow__node.selected [data-testid^="node-"]')).map((n) => n.getAttribute('data-testid')).join(',')));
      }
      else requestAnimationFrame(check);
    };
    setValue.call(input, String(to));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Inspector fields apply on Enter (or blur), as a user commits a value.
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }));
    requestAnimationFrame(check);
  });
})`;

/**
 * Opens a shape chain and times `runs` edits of a Dense layer's units through the inspector: first the last
 * Dense (one wire after it changes: the everyday edit), then the first one (every wire after it changes:
 * the worst case).
 */
export async function paramChange(page: Page, nodes: number, runs: number): Promise<{ last: ParamChangeResult; first: ParamChangeResult }> {
  await page.setInputFiles('[data-testid="file-input"]', {
    name: 'chain.layerlab.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(shapeChainGraph(nodes))),
  });
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, nodes, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const editNode = async (nodeId: string, startUnits: number): Promise<ParamChangeResult> => {
    // The node may sit outside the fitted view; a DOM click still reaches React Flow's click handler.
    await page.evaluate((id) => (document.querySelector(`[data-testid="node-${id}"]`)?.closest('.react-flow__node') as HTMLElement | null)?.click(), nodeId);
    await page.waitForFunction((id) => document.querySelector('.react-flow__node.selected [data-testid="node-' + id + '"]') !== null, nodeId, { timeout: 10_000 });
    await page.waitForSelector('[data-testid="param-units"]', { timeout: 10_000 });
    const times: number[] = [];
    let maxFrames = 0;
    let labels = 0;
    let units = startUnits;
    for (let i = 0; i < runs; i++) {
      const next = units + 1;
      const r = (await page.evaluate(`${PARAM_EDIT}([${units}, ${next}])`)) as { ms: number; frames: number; labels: number };
      times.push(r.ms);
      maxFrames = Math.max(maxFrames, r.frames);
      labels = r.labels;
      units = next;
      await page.waitForTimeout(200);
    }
    return { nodes, labels, runs, medianMs: median(times), maxMs: Math.max(...times), maxFrames };
  };
  const last = await editNode(`n${nodes - 2}`, 10);
  const first = await editNode('n1', 64);
  return { last, first };
}

export interface LayoutTimeResult {
  graph: string;
  nodes: number;
  /** Nodes the layout placed: fewer than `nodes` when the app drew blocks collapsed. */
  laidOut: number;
  runs: number;
  /** The app's own layout time (its 'layerlab-layout' performance measure: ELK in the worker, all tries). */
  medianMs: number;
  maxMs: number;
  /** Opening the file to the laid-out view shown (reading, inference, drawing, measuring, layout, view). */
  openMedianMs: number;
  arrangement: string;
}

/** The graphs whose layout is timed: nodes without positions, so the app lays them out as they open. */
export function layoutBenchGraphs(): { key: string; name: string; graph: GraphFile }[] {
  const unplaced = (g: GraphFile): GraphFile => ({ ...g, nodes: g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) });
  return [
    { key: 'layout.snail', name: 'Layout on open, SNAIL template', graph: unplaced(getTemplate('snail-fewshot')!.graph) },
    { key: 'layout.300', name: 'Layout on open, 300 nodes', graph: unplaced(syntheticGraph(300)) },
    { key: 'layout.gpt3', name: 'Layout on open, GPT-3 blocks expanded', graph: gpt3ExpandedGraph() },
  ];
}

/**
 * The first layout a user meets: the 300-node graph opened once in a page that has just started (the layout
 * code still cold: not JIT-compiled yet), one fresh page per start run.
 */
export function coldLayoutBench(): { key: string; name: string; graph: GraphFile } {
  const g = layoutBenchGraphs().find((x) => x.key === 'layout.300')!;
  return { key: 'layout.300.cold', name: 'First layout after page start, 300 nodes', graph: g.graph };
}

/** One row from several single-open results (each from its own fresh page). */
function mergeLayoutTimes(all: LayoutTimeResult[]): LayoutTimeResult {
  const ms = all.map((r) => r.medianMs);
  return { ...all[0], runs: all.length, medianMs: median(ms), maxMs: Math.max(...ms), openMedianMs: median(all.map((r) => r.openMedianMs)) };
}

/**
 * Opens `graph` through the file input `runs` times and reads how long the app's layout took each time
 * (from its performance measure) and how long until the canvas showed the laid-out graph.
 */
export async function layoutTime(page: Page, name: string, graph: GraphFile, runs: number): Promise<LayoutTimeResult> {
  const layouts: number[] = [];
  const opens: number[] = [];
  let arrangement = '';
  let laidOut = 0;
  for (let i = 0; i < runs; i++) {
    const doc = Number(await page.getAttribute('[data-testid="canvas"]', 'data-doc'));
    await page.evaluate(() => performance.clearMeasures('layerlab-layout'));
    const t0 = performance.now();
    await page.setInputFiles('[data-testid="file-input"]', { name: `layout-${i}.layerlab.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    await page.waitForFunction((d) => {
      const c = document.querySelector('[data-testid="canvas"]');
      return c !== null && Number(c.getAttribute('data-doc')) > d && c.getAttribute('data-view') === 'ready';
    }, doc, { timeout: 120_000 });
    opens.push(performance.now() - t0);
    const m = (await page.evaluate(() => performance.getEntriesByName('layerlab-layout').map((e) => ({ ms: e.duration, detail: (e as PerformanceMeasure).detail as { nodes: number; arrangement: string } })))).pop();
    if (!m) throw new Error(`${name}: the app did not lay the graph out (no layerlab-layout measure)`);
    // What is laid out is what is drawn: every node, or with blocks collapsed (SNAIL: 44 layers, 10 nodes).
    const drawn = await page.evaluate(() => [...document.querySelectorAll('.react-flow__node')].filter((n) => (n as HTMLElement).offsetWidth > 0).length);
    if (m.detail.nodes !== drawn) throw new Error(`${name}: laid out ${m.detail.nodes} nodes, but ${drawn} are drawn`);
    laidOut = m.detail.nodes;
    layouts.push(m.ms);
    arrangement = m.detail.arrangement;
  }
  return { graph: name, nodes: graph.nodes.length, laidOut, runs, medianMs: median(layouts), maxMs: Math.max(...layouts), openMedianMs: median(opens), arrangement };
}

export interface BrowserBenchResult {
  start: StartResult | Error;
  frames: FrameResult | Error;
  zoom?: FrameResult | Error;
  paramChange?: { last: ParamChangeResult; first: ParamChangeResult } | Error;
  layout?: Record<string, LayoutTimeResult | Error>;
}

/** Runs start-to-interactive `runs` times (median), then the pan benchmark in the last page. */
export async function benchBrowser(opts: { runs: number; nodes: number; panMs: number }, log: (line: string) => void): Promise<BrowserBenchResult> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-home-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const ready: number[] = [];
  const pages: number[] = [];
  const cold = coldLayoutBench();
  const coldOpens: LayoutTimeResult[] = [];
  let coldError: Error | null = null;
  let host: Host | null = null;
  let page: Page | null = null;
  try {
    let start: StartResult | Error;
    try {
      for (let i = 0; i < opts.runs; i++) {
        if (host) await host.stop();
        if (page) await page.context().close();
        log(`browser: web host start ${i + 1}/${opts.runs} ...`);
        page = await openPage(browser);
        host = await startHost(home);
        ready.push(host.readyMs);
        pages.push(await timeToInteractive(page, host.url));
        try {
          log(`browser: ${cold.name.toLowerCase()} ...`);
          coldOpens.push(await layoutTime(page, cold.name, cold.graph, 1));
        } catch (err) {
          coldError = err instanceof Error ? err : new Error(String(err));
        }
      }
      const hostReadyMs = median(ready);
      const pageMs = median(pages);
      start = { runs: opts.runs, hostReadyMs, pageMs, totalMs: median(ready.map((r, i) => r + pages[i])) };
    } catch (err) {
      start = err instanceof Error ? err : new Error(String(err));
    }
    let frames: FrameResult | Error;
    if (start instanceof Error || !page) {
      frames = new Error(`the page did not come up (${start instanceof Error ? start.message : 'no page'})`);
    } else {
      try {
        log(`browser: panning ${opts.nodes} nodes for ${opts.panMs / 1000} s ...`);
        frames = await gestureFrames(page, opts.nodes, opts.panMs, 'pan');
      } catch (err) {
        frames = err instanceof Error ? err : new Error(String(err));
      }
    }
    let zoom: FrameResult | Error;
    if (start instanceof Error || !page) zoom = new Error('the page did not come up');
    else {
      try {
        log(`browser: zooming ${opts.nodes} nodes for ${opts.panMs / 1000} s ...`);
        zoom = await gestureFrames(page, opts.nodes, opts.panMs, 'zoom');
      } catch (err) {
        zoom = err instanceof Error ? err : new Error(String(err));
      }
    }
    let change: { last: ParamChangeResult; first: ParamChangeResult } | Error;
    if (start instanceof Error || !page) change = new Error('the page did not come up');
    else {
      try {
        log(`browser: editing a parameter in a ${opts.nodes}-node chain ...`);
        change = await paramChange(page, opts.nodes, 7);
      } catch (err) {
        change = err instanceof Error ? err : new Error(String(err));
      }
    }
    const layout: Record<string, LayoutTimeResult | Error> = {};
    layout[cold.key] = coldError ?? (coldOpens.length ? mergeLayoutTimes(coldOpens) : new Error('the page did not come up'));
    for (const g of layoutBenchGraphs()) {
      if (start instanceof Error || !page) {
        layout[g.key] = new Error('the page did not come up');
        continue;
      }
      try {
        log(`browser: ${g.name.toLowerCase()} (${g.graph.nodes.length} nodes) ...`);
        // The first open warms the layout worker up (its script is parsed then); the runs after it are timed.
        await layoutTime(page, g.name, g.graph, 1);
        layout[g.key] = await layoutTime(page, g.name, g.graph, opts.runs);
      } catch (err) {
        layout[g.key] = err instanceof Error ? err : new Error(String(err));
      }
    }
    return { start, frames, zoom, paramChange: change, layout };
  } finally {
    await browser.close();
    if (host) await host.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
