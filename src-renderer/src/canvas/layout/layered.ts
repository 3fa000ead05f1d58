// A small layered (Sugiyama-style) layout for large graphs, where ELK is too slow on first use: its
// compiled-Java code needs seconds of JIT warm-up before a 300-node layout takes its warm ~0.5 s, while this
// takes a few milliseconds cold. Same picture rules as the ELK path (engine.ts): layers flow left to right,
// every node keeps the label strip right of it, and the chain of layers wraps into rows that fit the view at
// the largest zoom; wires that run from one row to the next get a lane in the gap between the rows.
// Steps: longest-path layering, barycenter ordering sweeps, handle-aligned coordinates (each layer placed as
// close to its wires' sources as the node order allows), then cutting the layers into rows where few wires
// cross. Pure and synchronous. Returns null for a graph with a cycle (ELK handles those).
import { LABEL_GAP, fitZoom, type LayoutRequest, type LayoutResult, type Point } from './engine';

/**
 * Graphs with more nodes than this are laid out here, on the page (a few ms), instead of by ELK in its
 * worker: the first ELK layout after start runs cold (seconds for 300 nodes) and even warm it takes about
 * 0.5 s there. The templates (at most 44 nodes) stay with ELK.
 */
export const LAYERED_ABOVE_NODES = 150;

const NODE_SPACING = 20;
const LAYER_SPACING = 24;
/** Room above and below the lanes between two rows, and between two lanes (ELK's edge spacings). */
const ROW_GAP = 20;
const LANE_SPACING = 6;
/** How far a wire runs out of a handle before turning (wirePaths.ts). */
const WIRE_LEAD = 12;
const ORDER_SWEEPS = 3;
/** Rows are tried up to this many; more rows than layers make no sense. */
const MAX_ROWS = 60;

interface Wire {
  id: string;
  from: number;
  to: number;
  /** Handle centres from the top of their nodes. */
  fromY: number;
  toY: number;
}

/** Node indices in topological order (ties in file order), or null when the wires form a cycle. */
function topoOrder(count: number, succ: number[][], indegree: number[]): number[] | null {
  const left = indegree.slice();
  const order: number[] = [];
  // Sources in file order; each node joins as soon as its last input is placed.
  const queue: number[] = [];
  for (let i = 0; i < count; i++) if (left[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    order.push(v);
    for (const w of succ[v]) if (--left[w] === 0) queue.push(w);
  }
  return order.length === count ? order : null;
}

/** Layer of every node: longest path from a source; a source sits just before the first layer it feeds. */
function assignLayers(order: number[], preds: number[][], succ: number[][]): number[] {
  const layer = new Array<number>(order.length).fill(0);
  for (const v of order) for (const u of preds[v]) layer[v] = Math.max(layer[v], layer[u] + 1);
  for (const v of order) {
    if (preds[v].length === 0 && succ[v].length > 0) layer[v] = Math.max(0, Math.min(...succ[v].map((w) => layer[w])) - 1);
  }
  return layer;
}

/** Orders the nodes in each layer: file order first, then sweeps that move each node to its neighbours' mean place. */
function orderLayers(layers: number[][], preds: number[][], succ: number[][]): void {
  const rank = new Float64Array(preds.length);
  const setRanks = (l: number[]) => l.forEach((v, i) => (rank[v] = (i + 0.5) / l.length));
  layers.forEach(setRanks);
  const sweep = (indices: number[], neighbours: number[][]) => {
    for (const li of indices) {
      const l = layers[li];
      const key = new Map<number, number>();
      for (const v of l) {
        const ns = neighbours[v];
        key.set(v, ns.length ? ns.reduce((s, u) => s + rank[u], 0) / ns.length : rank[v]);
      }
      // Stable: equal keys keep their order (the file's, the first input on top).
      l.sort((a, b) => key.get(a)! - key.get(b)!);
      setRanks(l);
    }
  };
  const down = layers.map((_, i) => i);
  const up = down.slice().reverse();
  for (let s = 0; s < ORDER_SWEEPS; s++) sweep(s % 2 === 0 ? down : up, s % 2 === 0 ? preds : succ);
}

/**
 * Places the nodes of one layer (in their order) at their wanted tops where there is room, else just below
 * the node above: the upper branch (the first input) runs straight, later ones move down.
 */
function placeLayer(nodes: number[], wanted: number[], height: (v: number) => number): number[] {
  const tops: number[] = [];
  let free = -Infinity;
  nodes.forEach((v, i) => {
    const y = Math.max(wanted[i], free);
    tops.push(y);
    free = y + height(v) + NODE_SPACING;
  });
  return tops;
}

/** Cuts layers 0..n-1 into at most `rows` runs of about equal width, preferring cuts few wires cross. */
function cutRows(widths: number[], crossing: number[], rows: number): number[] {
  const total = widths.reduce((s, w) => s + w + LAYER_SPACING, 0);
  const target = total / rows;
  const starts = [0];
  let start = 0;
  while (start < widths.length && starts.length < rows) {
    let width = 0;
    let best = -1;
    let bestCost = Infinity;
    for (let e = start; e < widths.length - 1; e++) {
      width += widths[e] + LAYER_SPACING;
      if (width > target * 1.15 && best >= 0) break;
      // Cuts in the last part of the row compete on how many wires cross them; later wins ties.
      if (width >= target * 0.8 && crossing[e] <= bestCost) {
        bestCost = crossing[e];
        best = e;
      }
    }
    if (best < 0) break;
    start = best + 1;
    starts.push(start);
  }
  return starts;
}

/** Lays out a graph without cycles in wrapped layered rows; null when it has a cycle. */
export function layeredLayout(req: LayoutRequest): LayoutResult | null {
  const n = req.nodes.length;
  if (n === 0) return { positions: {}, width: 0, height: 0, routes: {}, zoom: req.maxZoom, arrangement: 'empty' };
  const index = new Map(req.nodes.map((node, i) => [node.id, i]));
  const boxWidth = req.nodes.map((node) => node.width + (node.labelWidth > 0 ? node.labelWidth + 2 * LABEL_GAP : 0));
  const portY = (v: number, side: 'inputs' | 'outputs', handle: string) => {
    const ports = req.nodes[v][side];
    return (ports.find((p) => p.id === handle) ?? ports[0])?.y ?? req.nodes[v].height / 2;
  };
  const wires: Wire[] = [];
  const preds: number[][] = req.nodes.map(() => []);
  const succ: number[][] = req.nodes.map(() => []);
  const indegree = new Array<number>(n).fill(0);
  for (const e of req.edges) {
    const from = index.get(e.source);
    const to = index.get(e.target);
    if (from === undefined || to === undefined || from === to) continue;
    wires.push({ id: e.id, from, to, fromY: portY(from, 'outputs', e.sourceHandle), toY: portY(to, 'inputs', e.targetHandle) });
    preds[to].push(from);
    succ[from].push(to);
    indegree[to]++;
  }
  const order = topoOrder(n, succ, indegree);
  if (!order) return null;
  const layerOf = assignLayers(order, preds, succ);
  const layerCount = Math.max(...layerOf) + 1;
  // A wire that skips layers runs through a chain of points (dummies, no size) in the layers between, which
  // get a place in each layer's order like nodes. Dummies come first in their layer, so a skip wire (a
  // residual) runs straight and the branch it skips moves aside: the drawn curve, straight between its
  // ends, then crosses no node.
  const segments: Wire[] = [];
  let count = n;
  for (const w of wires) {
    const span = layerOf[w.to] - layerOf[w.from];
    if (span <= 1) {
      segments.push(w);
      continue;
    }
    const chain: number[] = [];
    for (let k = 1; k < span; k++) {
      chain.push(count);
      layerOf[count++] = layerOf[w.from] + k;
    }
    const points = [w.from, ...chain, w.to];
    for (let k = 1; k < points.length; k++) {
      segments.push({ id: w.id, from: points[k - 1], to: points[k], fromY: k === 1 ? w.fromY : 0, toY: k === points.length - 1 ? w.toY : 0 });
    }
  }
  const height = (v: number) => (v < n ? req.nodes[v].height : 0);
  const segPreds: number[][] = Array.from({ length: count }, () => []);
  const segSucc: number[][] = Array.from({ length: count }, () => []);
  const inWires: Wire[][] = Array.from({ length: count }, () => []);
  for (const w of segments) {
    segPreds[w.to].push(w.from);
    segSucc[w.from].push(w.to);
    inWires[w.to].push(w);
  }
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let v = n; v < count; v++) layers[layerOf[v]].push(v);
  for (let v = 0; v < n; v++) layers[layerOf[v]].push(v);
  orderLayers(layers, segPreds, segSucc);

  // Tops: each node where its wires from earlier layers come in straight (the median of their handles).
  const top = new Float64Array(count);
  for (const l of layers) {
    const wanted = l.map((v) => {
      const ys = inWires[v].map((w) => top[w.from] + w.fromY - w.toY).sort((a, b) => a - b);
      return ys.length ? ys[(ys.length - 1) >> 1] : NaN;
    });
    // A node with no inputs lines up with its neighbour above (or starts at 0).
    for (let i = 0; i < l.length; i++) if (Number.isNaN(wanted[i])) wanted[i] = i > 0 ? wanted[i - 1] + height(l[i - 1]) + NODE_SPACING : 0;
    placeLayer(l, wanted, height).forEach((y, i) => (top[l[i]] = y));
  }

  const layerWidth = layers.map((l) => Math.max(0, ...l.map((v) => (v < n ? boxWidth[v] : 0))));
  // crossing[e]: wires that a cut after layer e would send to the next row.
  const diff = new Array<number>(layerCount + 1).fill(0);
  for (const w of wires) {
    diff[layerOf[w.from]]++;
    diff[layerOf[w.to]]--;
  }
  const crossing: number[] = [];
  for (let e = 0, run = 0; e < layerCount; e++) crossing.push((run += diff[e]));

  let best: { result: LayoutResult; rows: number } | null = null;
  const tried = new Set<string>();
  for (let rows = 1; rows <= Math.min(layerCount, MAX_ROWS); rows++) {
    const starts = cutRows(layerWidth, crossing, rows);
    const key = starts.join(',');
    if (tried.has(key)) continue;
    tried.add(key);
    const result = arrangeRows(req, starts, layers, layerWidth, layerOf, top, wires, count);
    // The largest zoom wins; fewer rows among (nearly) equals.
    if (!best || result.zoom > best.result.zoom * 1.01) best = { result, rows: starts.length };
  }
  return best!.result;
}

/** Positions for the layers cut into rows at `starts`, the rows stacked with lanes for the wires between them. */
function arrangeRows(req: LayoutRequest, starts: number[], layers: number[][], layerWidth: number[], layerOf: number[], top: Float64Array, wires: Wire[], count: number): LayoutResult {
  const rowOfLayer = new Array<number>(layers.length);
  const layerX = new Array<number>(layers.length);
  let width = 0;
  starts.forEach((s, r) => {
    const end = r + 1 < starts.length ? starts[r + 1] : layers.length;
    let x = 0;
    for (let l = s; l < end; l++) {
      rowOfLayer[l] = r;
      layerX[l] = x;
      x += layerWidth[l] + LAYER_SPACING;
    }
    width = Math.max(width, x - LAYER_SPACING);
  });
  const rows = starts.length;
  const rowTop = new Array<number>(rows).fill(Infinity);
  const rowBottom = new Array<number>(rows).fill(-Infinity);
  // Nodes and the skip wires' points (count includes them): a wire runs inside its row too.
  for (let v = 0; v < count; v++) {
    const r = rowOfLayer[layerOf[v]];
    rowTop[r] = Math.min(rowTop[r], top[v]);
    rowBottom[r] = Math.max(rowBottom[r], top[v] + (v < req.nodes.length ? req.nodes[v].height : 0));
  }
  // Wires into a later row each get a lane in the gap below their source's row.
  const lanes: Wire[][] = Array.from({ length: rows }, () => []);
  for (const w of wires) {
    const r = rowOfLayer[layerOf[w.from]];
    if (rowOfLayer[layerOf[w.to]] > r) lanes[r].push(w);
  }
  const rowY = new Array<number>(rows);
  let y = 0;
  for (let r = 0; r < rows; r++) {
    rowY[r] = y;
    y += rowBottom[r] - rowTop[r];
    if (r + 1 < rows) y += lanes[r].length ? 2 * ROW_GAP + (lanes[r].length - 1) * LANE_SPACING : ROW_GAP;
  }
  const height = y;
  const positions: Record<string, Point> = {};
  const at = (v: number): Point => {
    const r = rowOfLayer[layerOf[v]];
    return { x: layerX[layerOf[v]], y: Math.round(top[v] - rowTop[r] + rowY[r]) };
  };
  req.nodes.forEach((node, v) => (positions[node.id] = at(v)));
  const routes: Record<string, Point[]> = {};
  lanes.forEach((ws, r) => {
    const gapTop = rowY[r] + rowBottom[r] - rowTop[r];
    // Lanes in the order the wires leave, so they do not cross each other on the way down.
    ws.sort((a, b) => positions[req.nodes[a.from].id].x - positions[req.nodes[b.from].id].x);
    ws.forEach((w, i) => {
      const laneY = gapTop + ROW_GAP + i * LANE_SPACING;
      const s = positions[req.nodes[w.from].id];
      const t = positions[req.nodes[w.to].id];
      const sx = s.x + req.nodes[w.from].width + WIRE_LEAD;
      const tx = t.x - WIRE_LEAD;
      routes[w.id] = [
        { x: sx, y: s.y + w.fromY },
        { x: sx, y: laneY },
        { x: tx, y: laneY },
        { x: tx, y: t.y + w.toY },
      ];
    });
  });
  const size = { width: Math.round(width), height: Math.round(height) };
  return { positions, ...size, routes, zoom: fitZoom(size, req), arrangement: `layered in ${rows} row${rows === 1 ? '' : 's'}` };
}
