// The React Flow canvas: layer nodes, shape-labelled wires, drop target for the palette.
import { useCallback, useEffect, useMemo, useRef, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import {
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
  type Viewport,
} from '@xyflow/react';
import { connectionProblem } from '../store/graphOps';
import { useGraphStore } from '../store/stores';
import type { LayerFlowNode, ShapeFlowEdge } from '../store/toFlow';
import { LayerNode } from './LayerNode';
import { BlockNode } from './BlockNode';
import { ShapeEdge } from './ShapeEdge';
import { TieEdge, useTieEdges, type TieFlowEdge } from './TieEdge';

type CanvasEdge = ShapeFlowEdge | TieFlowEdge;
import { DotGrid } from './DotGrid';
import { LAYER_KIND_MIME, SAVED_BLOCK_MIME } from './dnd';
import { dropSavedBlock } from '../editor/blockActions';
import { useEditor } from '../editor/editorStore';
import { EditorToolbar } from '../editor/EditorToolbar';
import { ConnectionStatus, RefusalNote, refusalReason } from '../editor/ConnectionFeedback';
import { QuickAdd } from '../editor/QuickAdd';
import { ShortcutSheet } from '../editor/ShortcutSheet';
import { RepeatDialog } from '../editor/RepeatDialog';
import { BlockChipsContext, collapseView, isBlockNodeId, memberPositions, rememberBlockSize, type BlockChip, type CanvasNode } from '../editor/collapse';
import { trackPointer, useEditorShortcuts } from '../editor/useEditorShortcuts';
import { FileSafety } from '../files/FileSafety';
import { arrangeOpened, registerCanvas, showAsPlaced } from './layout/arrange';
import { LayoutCancelled } from './layout/elk';
import { freeSpot } from './placement';

const nodeTypes = { layer: LayerNode, block: BlockNode };
const edgeTypes = { shape: ShapeEdge, tie: TieEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Control', 'Meta'];
const SNAP_GRID: [number, number] = [20, 20];
const DEFAULT_EDGE_OPTIONS = { type: 'shape' };
/** How long the view must rest after a zoom before its text is rastered again at the new scale. */
const RERASTER_AFTER_MS = 400;

/**
 * Every layer node reads its chip from context, so a new Map re-renders all of them. Keep the previous
 * Map while its contents are the same (a drag or parameter edit recomputes the view but rarely the chips).
 */
function useStableChips(chips: Map<string, BlockChip>): Map<string, BlockChip> {
  const ref = useRef(chips);
  const prev = ref.current;
  const same =
    prev.size === chips.size &&
    [...chips].every(([id, c]) => {
      const p = prev.get(id);
      return p !== undefined && p.blockId === c.blockId && p.count === c.count && p.collapsed === c.collapsed;
    });
  if (!same) ref.current = chips;
  return ref.current;
}

function miniMapColor(n: CanvasNode): string {
  if (n.data.hasError) return '#ef4444';
  if (n.data.kind === 'Input' || n.data.kind === 'Output') return '#94a3b8';
  return '#3b82f6';
}

/** Whether some drawn node lies (partly) outside the visible part of the canvas. */
function graphExceedsView(s: { nodeLookup: Map<string, { hidden?: boolean; internals: { positionAbsolute: { x: number; y: number } }; measured: { width?: number; height?: number } }>; transform: [number, number, number]; width: number; height: number }): boolean {
  const [tx, ty, zoom] = s.transform;
  for (const n of s.nodeLookup.values()) {
    if (n.hidden) continue;
    const x = n.internals.positionAbsolute.x * zoom + tx;
    const y = n.internals.positionAbsolute.y * zoom + ty;
    if (x < 0 || y < 0 || x + (n.measured.width ?? 0) * zoom > s.width || y + (n.measured.height ?? 0) * zoom > s.height) return true;
  }
  return false;
}

/** The minimap, only while part of the graph is out of view: over a graph that fits it would hide nodes. */
function OverviewMap({ theme }: { theme: 'dark' | 'light' }) {
  const needed = useStore(graphExceedsView);
  if (!needed) return null;
  return <MiniMap<CanvasNode> style={{ width: 120, height: 72, margin: 8 }} pannable zoomable nodeColor={miniMapColor} maskColor={theme === 'dark' ? 'rgba(15, 23, 42, 0.7)' : 'rgba(226, 232, 240, 0.7)'} position="bottom-right" />;
}

export function Canvas() {
  const nodes = useGraphStore((s) => s.nodes);
  const edges = useGraphStore((s) => s.edges);
  const docVersion = useGraphStore((s) => s.docVersion);
  const onNodesChange = useGraphStore((s) => s.onNodesChange);
  const onEdgesChange = useGraphStore((s) => s.onEdgesChange);
  const onConnect = useGraphStore((s) => s.onConnect);
  const deleteElements = useGraphStore((s) => s.deleteElements);
  const addNode = useGraphStore((s) => s.addNode);
  const flow = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const { screenToFlowPosition } = flow;
  const graph = useGraphStore((s) => s.graph);
  const view = useMemo(() => collapseView(graph, nodes, edges), [graph, nodes, edges]);
  // Links that are not wires (a tied head and its Embedding), drawn over the data wires.
  const ties = useTieEdges(graph);
  const allEdges = useMemo<CanvasEdge[]>(() => (ties.length ? [...view.edges, ...ties] : view.edges), [view.edges, ties]);
  // The store keeps the wires' view state only; a link's is derived and not kept.
  const onCanvasEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const tieIds = new Set(ties.map((t) => t.id));
      const wires = changes.filter((c) => (c.type === 'add' || c.type === 'replace' ? c.item.type !== 'tie' : !tieIds.has(c.id)));
      if (wires.length) onEdgesChange(wires as EdgeChange<ShapeFlowEdge>[]);
    },
    [onEdgesChange, ties],
  );
  // A collapsed block's node is not in the store: its size is remembered here, and moving it moves the
  // layers it stands for.
  const onCanvasNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const layers: NodeChange<LayerFlowNode>[] = [];
      for (const c of changes) {
        if (!('id' in c) || !isBlockNodeId(c.id)) {
          layers.push(c as NodeChange<LayerFlowNode>);
          continue;
        }
        if (c.type === 'dimensions' && c.dimensions) rememberBlockSize(c.id, c.dimensions);
        if (c.type !== 'position' || !c.position) continue;
        const moves = memberPositions(useGraphStore.getState().graph, new Map([[c.id, c.position]]));
        for (const [id, position] of moves) layers.push({ type: 'position', id, position, dragging: c.dragging });
      }
      if (layers.length) onNodesChange(layers);
    },
    [onNodesChange],
  );
  const chips = useStableChips(view.chips);
  const snapToGrid = useEditor((s) => s.snapToGrid);
  const theme = useEditor((s) => s.theme);
  useEditorShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Double-click on empty canvas: quick-add at the pointer.
  const onDoubleClick = useCallback(
    (e: ReactMouseEvent) => {
      if (!(e.target as Element).classList?.contains('react-flow__pane')) return;
      const at = { x: e.clientX, y: e.clientY };
      useEditor.getState().openQuickAdd({ screen: at, flow: screenToFlowPosition(at), from: null });
    },
    [screenToFlowPosition],
  );

  // A wire dropped on a handle that refuses it says why; dropped on empty canvas it opens quick-add
  // offering the layers that fit.
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, c) => {
      if (c.isValid || !c.fromHandle) return;
      const pt = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (c.toHandle) {
        const reason = refusalReason(c.fromHandle, c.toHandle);
        if (reason) useEditor.getState().refuse(reason, pt.clientX, pt.clientY);
        return;
      }
      if (!(event.target as Element | null)?.classList?.contains('react-flow__pane')) return;
      const { graph, inference, nodes: flowNodes } = useGraphStore.getState();
      if (!graph.nodes.some((n) => n.id === c.fromHandle!.nodeId)) return;
      const handleId = c.fromHandle.id ?? (c.fromHandle.type === 'source' ? 'out' : 'in');
      const fromData = flowNodes.find((n) => n.id === c.fromHandle!.nodeId)?.data;
      const outIndex = fromData?.outputs.findIndex((h) => h.id === handleId) ?? -1;
      const shape = c.fromHandle.type === 'source' && outIndex >= 0 ? (inference.nodes[c.fromHandle.nodeId]?.outputs[outIndex] ?? null) : null;
      const at = { x: pt.clientX, y: pt.clientY };
      const flow = screenToFlowPosition(at);
      useEditor.getState().openQuickAdd({
        screen: at,
        // An input dragged out: put the new node to the left so the wire runs left to right.
        flow: c.fromHandle.type === 'source' ? { x: flow.x, y: flow.y - 30 } : { x: flow.x - 180, y: flow.y - 30 },
        from: { nodeId: c.fromHandle.nodeId, handleId, handleType: c.fromHandle.type, shape },
      });
    },
    [screenToFlowPosition],
  );

  // A new document (or an expanded block): once React Flow has measured every node drawn, lay the graph
  // out if it needs it and choose the view; the canvas stays blank until then (no jump from the saved
  // placement to the laid-out one).
  const arrange = useGraphStore((s) => s.arrange);
  const measured = useStore((s) => {
    if (!arrange || s.nodes !== view.nodes) return false;
    for (const n of s.nodeLookup.values()) if (!n.hidden && (!n.measured.width || !n.internals.handleBounds)) return false;
    return true;
  });
  const empty = graph.nodes.length === 0;
  // One arrangement per request: collapsing blocks while it runs adds nodes to measure, which must not
  // start it again.
  const running = useRef<typeof arrange>(null);
  useEffect(() => {
    if (!arrange || (!measured && !empty) || running.current === arrange) return;
    running.current = arrange;
    const stillWanted = () => useGraphStore.getState().arrange === arrange;
    arrangeOpened(flow, arrange.force, arrange.reason)
      .then((done) => {
        if (running.current === arrange) running.current = null;
        if (done && stillWanted()) useGraphStore.getState().arrangeDone(arrange.doc);
      })
      .catch((err) => {
        if (running.current === arrange) running.current = null;
        if (err instanceof LayoutCancelled || !stillWanted()) return;
        console.error('Laying the graph out failed; showing it as placed:', err);
        showAsPlaced(flow);
        useGraphStore.getState().arrangeDone(arrange.doc);
      });
  }, [arrange, measured, empty, flow]);

  const onDelete = useCallback(
    ({ nodes: n, edges: e }: { nodes: CanvasNode[]; edges: CanvasEdge[] }) =>
      deleteElements(n.filter((x) => !isBlockNodeId(x.id)).map((x) => x.id), e.filter((x) => x.type !== 'tie' && !x.id.startsWith('collapsed-')).map((x) => x.id)),
    [deleteElements],
  );

  const isValidConnection: IsValidConnection<CanvasEdge> = useCallback(
    (c: Connection | Edge) => connectionProblem(useGraphStore.getState().graph, c) === null,
    [],
  );

  // The viewport is its own compositing layer (see canvas.css), so a pan only moves it. Once a zoom has come
  // to rest the layer is dropped for two frames so its text is rastered again, sharp, at the new scale.
  // "At rest": RERASTER_AFTER_MS after the last move, not at each move's end. d3-zoom ends a wheel gesture
  // 150 ms after its last notch, so a user zooming notch by notch ended one every notch, and each drop cost
  // the whole page a new layer tree (about half the main thread while zooming 300 nodes). A class set on
  // the DOM directly: React state here would re-render the whole canvas.
  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    registerCanvas(canvasRef.current);
    return () => registerCanvas(null);
  }, []);
  const rastered = useRef<{ zoom: number; timer: number | null }>({ zoom: 1, timer: null });
  const onMoveStart = useCallback((_: unknown, v: Viewport) => {
    const r = rastered.current;
    if (r.timer !== null) window.clearTimeout(r.timer);
    else r.zoom = v.zoom;
    r.timer = null;
  }, []);
  const onMoveEnd = useCallback((_: unknown, v: Viewport) => {
    const r = rastered.current;
    if (r.timer !== null) window.clearTimeout(r.timer);
    r.timer = window.setTimeout(() => {
      r.timer = null;
      const el = canvasRef.current;
      if (!el || v.zoom === r.zoom) return;
      r.zoom = v.zoom;
      el.classList.add('ll-rerender');
      requestAnimationFrame(() => requestAnimationFrame(() => el.classList.remove('ll-rerender')));
    }, RERASTER_AFTER_MS);
  }, []);
  useEffect(() => () => {
    if (rastered.current.timer !== null) window.clearTimeout(rastered.current.timer);
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(LAYER_KIND_MIME) && !e.dataTransfer.types.includes(SAVED_BLOCK_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      if (dropSavedBlock(e.dataTransfer, screenToFlowPosition({ x: e.clientX, y: e.clientY }))) return e.preventDefault();
      const kind = e.dataTransfer.getData(LAYER_KIND_MIME);
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // Centred roughly under the pointer, nudged off any layer already there.
      addNode(kind, freeSpot({ x: p.x - 90, y: p.y - 30 }, flow.getNodes().filter((n) => !n.hidden).map((n) => ({ ...n.position, width: n.measured?.width ?? 180, height: n.measured?.height ?? 80 }))));
    },
    [screenToFlowPosition, addNode, flow],
  );

  return (
    <div
      ref={canvasRef}
      className={`ll-canvas${arrange?.reason === 'open' ? ' ll-arranging' : ''}`}
      data-testid="canvas"
      data-doc={docVersion}
      data-view={arrange ? 'arranging' : 'ready'}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
      onMouseMove={(e) => trackPointer(e, true)}
      onMouseLeave={(e) => trackPointer(e, false)}
    >
      <BlockChipsContext.Provider value={chips}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={view.nodes}
        edges={allEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onCanvasNodesChange}
        onEdgesChange={onCanvasEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      >
        <DotGrid gap={20} radius={1.2} color={theme === 'dark' ? '#334155' : '#cbd5e1'} />
        <EditorToolbar />
        <ConnectionStatus />
        <OverviewMap theme={theme} />
      </ReactFlow>
      </BlockChipsContext.Provider>
      <QuickAdd />
      <RefusalNote />
      <ShortcutSheet />
      <RepeatDialog />
      <FileSafety />
    </div>
  );
}
