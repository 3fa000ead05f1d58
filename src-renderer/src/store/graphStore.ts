// The editor's state: the GraphFile being edited (source of truth), its file path and dirty flag,
// the inference derived from it on every change, React Flow's view of it, and undo history.
import { create } from 'zustand';
import { applyNodeChanges, applyEdgeChanges, type NodeChange, type EdgeChange, type Connection } from '@xyflow/react';
import type { DatasetConfig, GraphFile, GraphNode, TrainingConfig } from '../../../shared/graph/types';
import type { GraphInference } from '../../../shared/infer';
import type { DatasetShapes } from '../../../shared/data/types';
import type { FixAction, ParamValue } from '../../../shared/layers/types';
import * as ops from './graphOps';
import { inferWithDataset } from './inference';
import { sameList, stableInference, toFlowEdges, toFlowNodes, type LayerFlowNode, type ShapeFlowEdge } from './toFlow';
import { newGraph } from './defaults';
import { TEMPLATES } from '../../../shared/templates';
import { withLiveDescription } from '../../../shared/templates/describe';
import { withoutAutoLayoutMark } from '../../../shared/graph/layout';
import { ensureGraphId } from '../../../shared/graph/identity';
import { setLessonStepDone } from '../../../shared/graph/lesson';
import { i18n } from '../../../shared/i18n/i18n';

const HISTORY_LIMIT = 100;

/**
 * What the canvas still has to do before it shows the document: lay it out (always, for a template; else
 * only when its nodes overlap or it is marked for layout) and choose the view it opens with.
 */
export interface PendingArrange {
  /** The document (docVersion) this belongs to; a newer document replaces it. */
  doc: number;
  force: boolean;
  /** 'open': a new document; 'grow': a block was expanded or repeated (new nodes may sit on others). */
  reason: 'open' | 'grow';
}

export interface GraphState {
  graph: GraphFile;
  filePath: string | null;
  dirty: boolean;
  inference: GraphInference;
  /** graph.nodes by id, so one canvas node can select its own graph node cheaply. */
  nodeById: Record<string, GraphNode>;
  datasetShapes: DatasetShapes | undefined;
  datasetProblem: string | null;
  nodes: LayerFlowNode[];
  edges: ShapeFlowEdge[];
  past: GraphFile[];
  future: GraphFile[];
  /** Bumped when a new document is loaded (the canvas lays it out if needed and chooses the view then). */
  docVersion: number;
  arrange: PendingArrange | null;

  /**
   * Replaces the whole document (New, Open, template); clean, history cleared. `layout: 'always'` lays it
   * out even when its positions look fine (templates: their positions are only placeholders). A graph without
   * an id (extras.graphId: new, a template, a file from before ids) gets one here, so every document has one.
   */
  load(graph: GraphFile, filePath: string | null, opts?: { dirty?: boolean; layout?: 'always' }): void;
  /** Asks the canvas to check the layout again (after a block was expanded or repeated). */
  requestArrange(reason: PendingArrange['reason']): void;
  /** The canvas finished arranging document `doc`. */
  arrangeDone(doc: number): void;
  /**
   * Moves nodes to new positions. `record`: as an edit (undo step, unsaved changes); otherwise as part of
   * opening the document (the layout it opens with), which also drops the file's auto-layout mark.
   */
  placeNodes(positions: Record<string, { x: number; y: number }>, record: boolean): void;
  markSaved(filePath: string | null): void;
  /** Any structural edit: records history, re-infers, marks dirty. */
  edit(fn: (g: GraphFile) => GraphFile): void;
  undo(): void;
  redo(): void;

  onNodesChange(changes: NodeChange<LayerFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<ShapeFlowEdge>[]): void;
  onConnect(c: Connection): void;
  /** Deletes nodes (with their wires) and wires as one undo step. */
  deleteElements(nodeIds: string[], edgeIds: string[]): void;

  addNode(kind: string, position: { x: number; y: number }): string;
  setParam(nodeId: string, key: string, value: ParamValue): void;
  setLabel(nodeId: string, label: string): void;
  applyFix(nodeId: string, action: FixAction): void;
  setDataset(patch: Partial<DatasetConfig>): void;
  setTraining(patch: Partial<TrainingConfig>): void;
  rename(name: string): void;
  /** Ticks or unticks a "try next" step of the lesson (kept in the file). */
  setLessonStep(index: number, done: boolean): void;
  select(nodeId: string | null): void;
}

/** The graph before the drag in progress began, to record one undo step per drag. */
let dragOrigin: GraphFile | null = null;

function derive(rawGraph: GraphFile, prevNodes: LayerFlowNode[], prevEdges: ShapeFlowEdge[], prevInference?: GraphInference) {
  const inferred = inferWithDataset(rawGraph);
  // A template's description written from the graph (GPT counts) follows every edit.
  const graph = withLiveDescription(rawGraph, inferred.inference);
  const inference = stableInference(prevInference, inferred.inference);
  return {
    graph,
    inference,
    nodeById: Object.fromEntries(graph.nodes.map((n) => [n.id, n])) as Record<string, GraphNode>,
    datasetShapes: inferred.shapes,
    datasetProblem: inferred.datasetProblem,
    nodes: sameList(prevNodes, toFlowNodes(graph, inference, prevNodes)),
    edges: sameList(prevEdges, toFlowEdges(graph, prevEdges)),
  };
}

export const useGraphStore = create<GraphState>((set, get) => {
  // Open on the first template (MLP on MNIST) so there is something to train straight away.
  const initial = ensureGraphId(TEMPLATES[0] ? structuredClone(TEMPLATES[0].graph) : newGraph());
  return {
    ...derive(initial, [], []),
    filePath: null,
    dirty: false,
    past: [],
    future: [],
    docVersion: 0,
    arrange: { doc: 0, force: true, reason: 'open' },

    load(graph, filePath, opts) {
      dragOrigin = null;
      const docVersion = get().docVersion + 1;
      set({
        ...derive(ensureGraphId(graph), [], []),
        filePath,
        dirty: opts?.dirty ?? false,
        past: [],
        future: [],
        docVersion,
        arrange: { doc: docVersion, force: opts?.layout === 'always', reason: 'open' },
      });
    },

    requestArrange(reason) {
      set({ arrange: { doc: get().docVersion, force: false, reason } });
    },

    arrangeDone(doc) {
      if (get().arrange?.doc === doc) set({ arrange: null });
    },

    placeNodes(positions, record) {
      const moved = new Map(Object.entries(positions).map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
      const changed = (g: GraphFile) => g.nodes.some((n) => moved.has(n.id) && (moved.get(n.id)!.x !== n.position.x || moved.get(n.id)!.y !== n.position.y));
      if (record) {
        get().edit((g) => (changed(g) ? ops.moveNodes(g, moved) : g));
        return;
      }
      const s = get();
      const graph = withoutAutoLayoutMark(changed(s.graph) ? ops.moveNodes(s.graph, moved) : s.graph);
      if (graph === s.graph) return;
      set({ graph, nodeById: Object.fromEntries(graph.nodes.map((n) => [n.id, n])), nodes: sameList(s.nodes, toFlowNodes(graph, s.inference, s.nodes)) });
    },

    markSaved(filePath) {
      set({ filePath, dirty: false });
    },

    edit(fn) {
      const s = get();
      const next = fn(s.graph);
      if (next === s.graph) return;
      set({
        ...derive(next, s.nodes, s.edges, s.inference),
        dirty: true,
        past: [...s.past, s.graph].slice(-HISTORY_LIMIT),
        future: [],
      });
    },

    undo() {
      const s = get();
      const prev = s.past[s.past.length - 1];
      if (!prev) return;
      set({ ...derive(prev, s.nodes, s.edges, s.inference), dirty: true, past: s.past.slice(0, -1), future: [s.graph, ...s.future] });
    },

    redo() {
      const s = get();
      const next = s.future[0];
      if (!next) return;
      set({ ...derive(next, s.nodes, s.edges, s.inference), dirty: true, past: [...s.past, s.graph], future: s.future.slice(1) });
    },

    onNodesChange(changes) {
      // Deletions arrive through deleteElements (React Flow's onDelete) as one step, not per change.
      changes = changes.filter((c) => c.type !== 'remove');
      if (changes.length === 0) return;
      const cur = get();
      const nodes = applyNodeChanges(changes, cur.nodes);
      const moved = new Map<string, { x: number; y: number }>();
      let dragEnded = false;
      for (const c of changes) {
        if (c.type !== 'position') continue;
        if (c.position) moved.set(c.id, { x: Math.round(c.position.x), y: Math.round(c.position.y) });
        if (c.dragging && !dragOrigin) dragOrigin = cur.graph;
        if (c.dragging === false) dragEnded = true;
      }
      // Positions do not affect inference: update the graph without re-inferring.
      const graph = ops.moveNodes(cur.graph, moved);
      const patch: Partial<GraphState> = { nodes, graph };
      if (dragEnded && dragOrigin) {
        if (dragOrigin !== graph) {
          patch.past = [...cur.past, dragOrigin].slice(-HISTORY_LIMIT);
          patch.future = [];
          patch.dirty = true;
        }
        dragOrigin = null;
      } else if (moved.size > 0 && !dragOrigin) {
        patch.dirty = true; // moved without a drag (keyboard arrows)
      }
      set(patch);
    },

    onEdgesChange(changes) {
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length > 0) set({ edges: applyEdgeChanges(rest, get().edges) });
    },

    deleteElements(nodeIds, edgeIds) {
      get().edit((g) => ops.removeElements(g, nodeIds, edgeIds));
    },

    onConnect(c) {
      get().edit((g) => ops.connect(g, c));
    },

    addNode(kind, position) {
      let id = '';
      get().edit((g) => {
        const r = ops.addNode(g, kind, position);
        id = r.id;
        return r.graph;
      });
      get().select(id);
      return id;
    },

    setParam(nodeId, key, value) {
      get().edit((g) => ops.setParam(g, nodeId, key, value));
    },

    setLabel(nodeId, label) {
      get().edit((g) => ops.setLabel(g, nodeId, label));
    },

    applyFix(nodeId, action) {
      get().edit((g) => ops.applyFix(g, nodeId, action));
    },

    setDataset(patch) {
      get().edit((g) => ops.setDataset(g, patch));
    },

    setTraining(patch) {
      get().edit((g) => ops.setTraining(g, patch));
    },

    rename(name) {
      get().edit((g) => ops.renameGraph(g, name));
    },

    setLessonStep(index, done) {
      get().edit((g) => setLessonStepDone(g, index, done));
    },

    select(nodeId) {
      set({
        nodes: get().nodes.map((n) => (Boolean(n.selected) === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
        edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },
  };
});

/** The single selected node's id, or null. */
export function selectedNodeId(s: Pick<GraphState, 'nodes'>): string | null {
  const sel = s.nodes.filter((n) => n.selected);
  return sel.length === 1 ? sel[0].id : null;
}

// Inference writes its messages (errors, fix-its, the dataset note) in the language of the moment: on a switch,
// derive them again from the same graph. Nothing else changes: no undo step, no dirty mark.
i18n.on('languageChanged', () => {
  const s = useGraphStore.getState();
  useGraphStore.setState(derive(s.graph, s.nodes, s.edges, s.inference));
});
