import { beforeEach, describe, expect, it } from 'vitest';
import { nodeView } from './toFlow';
import { TEMPLATES } from '../../../shared/templates';
import { useGraphStore, selectedNodeId } from './graphStore';
import { newGraph } from './defaults';
import { graphIdOf } from '../../../shared/graph/identity';
import { lessonOf } from '../../../shared/graph/lesson';

const mlp = () => structuredClone(TEMPLATES.find((t) => t.id === 'mlp-mnist')!.graph);
// 784-1024-512-512-10 with biases, counted by hand.
const MLP_PARAMS = 784 * 1024 + 1024 + (1024 * 512 + 512) + (512 * 512 + 512) + (512 * 10 + 10);

beforeEach(() => useGraphStore.getState().load(mlp(), null));

describe('graph store', () => {
  it('derives inference and React Flow elements from the loaded graph', () => {
    const s = useGraphStore.getState();
    expect(s.inference.totalParams).toBe(MLP_PARAMS);
    expect(s.inference.errors).toEqual([]);
    expect(s.dirty).toBe(false);
    expect(s.nodes.map((n) => n.id)).toEqual(s.graph.nodes.map((n) => n.id));
    const dense1 = s.nodes.find((n) => n.id === 'dense_1')!;
    expect(dense1.type).toBe('layer');
    expect(nodeView(s.nodeById.dense_1).summary).toBe('units 1024 · relu');
    expect(s.inference.nodes.dense_1.params).toBe(784 * 1024 + 1024);
    expect(s.edges.every((e) => e.type === 'shape' && s.inference.edges[e.id] !== null)).toBe(true);
    expect(s.inference.edges[s.edges.find((e) => e.target === 'dense_1')!.id]).toEqual([784]);
  });

  it('re-infers on every edit, marks dirty, and undoes/redoes', () => {
    const s = useGraphStore.getState();
    s.setParam('dense_1', 'units', 100);
    let now = useGraphStore.getState();
    const expected = 784 * 100 + 100 + (100 * 512 + 512) + (512 * 512 + 512) + (512 * 10 + 10);
    expect(now.inference.totalParams).toBe(expected);
    expect(now.inference.edges[now.edges.find((e) => e.source === 'dense_1')!.id]).toEqual([100]);
    expect(now.dirty).toBe(true);
    now.undo();
    expect(useGraphStore.getState().inference.totalParams).toBe(MLP_PARAMS);
    useGraphStore.getState().redo();
    expect(useGraphStore.getState().inference.totalParams).toBe(expected);
    now = useGraphStore.getState();
    now.markSaved('/tmp/x.layerlab.json');
    expect(useGraphStore.getState()).toMatchObject({ dirty: false, filePath: '/tmp/x.layerlab.json' });
  });

  it('shows a dataset mismatch on the Input node with a fix that resolves it', () => {
    useGraphStore.getState().setDataset({ representation: 'image' });
    let s = useGraphStore.getState();
    const err = s.inference.nodes.input?.error;
    expect(err?.message).toMatch(/\[28, 28, 1\]/);
    const fix = err!.fixes.find((f) => f.action.type === 'setParam')!;
    s.applyFix('input', fix.action);
    s = useGraphStore.getState();
    expect(s.inference.nodes.input?.error).toBeUndefined();
    // Dense on [28, 28, 1] works on the last axis: now the Output complains, as tfjs would.
    expect(s.inference.nodes.output?.error?.message).toMatch(/\[10\]/);
  });

  it('deletes a node with its wires as one undo step', () => {
    const wires = useGraphStore.getState().graph.edges.filter((e) => e.source === 'dense_2' || e.target === 'dense_2').map((e) => e.id);
    // React Flow reports the node and its wires together (onDelete).
    useGraphStore.getState().deleteElements(['dense_2'], wires);
    const s = useGraphStore.getState();
    expect(s.graph.nodes.some((n) => n.id === 'dense_2')).toBe(false);
    expect(s.graph.edges.some((e) => e.source === 'dense_2' || e.target === 'dense_2')).toBe(false);
    expect(s.nodes).toHaveLength(5);
    expect(s.inference.nodes.dense_3.error?.message).toMatch(/Connect something/);
    s.undo();
    expect(useGraphStore.getState().inference.totalParams).toBe(MLP_PARAMS);
    expect(useGraphStore.getState().graph.edges).toHaveLength(5);
  });

  it('moving a node updates the graph without an undo step per frame', () => {
    const st = useGraphStore.getState();
    st.onNodesChange([{ type: 'position', id: 'dense_1', position: { x: 10, y: 20 }, dragging: true }]);
    st.onNodesChange([{ type: 'position', id: 'dense_1', position: { x: 30, y: 40 }, dragging: true }]);
    st.onNodesChange([{ type: 'position', id: 'dense_1', dragging: false }]);
    const s = useGraphStore.getState();
    expect(s.graph.nodes.find((n) => n.id === 'dense_1')!.position).toEqual({ x: 30, y: 40 });
    expect(s.past).toHaveLength(1);
    expect(s.dirty).toBe(true);
    s.undo();
    expect(useGraphStore.getState().graph.nodes.find((n) => n.id === 'dense_1')!.position).toEqual(mlp().nodes[1].position);
  });

  it('adds and selects a node; connects it only when allowed', () => {
    useGraphStore.getState().load(newGraph(), null);
    const id = useGraphStore.getState().addNode('Dense', { x: 200, y: 100 });
    let s = useGraphStore.getState();
    expect(selectedNodeId(s)).toBe(id);
    s.onConnect({ source: 'input_1', sourceHandle: 'out', target: id, targetHandle: 'in' });
    s.onConnect({ source: id, sourceHandle: 'out', target: id, targetHandle: 'in' }); // refused self-loop
    s = useGraphStore.getState();
    expect(s.graph.edges).toHaveLength(1);
    expect(s.inference.nodes[id].params).toBe(784 * 64 + 64);
  });

  it('gives every loaded document an id, keeps a file\'s own, and a template opened twice is two documents', () => {
    const first = mlp();
    useGraphStore.getState().load(first, null);
    const a = graphIdOf(useGraphStore.getState().graph);
    expect(a).not.toBeNull();
    expect(useGraphStore.getState().dirty).toBe(false);
    useGraphStore.getState().load(mlp(), null);
    expect(graphIdOf(useGraphStore.getState().graph)).not.toBe(a);
    const saved = { ...mlp(), extras: { ...mlp().extras, graphId: 'g-savedfile1' } };
    useGraphStore.getState().load(saved, 'x.layerlab.json');
    expect(graphIdOf(useGraphStore.getState().graph)).toBe('g-savedfile1');
    // Editing keeps the id.
    useGraphStore.getState().setParam('dense_1', 'units', 100);
    expect(graphIdOf(useGraphStore.getState().graph)).toBe('g-savedfile1');
  });

  it('ticks lesson steps as undoable edits kept in the graph', () => {
    useGraphStore.getState().setLessonStep(1, true);
    const s = useGraphStore.getState();
    expect(lessonOf(s.graph)!.steps.map((x) => x.done)).toEqual([false, true, false, false]);
    expect(s.dirty).toBe(true);
    s.undo();
    expect(lessonOf(useGraphStore.getState().graph)!.steps.every((x) => !x.done)).toBe(true);
  });
});
