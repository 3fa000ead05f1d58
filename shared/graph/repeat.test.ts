import { describe, expect, it } from 'vitest';
import { emptyGraph } from './defaults';
import type { GraphFile } from './types';
import { inferGraph } from '../infer';
import { blockShape, evalFormula, repeatBlock } from './repeat';

function wavenetStub(): GraphFile {
  const g = emptyGraph('w');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [64, 1] }, position: { x: 0, y: 0 } },
    { id: 'conv_1', kind: 'Conv1D', params: { filters: 8, kernelSize: 2, padding: 'causal' }, position: { x: 240, y: 0 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 480, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'conv_1', targetHandle: 'in' },
    { id: 'b', source: 'conv_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  return g;
}

describe('evalFormula', () => {
  it('computes per-repeat values and names bad input', () => {
    expect([0, 1, 2, 3].map((i) => evalFormula('2^i', i))).toEqual([1, 2, 4, 8]);
    expect(evalFormula('16 * (i + 1) - 2^2^0', 2)).toBe(46);
    expect(evalFormula('-i + 3', 1)).toBe(2);
    expect(() => evalFormula('2 ** i', 1)).toThrow(/unexpected "\*"/);
    expect(() => evalFormula('alert(1)', 1)).toThrow(/unexpected "a"/);
    expect(() => evalFormula('(i + 1', 1)).toThrow(/"\)" is missing/);
    expect(() => evalFormula('1 / i', 0)).toThrow(/Infinity/);
  });
});

describe('repeatBlock', () => {
  it('chains WaveNet-style dilated convolutions with dilation 2^i and keeps the output wired', () => {
    const { graph, repeats } = repeatBlock(wavenetStub(), { nodeIds: ['conv_1'], times: 4, perRepeat: { nodeId: 'conv_1', param: 'dilationRate', formula: '2^i' } });
    expect(repeats).toEqual([['conv_1'], ['conv1d_1'], ['conv1d_2'], ['conv1d_3']]);
    const dil = repeats.map(([id]) => graph.nodes.find((n) => n.id === id)!.params.dilationRate);
    expect(dil).toEqual([1, 2, 4, 8]);
    const chain = graph.edges.map((e) => `${e.source}>${e.target}`).sort();
    expect(chain).toEqual(['conv1d_1>conv1d_2', 'conv1d_2>conv1d_3', 'conv1d_3>output_1', 'conv_1>conv1d_1', 'input_1>conv_1'].sort());
    const inf = inferGraph(graph);
    expect(inf.errors).toEqual([]);
    // First conv: 2 * 1 * 8 + 8; each later one: 2 * 8 * 8 + 8.
    expect(inf.totalParams).toBe(24 + 3 * 136);
    expect(inf.nodes.conv1d_3.outputs[0]).toEqual([64, 8]);
    // The Output moved right to make room.
    expect(graph.nodes.find((n) => n.id === 'output_1')!.position.x).toBe(480 + 3 * 240);
  });
  it('copies internal wires of a residual block and feeds each copy from the previous exit', () => {
    const g = emptyGraph('res');
    g.nodes = [
      { id: 'input_1', kind: 'Input', params: { shape: [16] }, position: { x: 0, y: 0 } },
      { id: 'dense_1', kind: 'Dense', params: { units: 16 }, position: { x: 200, y: 0 } },
      { id: 'add_1', kind: 'Add', params: {}, position: { x: 400, y: 0 } },
    ];
    g.edges = [
      { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
      { id: 'b', source: 'input_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
      { id: 'c', source: 'dense_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
    ];
    const { graph, repeats } = repeatBlock(g, { nodeIds: ['dense_1', 'add_1'], times: 3 });
    expect(repeats[2]).toEqual(['dense_3', 'add_3']);
    const into = (id: string) => graph.edges.filter((e) => e.target === id).map((e) => e.source).sort();
    expect(into('dense_2')).toEqual(['add_1']);
    expect(into('add_2')).toEqual(['add_1', 'dense_2']);
    expect(into('add_3')).toEqual(['add_2', 'dense_3']);
    expect(inferGraph(graph).nodes.add_3.outputs[0]).toEqual([16]);
    expect(inferGraph(graph).totalParams).toBe(3 * (16 * 16 + 16));
  });
  it('refuses blocks without exactly one way in and out, saying why', () => {
    const g = wavenetStub();
    expect(() => blockShape(g, [])).toThrow(/Select the layers/);
    expect(() => blockShape(g, ['input_1', 'conv_1'])).toThrow(/Input or Output/);
    const loose = { ...g, edges: g.edges.filter((e) => e.id !== 'a') };
    expect(() => blockShape(loose, ['conv_1'])).toThrow(/one wire coming in/);
    expect(() => repeatBlock(g, { nodeIds: ['conv_1'], times: 1 })).toThrow(/between 2 and 64/);
    expect(() => repeatBlock(g, { nodeIds: ['conv_1'], times: 3, perRepeat: { nodeId: 'output_1', param: 'x', formula: 'i' } })).toThrow(/not part of the block/);
  });
});
