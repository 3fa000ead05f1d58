// Arranging the canvas: laying the drawn graph out (./elk.ts: ELK off the page's thread, or the own layered
// layout for large graphs) and choosing the view.
// Runs when a document opens (a template always; a file when its nodes overlap, have no positions or it is
// marked for layout), after a block is expanded onto other nodes, and for the Auto-layout command.
// Repeated blocks are collapsed when the expanded graph would not fit at a readable zoom.
import { create } from 'zustand';
import type { ReactFlowInstance, Rect } from '@xyflow/react';
import { useGraphStore } from '../../store/graphStore';
import { useUi } from '../../store/uiStore';
import type { ShapeFlowEdge } from '../../store/toFlow';
import { blockNodeId, collapseView, memberPositions, type CanvasNode } from '../../editor/collapse';
import { repeatedBlocks, setBlockCollapsed } from '../../../../shared/graph/repeat';
import { wantsAutoLayout } from '../../../../shared/graph/layout';
import type { GraphFile } from '../../../../shared/graph/types';
import type { LayoutRequest, LayoutResult, Point } from './engine';
import { runLayout, LayoutCancelled } from './elk';
import { measureGraph, overlappingNodes } from './measure';
import { OPEN_MAX_ZOOM, TITLE_PX, openingViewport, readViewArea, readableZoom, usableArea, type ViewArea } from './view';
import { errorText } from '../../../../shared/i18n/error-text';
import { i18n } from '../../../../shared/i18n/i18n';

export type Flow = ReactFlowInstance<CanvasNode, ShapeFlowEdge>;

/**
 * Where the wires that run backwards (row end to next row start) cross between the rows, from the last
 * layout. ShapeEdge routes such a wire along `y` while it still runs backwards.
 */
export const useWireRoutes = create<{ routes: Record<string, { y: number }> }>(() => ({ routes: {} }));

let canvasEl: HTMLElement | null = null;
/** The canvas element (set by Canvas): where the view area and the title size are read. */
export function registerCanvas(el: HTMLElement | null): void {
  canvasEl = el;
}

const FALLBACK_AREA: ViewArea = { width: 1100, height: 650, top: 56 };

function area(): ViewArea {
  return (canvasEl && readViewArea(canvasEl)) ?? FALLBACK_AREA;
}

/** The zoom where node titles read at 11 px, from the title size the page really uses. */
function minReadableZoom(): number {
  const title = canvasEl?.querySelector('.ll-node-title');
  const px = title ? parseFloat(getComputedStyle(title).fontSize) : NaN;
  return readableZoom(Number.isFinite(px) && px > 0 ? px : TITLE_PX);
}

function viewOf(graph: GraphFile) {
  const s = useGraphStore.getState();
  return collapseView(graph, s.nodes, s.edges);
}

function measureView(graph: GraphFile, flow: Flow): LayoutInput | null {
  const view = viewOf(graph);
  return measureGraph(view.nodes, view.edges, useGraphStore.getState().inference, (id) => flow.getInternalNode(id));
}

type LayoutInput = Pick<LayoutRequest, 'nodes' | 'edges'>;

function layoutOf(measured: LayoutInput): Promise<LayoutResult> {
  return runLayout({ ...measured, view: usableArea(area()), readableZoom: minReadableZoom(), maxZoom: OPEN_MAX_ZOOM });
}

interface Laid {
  result: LayoutResult;
  /** Repeated blocks to show collapsed (the layout is of the graph with them collapsed). */
  collapse: string[];
}

/**
 * Lays the graph out; on opening, collapses repeated blocks when that is what makes it readable. Throws
 * LayoutCancelled when another document was opened meanwhile (its result would belong to the old one).
 * A graph whose nodes alone cover more than the view at the readable zoom cannot read whole however it is
 * arranged: its blocks are collapsed without laying the expanded graph out first.
 */
async function layoutForView(flow: Flow, collapseIfUnreadable: boolean): Promise<Laid | null> {
  const { graph, docVersion } = useGraphStore.getState();
  const stillOpen = <T>(v: T): T => {
    if (useGraphStore.getState().docVersion !== docVersion) throw new LayoutCancelled();
    return v;
  };
  const measured = measureView(graph, flow);
  if (!measured) return null;
  const expanded = collapseIfUnreadable ? repeatedBlocks(graph).filter((b) => !b.collapsed) : [];
  const tooLarge = expanded.length > 0 && !couldFit(measured, usableArea(area()), minReadableZoom());
  const result = tooLarge ? null : stillOpen(await layoutOf(measured));
  if (result && (result.zoom >= minReadableZoom() || expanded.length === 0)) return { result, collapse: [] };
  // Each collapsed block is drawn as one new node: show them (the canvas is hidden while it is arranged),
  // let React Flow measure them, lay that out, and keep whichever reads larger.
  const collapsed = expanded.reduce((g, b) => setBlockCollapsed(g, b.id, true), graph);
  useGraphStore.setState({ graph: collapsed });
  let smaller: LayoutResult | null = null;
  try {
    const small = (await blockNodesMeasured(flow, expanded.map((b) => blockNodeId(b.id)))) ? measureView(collapsed, flow) : null;
    if (small) smaller = stillOpen(await layoutOf(small));
  } finally {
    if (!(smaller && (!result || smaller.zoom > result.zoom)) && useGraphStore.getState().graph === collapsed) useGraphStore.setState({ graph });
  }
  if (smaller && (!result || smaller.zoom > result.zoom)) return { result: smaller, collapse: expanded.map((b) => b.id) };
  return { result: result ?? stillOpen(await layoutOf(measured)), collapse: [] };
}

/** Whether the nodes (with their label strips) could fit the view at `zoom` at all: their area is a lower bound. */
function couldFit(g: LayoutInput, view: { width: number; height: number }, zoom: number): boolean {
  const area = g.nodes.reduce((sum, n) => sum + (n.width + n.labelWidth) * n.height, 0);
  return area * zoom * zoom <= view.width * view.height;
}

/** Waits (a few frames; on a loaded machine longer, at most 10 s) until React Flow has measured these nodes and their handles. */
async function blockNodesMeasured(flow: Flow, ids: string[]): Promise<boolean> {
  const started = performance.now();
  while (performance.now() - started < 10_000) {
    if (ids.every((id) => {
      const n = flow.getInternalNode(id);
      return !!n?.measured?.width && !!n.internals.handleBounds;
    })) return true;
    await nextFrame();
  }
  return false;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The drawing's bounds. Wires that wrap back to the start of a row turn 12 px left of it (wirePaths.ts),
 * inside the view's margin at the zoom a graph opens with (at most 1), so they need no room of their own.
 */
function boundsOf(result: LayoutResult, origin: Point): Rect {
  return { x: origin.x, y: origin.y, width: result.width, height: result.height };
}

function applyLayout({ result, collapse }: Laid, origin: Point, record: boolean): void {
  const positions: Record<string, Point> = {};
  for (const [id, p] of Object.entries(result.positions)) positions[id] = { x: p.x + origin.x, y: p.y + origin.y };
  const store = useGraphStore.getState();
  // Collapsing to fit is part of how the document opens, not an edit.
  if (collapse.length > 0) useGraphStore.setState({ graph: collapse.reduce((g, id) => setBlockCollapsed(g, id, true), store.graph) });
  useGraphStore.getState().placeNodes(Object.fromEntries(memberPositions(useGraphStore.getState().graph, new Map(Object.entries(positions)))), record);
  const routes: Record<string, { y: number }> = {};
  for (const [id, pts] of Object.entries(result.routes)) {
    // The horizontal run between the rows: the longest horizontal segment of the route.
    let best: { y: number; len: number } | null = null;
    for (let i = 1; i < pts.length; i++) {
      const len = Math.abs(pts[i].x - pts[i - 1].x);
      if (pts[i].y === pts[i - 1].y && (!best || len > best.len)) best = { y: pts[i].y + origin.y, len };
    }
    if (best) routes[id] = { y: best.y };
  }
  useWireRoutes.setState({ routes });
}

function visibleBounds(flow: Flow): Rect | null {
  const nodes = useGraphStore.getState().nodes.filter((n) => !n.hidden);
  const graph = useGraphStore.getState().graph;
  const shown = collapseView(graph, nodes, []).nodes.filter((n) => !n.hidden);
  if (shown.length === 0) return null;
  return flow.getNodesBounds(shown.map((n) => n.id));
}

/** Shows `bounds` as a graph opens: fitted when that is readable, else its start at a readable zoom. */
export function showReadably(flow: Flow, bounds: Rect | null, duration = 0): void {
  if (!bounds) {
    void flow.setViewport({ x: 0, y: 0, zoom: 1 }, { duration });
    return;
  }
  void flow.setViewport(openingViewport(bounds, area(), minReadableZoom()), { duration });
}

/** Shows the graph where its nodes are (when laying it out failed): fitted if readable, else its start. */
export function showAsPlaced(flow: Flow): void {
  showReadably(flow, visibleBounds(flow));
}

/** Zoom to fit (F, the Fit button): the whole graph in view below the toolbar, however small. */
export function zoomToFit(flow: Flow, duration = 200): void {
  const bounds = visibleBounds(flow);
  if (bounds) void flow.setViewport(openingViewport(bounds, area(), 0.1), { duration });
}

/**
 * Opens the current document on the canvas ('open'): lays it out when `force` (a template), when it is
 * marked for layout, or when its nodes overlap; then picks the view. After the graph grew ('grow': a block
 * expanded or repeated) it is laid out only when nodes overlap, and the view zooms to fit. Returns false
 * when the nodes are not measured yet.
 */
export async function arrangeOpened(flow: Flow, force: boolean, reason: 'open' | 'grow'): Promise<boolean> {
  const s = useGraphStore.getState();
  if (s.graph.nodes.length === 0) {
    useWireRoutes.setState({ routes: {} });
    showReadably(flow, null);
    return true;
  }
  const view = viewOf(s.graph);
  const lookup = (id: string) => flow.getInternalNode(id);
  const needs = force || wantsAutoLayout(s.graph) || overlappingNodes(view.nodes, lookup).length > 0;
  if (!needs) {
    if (reason === 'open') {
      useWireRoutes.setState({ routes: {} });
      showAsPlaced(flow);
    } else zoomToFit(flow);
    return true;
  }
  const laid = await layoutForView(flow, reason === 'open');
  if (!laid) return false;
  applyLayout(laid, { x: 0, y: 0 }, false);
  // Let React Flow take the new positions before the view moves (and before the canvas is shown).
  await nextFrame();
  if (reason === 'open') showReadably(flow, boundsOf(laid.result, { x: 0, y: 0 }));
  else zoomToFit(flow);
  return true;
}

/** The Auto-layout command: one undo step, the drawing's top-left corner kept, then the view fitted. */
export async function autoLayoutCommand(flow: Flow): Promise<void> {
  const s = useGraphStore.getState();
  const shown = viewOf(s.graph).nodes.filter((n) => !n.hidden);
  if (shown.length === 0) return;
  const origin = { x: Math.min(...shown.map((n) => n.position.x)), y: Math.min(...shown.map((n) => n.position.y)) };
  try {
    const laid = await layoutForView(flow, false);
    if (!laid) {
      useUi.getState().toast('The canvas is still drawing the layers; try Auto-layout again in a moment.');
      return;
    }
    applyLayout(laid, origin, true);
    await nextFrame();
    showReadably(flow, boundsOf(laid.result, origin), 200);
  } catch (err) {
    if (err instanceof LayoutCancelled) return;
    useUi.getState().toast(i18n.t('editor:canvas.autoLayoutFailed', { error: errorText(err) }), 'error');
  }
}
