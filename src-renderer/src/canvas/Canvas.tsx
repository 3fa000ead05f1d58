// The React Flow canvas: layer nodes, shape-labelled wires, drop target for the palette.
import { useCallback, useEffect, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
} from '@xyflow/react';
import { connectionProblem } from '../store/graphOps';
import { useGraphStore } from '../store/stores';
import type { LayerFlowNode, ShapeFlowEdge } from '../store/toFlow';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { LAYER_KIND_MIME } from './dnd';

const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
// Stay readable: a long chain may overflow the view a little rather than shrink to illegible text.
const FIT_VIEW = { padding: 0.04, minZoom: 0.5, maxZoom: 1.1 };

function miniMapColor(n: LayerFlowNode): string {
  if (n.data.info?.error) return '#ef4444';
  if (n.data.kind === 'Input' || n.data.kind === 'Output') return '#94a3b8';
  return '#3b82f6';
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
  const { screenToFlowPosition, fitView } = useReactFlow();

  // A new document: show all of it once React Flow has measured the nodes.
  useEffect(() => {
    const t = setTimeout(() => void fitView(FIT_VIEW), 50);
    return () => clearTimeout(t);
  }, [docVersion, fitView]);

  const isValidConnection: IsValidConnection<ShapeFlowEdge> = useCallback(
    (c: Connection | Edge) => connectionProblem(useGraphStore.getState().graph, c) === null,
    [],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(LAYER_KIND_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(LAYER_KIND_MIME);
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // Centre the node roughly under the pointer.
      addNode(kind, { x: p.x - 90, y: p.y - 30 });
    },
    [screenToFlowPosition, addNode],
  );

  return (
    <div className="ll-canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={({ nodes: n, edges: e }) => deleteElements(n.map((x) => x.id), e.map((x) => x.id))}
        isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS}
        colorMode="dark"
        minZoom={0.1}
        maxZoom={2}
        fitView
        fitViewOptions={FIT_VIEW}
        defaultEdgeOptions={{ type: 'shape' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#334155" />
        <Controls position="bottom-left" />
        <MiniMap<LayerFlowNode> style={{ width: 150, height: 90 }} pannable zoomable nodeColor={miniMapColor} maskColor="rgba(15, 23, 42, 0.7)" position="bottom-right" />
      </ReactFlow>
    </div>
  );
}
