import { describe, expect, it } from 'vitest';
import { emptyGraph } from './defaults';
import type { GraphFile } from './types';
import { inferGraph } from '../infer';
import { parseGraphFile, serializeGraph } from './validate';
import { addToLibrary, blockLibrary, removeFromLibrary, insertSavedBlock, makeSavedBlock, parseSavedBlock, withBlock } from './block-library';

/** Input [16] -> Dense 16 -> Add(input, dense) -> Output: a residual block of two layers. */
function residual(): GraphFile {
  const g = emptyGraph('res');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [16] }, position: { x: 0, y: 0 } },
    { id: 'dense_1', kind: 'Dense', params: { units: 16, activation: 'relu' }, position: { x: 300, y: 100 } },
    { id: 'add_1', kind: 'Add', params: {}, position: { x: 500, y: 80 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 700, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
    { id: 'b', source: 'input_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
    { id: 'c', source: 'dense_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
    { id: 'd', source: 'add_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  return g;
}

describe('saved blocks', () => {
  it('saves the selected layers with only their internal wires, relative to the top-left corner', () => {
    const block = makeSavedBlock(residual(), ['dense_1', 'add_1'], '  Res block ');
    expect(block.id).toBe('res-block');
    expect(block.name).toBe('Res block');
    expect(block.nodes.map((n) => [n.id, n.position])).toEqual([
      ['dense_1', { x: 0, y: 20 }],
      ['add_1', { x: 200, y: 0 }],
    ]);
    expect(block.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['dense_1>add_1']);
  });

  it('inserts a fresh copy with new ids and its internal wire, which can be wired into a working model', () => {
    const g = residual();
    const block = makeSavedBlock(g, ['dense_1', 'add_1'], 'Res');
    const { graph, ids } = insertSavedBlock(g, block, { x: 1000, y: 400 });
    expect(ids).toEqual(['dense_2', 'add_2']);
    expect(graph.nodes).toHaveLength(6);
    expect(graph.nodes.find((n) => n.id === 'dense_2')).toMatchObject({ params: { units: 16, activation: 'relu' }, position: { x: 1000, y: 420 } });
    expect(graph.edges.filter((e) => ids.includes(e.source)).map((e) => `${e.source}>${e.target}`)).toEqual(['dense_2>add_2']);
    // The copy is independent of the saved block.
    graph.nodes.find((n) => n.id === 'dense_2')!.params.units = 8;
    expect(block.nodes[0].params.units).toBe(16);
    graph.nodes.find((n) => n.id === 'dense_2')!.params.units = 16;
    // Chain the copy after the original block: add_1 -> (dense_2, add_2) -> Output.
    graph.edges = graph.edges.filter((e) => e.id !== 'd');
    graph.edges.push(
      { id: 'x1', source: 'add_1', sourceHandle: 'out', target: 'dense_2', targetHandle: 'in' },
      { id: 'x2', source: 'add_1', sourceHandle: 'out', target: 'add_2', targetHandle: 'in' },
      { id: 'x3', source: 'add_2', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
    );
    const inf = inferGraph(graph);
    expect(inf.errors).toEqual([]);
    expect(inf.totalParams).toBe(2 * (16 * 16 + 16));
  });

  it('travels with the file and replaces a block saved under the same name', () => {
    let g = addToLibrary(residual(), makeSavedBlock(residual(), ['dense_1', 'add_1'], 'Res'));
    g = addToLibrary(g, makeSavedBlock(residual(), ['dense_1'], 'Dense only'));
    g = addToLibrary(g, makeSavedBlock(residual(), ['dense_1'], 'RES'));
    const back = parseGraphFile(serializeGraph(g));
    const { blocks, problems } = blockLibrary(back);
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.name, b.nodes.length])).toEqual([
      ['RES', 1],
      ['Dense only', 1],
    ]);
    expect(withBlock(blocks, { ...blocks[1], name: 'Dense only' }).length).toBe(2);
    // Deleting one leaves the other; deleting one the file does not carry changes nothing.
    const fewer = removeFromLibrary(back, 'res');
    expect(blockLibrary(fewer).blocks.map((b) => b.name)).toEqual(['Dense only']);
    expect(removeFromLibrary(fewer, 'res')).toBe(fewer);
  });

  it('refuses Input/Output nodes, empty names and broken entries, saying where', () => {
    const g = residual();
    expect(() => makeSavedBlock(g, ['input_1', 'dense_1'], 'x')).toThrow(/'input_1' is an Input node/);
    expect(() => makeSavedBlock(g, ['dense_1'], '  ')).toThrow(/name/);
    expect(() => makeSavedBlock(g, [], 'x')).toThrow(/Select the layers/);
    const good = makeSavedBlock(g, ['dense_1', 'add_1'], 'Res');
    expect(() => parseSavedBlock({ ...good, nodes: [{ ...good.nodes[0], kind: 'Dnse' }] }, 'My blocks[0]')).toThrow("My blocks[0] ('Res'): layer 'dense_1' has a kind 'Dnse' a block cannot hold.");
    expect(() => parseSavedBlock({ ...good, nodes: [good.nodes[0]] }, 'b')).toThrow(/wire 1 \(dense_1 -> add_1\) leaves the block/);
    const withBroken = { ...g, extras: { blockLibrary: [good, { name: 'Bad', nodes: [], edges: [] }] } };
    const { blocks, problems } = blockLibrary(withBroken);
    expect(blocks.map((b) => b.name)).toEqual(['Res']);
    expect(problems).toEqual(["extras.blockLibrary[1] ('Bad'): it has no layers."]);
  });
});
