import { describe, expect, it } from 'vitest';
import { emptyGraph } from './defaults';
import type { GraphFile } from './types';
import { inferGraph } from '../infer';
import { parseGraphFile, serializeGraph } from './validate';
import { blockOfNode, recordBlock, repeatBlock, repeatedBlocks, setBlockCollapsed } from './repeat';
import { setRepeatCount } from './block-count';
import { getTemplate } from '../templates';

/** Input [64, 1] -> Conv1D (causal, kernel 2, dilation 2^i) ×3 -> Dense -> Output. */
function wavenet(): GraphFile {
  const g = emptyGraph('wavenet');
  g.nodes = [
    { id: 'input_1', kind: 'Input', params: { shape: [64, 1] }, position: { x: 0, y: 0 } },
    { id: 'conv_1', kind: 'Conv1D', params: { filters: 8, kernelSize: 2, padding: 'causal' }, position: { x: 240, y: 0 } },
    { id: 'dense_1', kind: 'Dense', params: { units: 3 }, position: { x: 480, y: 0 } },
    { id: 'output_1', kind: 'Output', params: {}, position: { x: 720, y: 0 } },
  ];
  g.edges = [
    { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'conv_1', targetHandle: 'in' },
    { id: 'b', source: 'conv_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
    { id: 'c', source: 'dense_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
  ];
  const perRepeat = { nodeId: 'conv_1', param: 'dilationRate', formula: '2^i' };
  const r = repeatBlock(g, { nodeIds: ['conv_1'], times: 3, perRepeat });
  return recordBlock(r.graph, r.repeats, 'Conv1D', { perRepeat });
}

/** Conv ids from the input along the chain to the Dense, following the wires. */
function chain(g: GraphFile): string[] {
  const out: string[] = [];
  let at = 'input_1';
  for (;;) {
    const next = g.edges.filter((e) => e.source === at);
    expect(next).toHaveLength(1);
    at = next[0].target;
    if (at === 'dense_1') return out;
    out.push(at);
  }
}

const dilations = (g: GraphFile) => chain(g).map((id) => g.nodes.find((n) => n.id === id)!.params.dilationRate);
/** Receptive field of causal kernel-2 convolutions: 1 + sum of dilations. */
const receptiveField = (g: GraphFile) => 1 + dilations(g).reduce<number>((s, d) => s + Number(d), 0);

describe('setRepeatCount', () => {
  it('grows a WaveNet block 3 -> 5 with dilations 2^i and shrinks it to 2, keeping the wiring valid', () => {
    const g3 = wavenet();
    expect(dilations(g3)).toEqual([1, 2, 4]);

    const g5 = setRepeatCount(g3, 'block_1', 5);
    expect(g5.nodes.filter((n) => n.kind === 'Conv1D')).toHaveLength(5);
    expect(g5.nodes).toHaveLength(8);
    expect(g5.edges).toHaveLength(7);
    expect(dilations(g5)).toEqual([1, 2, 4, 8, 16]);
    expect(receptiveField(g5)).toBe(32);
    const inf5 = inferGraph(g5);
    expect(inf5.errors).toEqual([]);
    expect(inf5.nodes.dense_1.outputs[0]).toEqual([64, 3]);
    // 2*1*8+8 for the first conv, 2*8*8+8 for each of the other four, 8*3+3 for the Dense.
    expect(inf5.totalParams).toBe(24 + 4 * 136 + 27);
    const b5 = repeatedBlocks(g5)[0];
    expect(b5.repeats.map((r) => r.length)).toEqual([1, 1, 1, 1, 1]);
    expect(b5.repeats.flat()).toEqual(chain(g5));
    // What followed the block moved right to make room for the two new repeats.
    expect(g5.nodes.find((n) => n.id === 'dense_1')!.position.x).toBe(g3.nodes.find((n) => n.id === 'dense_1')!.position.x + 2 * 240);

    const g2 = setRepeatCount(g5, 'block_1', 2);
    expect(g2.nodes.filter((n) => n.kind === 'Conv1D')).toHaveLength(2);
    expect(g2.nodes).toHaveLength(5);
    expect(g2.edges).toHaveLength(4);
    expect(dilations(g2)).toEqual([1, 2]);
    expect(receptiveField(g2)).toBe(4);
    const inf2 = inferGraph(g2);
    expect(inf2.errors).toEqual([]);
    expect(inf2.totalParams).toBe(24 + 136 + 27);
    expect(repeatedBlocks(g2)[0].repeats).toEqual([['conv_1'], ['conv1d_1']]);
    expect(g2.edges.filter((e) => e.target === 'dense_1').map((e) => e.source)).toEqual(['conv1d_1']);
  });

  it('goes down to a single repeat and back up, still applying the formula', () => {
    const g1 = setRepeatCount(wavenet(), 'block_1', 1);
    expect(chain(g1)).toEqual(['conv_1']);
    expect(repeatedBlocks(g1)).toHaveLength(1);
    const g4 = setRepeatCount(g1, 'block_1', 4);
    expect(dilations(g4)).toEqual([1, 2, 4, 8]);
    expect(inferGraph(g4).errors).toEqual([]);
  });

  it('copies a residual block with its internal wires', () => {
    const g = emptyGraph('res');
    g.nodes = [
      { id: 'input_1', kind: 'Input', params: { shape: [16] }, position: { x: 0, y: 0 } },
      { id: 'dense_1', kind: 'Dense', params: { units: 16 }, position: { x: 200, y: 0 } },
      { id: 'add_1', kind: 'Add', params: {}, position: { x: 400, y: 0 } },
      { id: 'output_1', kind: 'Output', params: {}, position: { x: 600, y: 0 } },
    ];
    g.edges = [
      { id: 'a', source: 'input_1', sourceHandle: 'out', target: 'dense_1', targetHandle: 'in' },
      { id: 'b', source: 'input_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
      { id: 'c', source: 'dense_1', sourceHandle: 'out', target: 'add_1', targetHandle: 'in' },
      { id: 'd', source: 'add_1', sourceHandle: 'out', target: 'output_1', targetHandle: 'in' },
    ];
    const r = repeatBlock(g, { nodeIds: ['dense_1', 'add_1'], times: 2 });
    const g3 = setRepeatCount(recordBlock(r.graph, r.repeats, 'Dense → Add'), 'block_1', 3);
    const into = (id: string) => g3.edges.filter((e) => e.target === id).map((e) => e.source).sort();
    expect(into('dense_3')).toEqual(['add_2']);
    expect(into('add_3')).toEqual(['add_2', 'dense_3']);
    expect(into('output_1')).toEqual(['add_3']);
    expect(inferGraph(g3).totalParams).toBe(3 * (16 * 16 + 16));
  });

  it('round-trips the block (formula, count, collapse) through the file format', () => {
    const g = setBlockCollapsed(setRepeatCount(wavenet(), 'block_1', 5), 'block_1', true);
    const back = parseGraphFile(serializeGraph(g));
    expect(back).toEqual(g);
    expect(repeatedBlocks(back)[0]).toMatchObject({ id: 'block_1', collapsed: true, perRepeat: { formula: '2^i' } });
    expect(repeatedBlocks(back)[0].repeats).toHaveLength(5);
    expect(blockOfNode(back, chain(back)[3])?.id).toBe('block_1');
    // Growing again after the round trip continues the formula.
    expect(dilations(setRepeatCount(back, 'block_1', 6))).toEqual([1, 2, 4, 8, 16, 32]);
    expect(repeatedBlocks(setBlockCollapsed(back, 'block_1', false))[0].collapsed).toBeUndefined();
  });

  it('loads blocks from older files without a formula and changes their count with identical copies', () => {
    const g = wavenet();
    const old = { ...g, extras: { blocks: [{ id: 'block_1', label: 'Conv1D ×3', repeats: repeatedBlocks(g)[0].repeats }] } };
    const back = parseGraphFile(serializeGraph(old));
    const g4 = setRepeatCount(back, 'block_1', 4);
    expect(dilations(g4)).toEqual([1, 2, 4, 4]);
  });

  it('refuses a bad count or an unknown block, naming it', () => {
    const g = wavenet();
    expect(() => setRepeatCount(g, 'block_9', 2)).toThrow(/no repeated block 'block_9'.*'block_1'/);
    expect(() => setRepeatCount(g, 'block_1', 0)).toThrow(/block 'block_1'.*1 to 64, got 0/);
    expect(() => setRepeatCount(g, 'block_1', 65)).toThrow(/1 to 64/);
    expect(() => setRepeatCount(g, 'block_1', 2.5)).toThrow(/whole number/);
    expect(setRepeatCount(g, 'block_1', 3)).toBe(g);
  });

  it("grows and shrinks the WaveNet template's gated residual layers, skip connections included", () => {
    const t = getTemplate('wavenet-forecast')!.graph;
    const block = repeatedBlocks(t).find((b) => b.repeats.length === 3)!;
    const perLayer = 2 * (2 * 16 * 16 + 16) + (16 * 16 + 16); // filter and gate convs (kernel 2), the 1x1
    const g4 = setRepeatCount(t, block.id, 4);
    const inf = inferGraph(g4);
    expect(Object.values(inf.nodes).filter((n) => n.error)).toEqual([]);
    expect(inf.totalParams).toBe(inferGraph(t).totalParams + perLayer);
    const added = repeatedBlocks(g4).find((b) => b.id === block.id)!.repeats[3];
    const node = (i: number) => g4.nodes.find((n) => n.id === added[i])!;
    // The new layer's filter and gate share the next dilation; its 1x1 also feeds the skip sum.
    expect([node(0).params.dilationRate, node(1).params.dilationRate]).toEqual([8, 8]);
    expect(g4.edges.filter((e) => e.target === 'skip_sum').map((e) => e.source)).toContain(added[3]);
    expect(g4.edges.filter((e) => e.target === 'skip_sum')).toHaveLength(5);
    // Back to 3: the template's parameter count and skip inputs again.
    const g3 = setRepeatCount(g4, block.id, 3);
    expect(inferGraph(g3).totalParams).toBe(inferGraph(t).totalParams);
    expect(g3.edges.filter((e) => e.target === 'skip_sum').map((e) => e.source).sort()).toEqual(t.edges.filter((e) => e.target === 'skip_sum').map((e) => e.source).sort());
    // Down to 1: the first layer's residual feeds the last layer, and the skips of the removed layers are gone.
    const g1 = setRepeatCount(t, block.id, 1);
    expect(Object.values(inferGraph(g1).nodes).filter((n) => n.error)).toEqual([]);
    expect(g1.edges.filter((e) => e.target === 'skip_sum').map((e) => e.source).sort()).toEqual(['d1_1x1', 'd8_1x1']);
    expect(g1.edges.some((e) => e.source === 'd1_residual' && e.target === 'd8_filter')).toBe(true);
  });
});
