// The layered layout of a graph with ELK (elkjs, Eclipse Layout Kernel): layers flow left to right, and a
// long graph wraps into rows ("chunks", ELK's graph wrapping) so it reads at a useful zoom in a wide
// canvas. Every node is measured first (its box as drawn) and its wire labels get real room: a node's
// layout box is the node plus a strip on its right where the shapes of its outputs are written
// (ShapeEdge draws each label right of its output handle). Pure: it takes any ELK instance, so the app
// runs it in a web worker and the tests in Node.
import type { ELK, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';

export interface LayoutPort {
  id: string;
  /** Centre of the handle, from the top of the node. */
  y: number;
}

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  inputs: LayoutPort[];
  outputs: LayoutPort[];
  /** Width of the widest label written right of this node's output handles (0 for none). */
  labelWidth: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export interface LayoutRequest {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** The screen area the graph should fit (px), for choosing how to wrap. */
  view: { width: number; height: number };
  /** Zoom at which text is still readable (node titles at 11 px); wrapping aims to stay at or above it. */
  readableZoom: number;
  /** The largest zoom the view opens at; layouts that fit at it are equally good. */
  maxZoom: number;
}

export type Point = { x: number; y: number };

export interface LayoutResult {
  /** Top-left corner of every node, the drawing starting at (0, 0). */
  positions: Record<string, Point>;
  width: number;
  height: number;
  /**
   * The bend points of wires that run backwards (from the end of one row to the start of the next), in the
   * same coordinates, so they can be drawn around the rows instead of across them.
   */
  routes: Record<string, Point[]>;
  /** The zoom at which the whole drawing fits the view (capped at maxZoom). */
  zoom: number;
  /** Which arrangement was chosen, for tests and the benchmark. */
  arrangement: string;
}

/** Space between a node's right edge and its wire label, and after the label before the next layer. */
export const LABEL_GAP = 4;
const NODE_SPACING = 20;
const LAYER_SPACING = 24;
/** Above this many nodes one arrangement is laid out, with fewer crossing-minimisation passes. */
const LARGE_GRAPH = 150;
/** A graph that fits in one row at this zoom or more stays one row: a short chain reads best straight. */
const ONE_ROW_ZOOM = 0.8;
/** Aspect ratios tried for wrapping, as factors of the view's (ELK's rows come out wider than asked). */
const WRAP_FACTORS = [1.5, 1, 0.7, 0.45];

function baseOptions(large: boolean): LayoutOptions {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': String(NODE_SPACING),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_SPACING),
    'elk.spacing.edgeNode': '10',
    'elk.layered.spacing.edgeNodeBetweenLayers': '10',
    'elk.spacing.edgeEdge': '6',
    'elk.spacing.componentComponent': String(LAYER_SPACING),
    // Keep the file's order where the algorithm has a free choice: the first input stays on top.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.thoroughness': large ? '2' : '7',
  };
}

function wrapOptions(aspect: number): LayoutOptions {
  return {
    'elk.layered.wrapping.strategy': 'MULTI_EDGE',
    'elk.aspectRatio': aspect.toFixed(3),
    'elk.layered.wrapping.additionalEdgeSpacing': '0',
  };
}

/**
 * Options for every element, given once as ELK's global options (elk.layout's second argument) instead of
 * on each node and port: every handle sits at a fixed place on its node's edge, on the left unless it says
 * otherwise (outputs say EAST).
 */
export const PER_ELEMENT_OPTIONS: LayoutOptions = { 'elk.portConstraints': 'FIXED_POS', 'elk.port.side': 'WEST' };
const EAST: LayoutOptions = { 'elk.port.side': 'EAST' };

const portId = (node: string, side: 'in' | 'out', handle: string) => `${node}\u0000${side}\u0000${handle}`;

/** The ELK graph: each node with its label strip, its handles as fixed ports, every wire port to port. */
export function toElkGraph(req: Pick<LayoutRequest, 'nodes' | 'edges'>, options: LayoutOptions): ElkNode {
  const known = new Set(req.nodes.map((n) => n.id));
  const ports = new Set<string>();
  const children: ElkNode[] = req.nodes.map((n) => {
    const width = n.width + (n.labelWidth > 0 ? n.labelWidth + 2 * LABEL_GAP : 0);
    // Options on output ports only (reading options was a tenth of ELK's time on 300 nodes): the nodes'
    // port constraint and the inputs' side come from PER_ELEMENT_OPTIONS. The sides must be given: ELK
    // deriving them from the ports' places moves the layers by 2 px.
    const nodePorts = [
      ...n.inputs.map((p) => ({ id: portId(n.id, 'in', p.id), x: 0, y: p.y, width: 1, height: 1 })),
      ...n.outputs.map((p) => ({ id: portId(n.id, 'out', p.id), x: width - 1, y: p.y, width: 1, height: 1, layoutOptions: EAST })),
    ];
    for (const p of nodePorts) ports.add(p.id);
    return { id: n.id, width, height: n.height, ports: nodePorts };
  });
  const edges: ElkExtendedEdge[] = [];
  for (const e of req.edges) {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) continue;
    const s = portId(e.source, 'out', e.sourceHandle);
    const t = portId(e.target, 'in', e.targetHandle);
    // A wire to a handle the node does not draw (a stale file) still pulls the nodes together.
    edges.push({ id: e.id, sources: [ports.has(s) ? s : e.source], targets: [ports.has(t) ? t : e.target] });
  }
  return { id: 'root', layoutOptions: options, children, edges };
}

/** The zoom at which a drawing of this size fits the view, capped at maxZoom. */
export function fitZoom(size: { width: number; height: number }, req: Pick<LayoutRequest, 'view' | 'maxZoom'>): number {
  if (size.width <= 0 || size.height <= 0) return req.maxZoom;
  return Math.min(req.view.width / size.width, req.view.height / size.height, req.maxZoom);
}

function readResult(laid: ElkNode, req: LayoutRequest, arrangement: string): LayoutResult {
  const positions: Record<string, Point> = {};
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const byId = new Map(req.nodes.map((n) => [n.id, n]));
  for (const c of laid.children ?? []) {
    const n = byId.get(c.id)!;
    const x = c.x ?? 0;
    const y = c.y ?? 0;
    positions[c.id] = { x, y };
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + (c.width ?? n.width));
    maxY = Math.max(maxY, y + n.height);
  }
  if (!Number.isFinite(minX)) return { positions, width: 0, height: 0, routes: {}, zoom: req.maxZoom, arrangement };
  for (const p of Object.values(positions)) {
    p.x = Math.round(p.x - minX);
    p.y = Math.round(p.y - minY);
  }
  const routes: Record<string, Point[]> = {};
  for (const e of (laid.edges ?? []) as ElkExtendedEdge[]) {
    const s = e.sections?.[0];
    if (!s) continue;
    // Only wires that run backwards need their route; forward wires are drawn as curves.
    if (s.endPoint.x >= s.startPoint.x) continue;
    routes[e.id] = (s.bendPoints ?? []).map((p) => ({ x: Math.round(p.x - minX), y: Math.round(p.y - minY) }));
  }
  const size = { width: Math.round(maxX - minX), height: Math.round(maxY - minY) };
  return { positions, ...size, routes, zoom: fitZoom(size, req), arrangement };
}

/**
 * Width the graph needs in one row at least: the widest chain of wired nodes, each in its own layer (ELK
 * cannot put two nodes of one path in the same layer). Null when the wires form a cycle.
 */
export function oneRowMinWidth(req: Pick<LayoutRequest, 'nodes' | 'edges'>): number | null {
  const width = new Map(req.nodes.map((n) => [n.id, n.width + (n.labelWidth > 0 ? n.labelWidth + 2 * LABEL_GAP : 0)]));
  const next = new Map<string, string[]>();
  const indegree = new Map(req.nodes.map((n) => [n.id, 0]));
  for (const e of req.edges) {
    if (!width.has(e.source) || !width.has(e.target) || e.source === e.target) continue;
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    indegree.set(e.target, indegree.get(e.target)! + 1);
  }
  // Longest path (by width) in topological order.
  const reach = new Map(req.nodes.map((n) => [n.id, width.get(n.id)!]));
  const ready = req.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  let seen = 0;
  let widest = 0;
  while (ready.length) {
    const id = ready.pop()!;
    seen++;
    widest = Math.max(widest, reach.get(id)!);
    for (const t of next.get(id) ?? []) {
      reach.set(t, Math.max(reach.get(t)!, reach.get(id)! + LAYER_SPACING + width.get(t)!));
      indegree.set(t, indegree.get(t)! - 1);
      if (indegree.get(t) === 0) ready.push(t);
    }
  }
  return seen === req.nodes.length ? widest : null;
}

/**
 * Lays the graph out in one row of layers and, when that is too long to read, wrapped into rows at a few
 * aspect ratios around the view's; keeps the one that fits the view at the largest zoom (the fewest rows
 * among equals). A large graph gets one wrapped layout at the view's aspect ratio. Each ELK run costs about
 * the same, so runs that cannot win are left out: the one-row layout when its chain of layers alone is too
 * long to read, and further wrappings once one reads and the next gained nothing.
 */
export async function layoutGraph(elk: ELK, req: LayoutRequest): Promise<LayoutResult> {
  if (req.nodes.length === 0) return { positions: {}, width: 0, height: 0, routes: {}, zoom: req.maxZoom, arrangement: 'empty' };
  const large = req.nodes.length > LARGE_GRAPH;
  const aspect = req.view.width / Math.max(1, req.view.height);
  const run = async (options: LayoutOptions, name: string) => readResult(await elk.layout(toElkGraph(req, { ...baseOptions(large), ...options }), { layoutOptions: PER_ELEMENT_OPTIONS }), req, name);
  if (large) return run(wrapOptions(aspect), `wrapped at ${aspect.toFixed(2)}`);

  const rowWidth = oneRowMinWidth(req);
  const oneRowUnreadable = rowWidth !== null && req.view.width / rowWidth < req.readableZoom;
  let best: LayoutResult | null = null;
  if (!oneRowUnreadable) {
    best = await run({}, 'one row');
    if (best.zoom >= Math.min(ONE_ROW_ZOOM, req.maxZoom)) return best;
  }
  // Wrapping at a lower aspect ratio makes more, shorter rows.
  const seen = new Set<string>();
  for (const f of WRAP_FACTORS) {
    const r = await run(wrapOptions(aspect * f), `wrapped at ${(aspect * f).toFixed(2)}`);
    const key = `${r.width}x${r.height}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Any gain while text is still too small to read; once it is readable, a clear gain only (fewer rows
    // read more easily when the zoom is about the same).
    const gain = !best || (best.zoom < req.readableZoom ? r.zoom > best.zoom : r.zoom > best.zoom * 1.03);
    if (gain) best = r;
    if (best!.zoom >= req.maxZoom - 1e-6 || (!gain && best!.zoom >= req.readableZoom)) break;
  }
  return best!;
}
