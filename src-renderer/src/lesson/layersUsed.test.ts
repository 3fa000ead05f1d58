import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import { layersUsed } from './layersUsed';

describe('layersUsed', () => {
  it('lists each kind once in the order data meets it, with its first node and how many there are', () => {
    const uses = layersUsed(getTemplate('mlp-mnist')!.graph);
    expect(uses.map((u) => [u.def.kind, u.nodeId, u.count])).toEqual([['Dense', 'dense_1', 4]]);
    expect(uses[0].def.help.formula).toBe('y = f(W x + b)');
  });

  it('follows the wires, not the order nodes were written', () => {
    const cnn = getTemplate('cnn-cifar10')!.graph;
    const reversed = { ...cnn, nodes: [...cnn.nodes].reverse() };
    expect(layersUsed(reversed).map((u) => u.def.kind)).toEqual(['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout']);
  });
});
