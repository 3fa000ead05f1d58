import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../../shared/graph/types';
import { emptyGraph } from '../../../shared/graph/defaults';
import { inferGraph } from '../../../shared/infer';
import { parseGraphFile, serializeGraph } from '../../../shared/graph/validate';
import { addNode, applyFix, connect, connectionProblem, freeSpot, insertBefore, removeElements, renameGraph, setDataset, setLabel, setParam } from './graphOps';

function chain(): GraphFile {
  const g = emptyGraph('t');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [28, 28] }, position: { x: 0, y: 0 } },
    { id: 'dense_1', kind: 'Dense', params: { units: 10 }, position: { x: 240, y: 0 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 480, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
    { id: 'b', source: 'dense_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  return g;
}

describe('connectionProblem', () => {
  it('refuses self-loops, cycles, duplicates and a second wire into a single input', () => {
    const g = chain();
    expect(connectionProblem(g, { source: 'dense_1', target: 'dense_1', sourceHandle: 'out', targetHandle: 'in' })).toMatch(/itself/);
    // dense_1 -> input_1 has no input handle; output_1 -> dense_1 would be a cycle but Output has no 'out'.
    const withSecond = addNode(g, 'Dense', { x: 0, y: 0 }).graph;
    const g2 = connect(withSecond, { source: 'dense_1', sourceHandle: 'out', target: 'dense_2', targetHandle: 'in' });
    expect(g2.edges).toHaveLength(3);
    expect(connectionProblem(g2, { source: 'dense_2', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' })).toMatch(/cycle/);
    expect(connectionProblem(g2, { source: 'dense_1', sourceHandle: 'out', target: 'dense_2', targetHandle: 'in' })).toMatch(/already connected/);
    expect(connectionProblem(g2, { source: 'input_1', sourceHandle: 'out', target: 'dense_2', targetHandle: 'in' })).toMatch(/already has a wire/);
    expect(connectionProblem(g2, { source: 'input_1', sourceHandle: 'out', target: 'dense_2', targetHandle: 'nope' })).toMatch(/no input 'nope'/);
    // A legal fan-out from one output to a free input is allowed.
    const g3 = addNode(g2, 'Dense', { x: 0, y: 0 }).graph;
    expect(connectionProblem(g3, { source: 'input_1', sourceHandle: 'out', target: 'dense_3', targetHandle: 'in' })).toBeNull();
  });

  it('connect ignores refused wires', () => {
    const g = chain();
    expect(connect(g, { source: 'dense_1', target: 'dense_1' })).toBe(g);
  });
});

describe('edits', () => {
  it('removing a node removes its wires', () => {
    const g = removeElements(chain(), ['dense_1']);
    expect(g.nodes.map((n) => n.id)).toEqual(['input_1', 'output_1']);
    expect(g.edges).toEqual([]);
  });

  it('addNode gives unique tfjs-safe ids', () => {
    let g = chain();
    g = addNode(g, 'Dense', { x: 1.4, y: 2.6 }).graph;
    const r = addNode(g, 'Dense', { x: 0, y: 0 });
    expect(r.id).toBe('dense_3');
    expect(g.nodes[3].position).toEqual({ x: 1, y: 3 });
    expect(() => addNode(g, 'NoSuchLayer', { x: 0, y: 0 })).toThrow(/Unknown layer kind/);
  });

  it('insertBefore puts the new layer on the feeding wire and inference sees it', () => {
    const g = chain();
    const before = inferGraph(g);
    expect(before.nodes.dense_1.outputs[0]).toEqual([28, 10]); // Dense on the last axis of [28, 28]
    const { graph, id } = insertBefore(g, 'dense_1', 'in', 'Flatten');
    expect(id).toBe('flatten_1');
    expect(graph.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(['dense_1>output_1', 'flatten_1>dense_1', 'input_1>flatten_1']);
    const after = inferGraph(graph);
    expect(after.nodes.flatten_1.outputs[0]).toEqual([784]);
    expect(after.nodes.dense_1.outputs[0]).toEqual([10]);
    expect(after.nodes.dense_1.params).toBe(784 * 10 + 10);
  });

  it('applyFix handles setParam (default node and explicit node) and setDataset', () => {
    let g = applyFix(chain(), 'dense_1', { type: 'setParam', param: 'units', value: 32 });
    expect(g.nodes[1].params.units).toBe(32);
    g = applyFix(g, 'dense_1', { type: 'setParam', nodeId: 'input_1', param: 'shape', value: [784] });
    expect(g.nodes[0].params.shape).toEqual([784]);
    g = applyFix(g, 'input_1', { type: 'setDataset', patch: { representation: 'matrix' } });
    expect(g.dataset.representation).toBe('matrix');
  });

  it('freeSpot moves a new node below the ones it would cover', () => {
    const g = chain();
    expect(freeSpot(g, { x: 1000, y: 0 })).toEqual({ x: 1000, y: 0 });
    expect(freeSpot(g, { x: 250, y: 10 })).toEqual({ x: 250, y: 170 });
  });

  it('never mutates the graph it is given', () => {
    const g = chain();
    const copy = structuredClone(g);
    setParam(g, 'dense_1', 'units', 5);
    insertBefore(g, 'dense_1', 'in', 'Flatten');
    removeElements(g, ['dense_1']);
    expect(g).toEqual(copy);
  });
});

describe('typed text', () => {
  it('a pasted line break or bidi control becomes a space, so the saved file opens again', () => {
    let g = setLabel(chain(), 'dense_1', 'first\nsecond\u2028third\u202e');
    g = setParam(g, 'output_1', 'target', 'y\r');
    g = renameGraph(g, 'my\u0085graph');
    g = setDataset(g, { options: { path: '/tmp/a\n.csv', header: true } });
    expect(g.nodes[1].label).toBe('first second third ');
    expect(g.nodes[2].params.target).toBe('y ');
    expect(g.name).toBe('my graph');
    expect(g.dataset.options).toEqual({ path: '/tmp/a .csv', header: true });
    expect(parseGraphFile(serializeGraph(g))).toEqual(g);
  });
});
