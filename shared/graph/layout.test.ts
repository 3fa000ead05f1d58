import { describe, expect, it } from 'vitest';
import { layoutLeftToRight, longestPathLayers } from './layout';

const n = (...ids: string[]) => ids.map((id) => ({ id }));
const e = (...pairs: [string, string][]) => pairs.map(([source, target]) => ({ source, target }));

describe('longestPathLayers', () => {
  it('puts each node one column right of its furthest source', () => {
    // a -> b -> c, a -> c (skip): c must sit after b, not next to a.
    const layers = longestPathLayers(n('c', 'b', 'a'), e(['a', 'b'], ['b', 'c'], ['a', 'c']));
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2 });
  });
  it('parks nodes on a cycle after the rest instead of looping', () => {
    const layers = longestPathLayers(n('a', 'x', 'y'), e(['x', 'y'], ['y', 'x']));
    expect(layers.get('a')).toBe(0);
    expect(layers.get('x')).toBe(1);
    expect(layers.get('y')).toBe(1);
  });
});

describe('layoutLeftToRight', () => {
  it('flows left to right with columns as wide as their widest node', () => {
    const sizes = new Map([
      ['a', { width: 100, height: 50 }],
      ['b', { width: 300, height: 50 }],
      ['c', { width: 100, height: 50 }],
    ]);
    const pos = layoutLeftToRight(n('a', 'b', 'c'), e(['a', 'b'], ['b', 'c']), { sizes, columnGap: 50, origin: { x: 10, y: 20 } });
    expect(pos.get('a')).toEqual({ x: 10, y: 20 });
    expect(pos.get('b')).toEqual({ x: 160, y: 20 });
    expect(pos.get('c')).toEqual({ x: 510, y: 20 });
  });
  it('orders a column by barycenter so parallel branches do not cross', () => {
    // Sources s1 (top), s2 (bottom); their targets are listed in the opposite order in the file.
    const pos = layoutLeftToRight(n('s1', 's2', 't2', 't1'), e(['s1', 't1'], ['s2', 't2']));
    expect(pos.get('s1')!.y).toBeLessThan(pos.get('s2')!.y);
    expect(pos.get('t1')!.y).toBeLessThan(pos.get('t2')!.y);
  });
  it('never overlaps two nodes in a column', () => {
    const ids = ['in', 'a', 'b', 'c', 'd', 'out'];
    const pos = layoutLeftToRight(n(...ids), e(['in', 'a'], ['in', 'b'], ['in', 'c'], ['in', 'd'], ['a', 'out'], ['b', 'out'], ['c', 'out'], ['d', 'out']), { rowGap: 10 });
    const col1 = ['a', 'b', 'c', 'd'].map((id) => pos.get(id)!);
    expect(new Set(col1.map((p) => p.x)).size).toBe(1);
    const ys = col1.map((p) => p.y).sort((x, y) => x - y);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(80 + 10);
    expect(pos.get('out')!.x).toBeGreaterThan(col1[0].x);
  });
});
