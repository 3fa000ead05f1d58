import { describe, expect, it } from 'vitest';
import { inferGraphFile } from '../shared/infer';
import { parseGraphFile, serializeGraph } from '../shared/graph/validate';
import { gpt3ExpandedGraph, syntheticGraph } from './graphs';

describe('syntheticGraph (benchmark graphs)', () => {
  it.each([4, 11, 300, 1000])('builds exactly %i nodes that infer without errors down to [10]', (n) => {
    const graph = syntheticGraph(n);
    expect(graph.nodes).toHaveLength(n);
    const inference = inferGraphFile(graph);
    expect(inference.errors).toEqual([]);
    expect(inference.order).toHaveLength(n);
    const head = graph.nodes[n - 2];
    expect(inference.nodes[head.id].outputs).toEqual([[10]]);
    expect(inference.totalParams).toBeGreaterThan(784 * 64);
  });

  it('mixes branches and merges, and passes the file validator', () => {
    const graph = syntheticGraph(1000);
    const kinds = new Set(graph.nodes.map((n) => n.kind));
    for (const k of ['Add', 'Concatenate', 'LayerNormalization', 'BatchNormalization', 'Dropout']) expect(kinds).toContain(k);
    expect(graph.edges.length).toBeGreaterThan(graph.nodes.length);
    expect(parseGraphFile(serializeGraph(graph)).nodes).toHaveLength(1000);
  });

  it('rejects a size too small for Input, stem, head and Output', () => {
    expect(() => syntheticGraph(3)).toThrow(/n must be a whole number >= 4/);
  });
});

describe('gpt3ExpandedGraph (layout benchmark)', () => {
  it('is GPT-3 with 96 expanded blocks: 678 nodes, about 175B parameters, no errors', () => {
    const g = gpt3ExpandedGraph();
    expect(g.nodes).toHaveLength(678);
    const inference = inferGraphFile(g);
    expect(inference.errors).toEqual([]);
    expect(inference.totalParams / 1e9).toBeGreaterThan(174);
    expect(inference.totalParams / 1e9).toBeLessThan(176);
    expect(parseGraphFile(serializeGraph(g)).nodes).toHaveLength(678);
  });
});
