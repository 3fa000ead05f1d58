import { describe, expect, it } from 'vitest';
import { ensureGraphId, graphIdOf, newGraphId, withNewGraphId } from './identity';
import { emptyGraph } from './defaults';
import { parseGraphFile, serializeGraph } from './validate';

describe('graph identity', () => {
  it('gives a graph without an id a fresh one, and keeps an existing one', () => {
    const g = emptyGraph();
    expect(graphIdOf(g)).toBeNull();
    const a = ensureGraphId(g);
    expect(graphIdOf(a)).toMatch(/^g-[0-9a-z]{10}$/);
    expect(ensureGraphId(a)).toBe(a);
    expect(graphIdOf(withNewGraphId(a))).not.toBe(graphIdOf(a));
  });

  it('survives saving and reopening, next to other extras', () => {
    const g = ensureGraphId({ ...emptyGraph(), extras: { blocks: [] } });
    const back = parseGraphFile(serializeGraph(g));
    expect(graphIdOf(back)).toBe(graphIdOf(g));
    expect(back.extras?.blocks).toEqual([]);
  });

  it('ignores a malformed id (a hand-edited file) and replaces it', () => {
    const g = { ...emptyGraph(), extras: { graphId: 'has spaces/and slashes' } };
    expect(graphIdOf(g)).toBeNull();
    expect(graphIdOf(ensureGraphId(g))).not.toBeNull();
    expect(graphIdOf({ extras: { graphId: 42 } })).toBeNull();
  });

  it('draws ids from the given random source', () => {
    expect(newGraphId(() => 0)).toBe('g-0000000000');
    expect(new Set(Array.from({ length: 100 }, () => newGraphId())).size).toBe(100);
  });
});
