import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates';
import { layerNameFor, nameNodesIn, nodeName } from './node-names';

const mlp = getTemplate('mlp-mnist')!.graph;

describe('node names in messages', () => {
  it('names nodes by label or kind, numbered along the wires when there are several', () => {
    expect(nodeName(mlp, 'output')).toBe('the Output node');
    expect(nodeName(mlp, 'dense_2')).toBe('Dense layer 2 of 4');
    const labelled = { ...mlp, nodes: mlp.nodes.map((n) => (n.id === 'dense_4' ? { ...n, label: 'Classes' } : n)) };
    expect(nodeName(labelled, 'dense_4')).toBe('the "Classes" Dense layer');
    expect(nodeName(mlp, 'nope')).toBe("node 'nope'");
  });

  it('replaces the tfjs layer names engine errors quote, keeping what follows them', () => {
    const msg = `Error when checking target: expected ${layerNameFor('dense_4')} to have shape [null,10]; ${layerNameFor('dense_1')}/kernel is NaN`;
    expect(nameNodesIn(msg, mlp)).toBe('Error when checking target: expected Dense layer 4 of 4 to have shape [null,10]; Dense layer 1 of 4/kernel is NaN');
    expect(nameNodesIn('n_unknown failed', mlp)).toBe('n_unknown failed');
  });
});
