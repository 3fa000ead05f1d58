import { describe, expect, it } from 'vitest';
import { baseName, graphFileName } from './names';

describe('graph file names', () => {
  it('makes a safe <name>.layerlab.json', () => {
    expect(graphFileName('MLP on MNIST')).toBe('MLP on MNIST.layerlab.json');
    expect(graphFileName('a/b:c*\u0001')).toBe('a_b_c__.layerlab.json');
    expect(graphFileName('  ')).toBe('Untitled.layerlab.json');
    expect(baseName('/home/u/models/x.layerlab.json')).toBe('x.layerlab.json');
    expect(baseName('C:\\models\\y.layerlab.json')).toBe('y.layerlab.json');
  });
});
