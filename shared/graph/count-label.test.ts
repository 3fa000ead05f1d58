// A label that says how many blocks a node stands for follows the count: edits, presets and "apply best".
import { describe, expect, it } from 'vitest';
import type { GraphNode } from './types';
import { withCountLabel } from './count-label';
import { setPathValue } from '../experiments/paths';
import { getTemplate } from '../templates';

const block = (layers: number, label?: string): GraphNode => ({
  id: 'dec', kind: 'TransformerDecoderBlock', params: { layers }, position: { x: 0, y: 0 }, ...(label === undefined ? {} : { label }),
});

describe('count labels', () => {
  it('"N x ..." takes the count parameter; other labels and kinds stay as they are', () => {
    expect(withCountLabel(block(12, '48 x decoder block')).label).toBe('12 x decoder block');
    expect(withCountLabel(block(3, '2× encoder')).label).toBe('3× encoder');
    const same = block(12, '12 x decoder block');
    expect(withCountLabel(same)).toBe(same);
    const free = block(12, 'my decoder');
    expect(withCountLabel(free)).toBe(free);
    const dense: GraphNode = { id: 'd', kind: 'Dense', params: { units: 5 }, position: { x: 0, y: 0 }, label: '3 x dense' };
    expect(withCountLabel(dense)).toBe(dense);
  });

  it('an experiment\'s value for the block count relabels the node too', () => {
    const graph = getTemplate('char-gpt')!.graph;
    const next = setPathValue(graph, 'nodes.decoder.params.layers', 4);
    expect(next.nodes.find((n) => n.id === 'decoder')!.label).toBe('4 x decoder block');
  });
});
