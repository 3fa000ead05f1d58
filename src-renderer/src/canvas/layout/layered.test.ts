// The fast layered layout used for large graphs (layered.ts): on the benchmark's 300-node graph and GPT-3 with
// its 96 blocks expanded, no node overlaps another or the wire labels, every wire within a row goes right,
// every wire to a later row has a lane between the rows, it is deterministic, and a cycle is left to ELK.
import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../../../shared/graph/types';
import { gpt3ExpandedGraph, syntheticGraph } from '../../../../bench/graphs';
import { LABEL_GAP, type LayoutRequest, type LayoutResult } from './engine';
import { layeredLayout } from './layered';
import { layoutRequestOf } from './testing-request';

/** A request for a graph file: nodes with several inputs drawn taller. */
function requestOf(g: Pick<GraphFile, 'nodes' | 'edges'>, view = { width: 1392, height: 760 }): LayoutRequest {
  return layoutRequestOf(g, { view, heightPerInput: 16 });
}

type Box = { x: number; y: number; w: number; h: number; what: string };
const meets = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Node boxes and the label strips right of them (as ShapeEdge draws each wire's shape). */
function boxes(req: LayoutRequest, r: LayoutResult): Box[] {
  return req.nodes.flatMap((n) => {
    const p = r.positions[n.id];
    const node = { x: p.x, y: p.y, w: n.width, h: n.height, what: n.id };
    return n.labelWidth > 0 ? [node, { x: p.x + n.width, y: p.y, w: n.labelWidth + 2 * LABEL_GAP, h: n.height, what: `label strip of ${n.id}` }] : [node];
  });
}

function expectReadableLayout(req: LayoutRequest, r: LayoutResult): void {
  expect(Object.keys(r.positions)).toHaveLength(req.nodes.length);
  const all = boxes(req, r).sort((a, b) => a.x - b.x);
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length && all[j].x < all[i].x + all[i].w; j++) {
      expect(meets(all[i], all[j]), `${all[i].what} overlaps ${all[j].what}`).toBe(false);
    }
  }
  for (const b of all) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.w).toBeLessThanOrEqual(r.width + 1);
    expect(b.y + b.h).toBeLessThanOrEqual(r.height + 1);
  }
  const byId = new Map(req.nodes.map((n) => [n.id, n]));
  for (const e of req.edges) {
    const s = r.positions[e.source];
    const t = r.positions[e.target];
    const source = byId.get(e.source)!;
    // Downstream: right of the source and its label strip (same row), or in a later row.
    if (t.x > s.x + source.width) continue;
    // A wire back to the start of a later row: its run between the rows lies below the source, above the target.
    const route = r.routes[e.id];
    expect(route, `route of ${e.id}`).toBeDefined();
    expect(route[1].y, `${e.id} runs below its source`).toBeGreaterThan(s.y + source.height);
    expect(route[1].y, `${e.id} runs above its target`).toBeLessThan(t.y);
  }
}

describe('layeredLayout', () => {
  it('lays out the 300-node benchmark graph in rows that read at 11 px titles, nothing overlapping', () => {
    const req = requestOf(syntheticGraph(300));
    const r = layeredLayout(req)!;
    expect(r.arrangement).toMatch(/^layered in \d+ rows$/);
    expectReadableLayout(req, r);
  });

  it('lays out GPT-3 with its 96 blocks expanded (678 nodes, two-input attention)', () => {
    const req = requestOf(gpt3ExpandedGraph());
    const r = layeredLayout(req)!;
    expectReadableLayout(req, r);
    // The query and value wires of attention come from one LayerNorm: attention sits right of it.
    expect(r.positions.b5_attention.x).toBeGreaterThan(r.positions.b5_ln1.x);
  });

  it('keeps a short chain in one straight row, and wraps a long one', () => {
    const chain = (n: number) => requestOf({
      nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, kind: 'Dense', params: {}, position: { x: 0, y: 0 } })),
      edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, sourceHandle: 'out', target: `n${i + 1}`, targetHandle: 'in' })),
    });
    const short = layeredLayout(chain(3))!;
    expect(short.arrangement).toBe('layered in 1 row');
    expect(new Set(Object.values(short.positions).map((p) => p.y)).size).toBe(1);
    const req = chain(40);
    const long = layeredLayout(req)!;
    expect(long.arrangement).not.toBe('layered in 1 row');
    expectReadableLayout(req, long);
    expect(long.zoom).toBeGreaterThanOrEqual(req.readableZoom);
  });

  it('puts the branches of a block side by side in one layer, the first input on top', () => {
    const req = requestOf(syntheticGraph(10));
    const r = layeredLayout(req)!;
    expectReadableLayout(req, r);
    // Block 0 from n1: n2 -> n3 -> n4 (Dropout) -> Add n6, and n5 (LayerNorm) -> n6: n2 and n5 share a layer, n2 on top.
    expect(r.positions.n2.x).toBe(r.positions.n5.x);
    expect(r.positions.n2.y).toBeLessThan(r.positions.n5.y);
    // The main chain runs straight: n1's output handle lines up with n2's input.
    expect(r.positions.n2.y).toBe(r.positions.n1.y);
  });

  it('runs a skip wire (residual) straight through free room: no node lies across it', () => {
    // Block 1 of the benchmark graph: n7 -> two Dense branches -> Concatenate -> BatchNorm -> Add n12, and n7 -> n12.
    const req = requestOf(syntheticGraph(16), { width: 6000, height: 700 });
    const r = layeredLayout(req)!;
    expect(r.arrangement).toBe('layered in 1 row');
    expectReadableLayout(req, r);
    const byId = new Map(req.nodes.map((n) => [n.id, n]));
    const [s, t] = [r.positions.n7, r.positions.n12];
    const y = s.y + byId.get('n7')!.outputs[0].y;
    expect(t.y + byId.get('n12')!.inputs[0].y).toBe(y);
    for (const id of ['n8', 'n9', 'n10', 'n11']) {
      const p = r.positions[id];
      const crosses = p.x > s.x && p.x < t.x && p.y <= y && y <= p.y + byId.get(id)!.height;
      expect(crosses, `${id} lies across the skip wire`).toBe(false);
    }
  });

  it('gives the same layout for the same input', () => {
    const req = requestOf(syntheticGraph(300));
    expect(layeredLayout(req)).toEqual(layeredLayout(structuredClone(req)));
  });

  it('leaves a graph with a cycle to ELK, and skips wires to unknown nodes and loops', () => {
    const g = syntheticGraph(10);
    const cyclic = { ...g, edges: [...g.edges, { id: 'back', source: 'n9', sourceHandle: 'out', target: 'n1', targetHandle: 'in' }] };
    expect(layeredLayout(requestOf(cyclic))).toBeNull();
    const req = requestOf(g);
    req.edges = [...req.edges, { id: 'gone', source: 'n1', sourceHandle: 'out', target: 'nowhere', targetHandle: 'in' }, { id: 'loop', source: 'n2', sourceHandle: 'out', target: 'n2', targetHandle: 'in' }];
    const r = layeredLayout(req)!;
    expect(Object.keys(r.positions)).toHaveLength(10);
    expect(r.routes.gone).toBeUndefined();
  });
});
