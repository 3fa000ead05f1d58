// The ELK layout on graphs shaped like the templates (elkjs runs in Node here, in a worker in the app):
// nothing overlaps, every wire label has its room, a long chain wraps into rows to stay readable, a short
// one stays a straight row, and a large graph gets one wrapped layout.
import { describe, expect, it } from 'vitest';
import ELK from 'elkjs';
import type { ELK as ElkApi } from 'elkjs/lib/elk-api';
import { LABEL_GAP, PER_ELEMENT_OPTIONS, layoutGraph, oneRowMinWidth, toElkGraph, type LayoutEdge, type LayoutNode, type LayoutRequest, type LayoutResult } from './engine';

const elk = new ELK() as unknown as ElkApi;
const READABLE = 11 / 15;

function node(id: string, opts: Partial<LayoutNode> = {}): LayoutNode {
  return { id, width: 180, height: 80, inputs: [{ id: 'in', y: 18 }], outputs: [{ id: 'out', y: 18 }], labelWidth: 64, ...opts };
}
const wire = (source: string, target: string, targetHandle = 'in'): LayoutEdge => ({ id: `${source}-${target}-${targetHandle}`, source, sourceHandle: 'out', target, targetHandle });

function chain(n: number): Pick<LayoutRequest, 'nodes' | 'edges'> {
  const nodes = Array.from({ length: n }, (_, i) => node(`n${i}`));
  return { nodes, edges: nodes.slice(1).map((x, i) => wire(nodes[i].id, x.id)) };
}

const request = (g: Pick<LayoutRequest, 'nodes' | 'edges'>, view = { width: 924, height: 514 }): LayoutRequest => ({ ...g, view, readableZoom: READABLE, maxZoom: 1 });

type Rect = { x: number; y: number; w: number; h: number; what: string };
/** Every node's box and every wire label's box (as ShapeEdge draws it: right of the output handle). */
function drawn(req: LayoutRequest, r: LayoutResult): { nodes: Rect[]; labels: Rect[] } {
  const nodes: Rect[] = [];
  const labels: Rect[] = [];
  for (const n of req.nodes) {
    const p = r.positions[n.id];
    nodes.push({ x: p.x, y: p.y, w: n.width, h: n.height, what: n.id });
    if (n.labelWidth > 0) for (const o of n.outputs) labels.push({ x: p.x + n.width + LABEL_GAP, y: p.y + o.y - 9, w: n.labelWidth, h: 18, what: `label of ${n.id}` });
  }
  return { nodes, labels };
}
const meets = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function expectNothingCovered(req: LayoutRequest, r: LayoutResult): void {
  const { nodes, labels } = drawn(req, r);
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) expect(meets(nodes[i], nodes[j]), `${nodes[i].what} overlaps ${nodes[j].what}`).toBe(false);
    for (const l of labels) expect(meets(nodes[i], l), `${nodes[i].what} covers the ${l.what}`).toBe(false);
  }
}

describe('layoutGraph (ELK layered)', () => {
  it('wraps a 10-layer chain into rows that read at 11 px titles, with no overlaps and every label clear', async () => {
    const req = request(chain(10));
    const r = await layoutGraph(elk, req);
    expect(r.arrangement).toMatch(/^wrapped/);
    expect(r.zoom).toBeGreaterThanOrEqual(READABLE);
    expectNothingCovered(req, r);
    // Laid out in one long row it would be far too small to read.
    const row = await elk.layout(toElkGraph(req, { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' }), { layoutOptions: PER_ELEMENT_OPTIONS });
    expect(req.view.width / row.width!).toBeLessThan(READABLE);
    // Rows: each wire either goes right (within a row) or back to the start of a lower row, with a route.
    for (const e of req.edges) {
      const s = r.positions[e.source];
      const t = r.positions[e.target];
      if (t.x > s.x) continue;
      expect(t.y).toBeGreaterThan(s.y);
      expect(r.routes[e.id], `route of ${e.id}`).toBeDefined();
    }
  });

  it('keeps a short chain in one straight row when that is readable', async () => {
    const req = request(chain(4));
    const r = await layoutGraph(elk, req);
    expect(r.arrangement).toBe('one row');
    expect(new Set(Object.values(r.positions).map((p) => p.y)).size).toBe(1);
    expectNothingCovered(req, r);
  });

  it('places branches side by side and wires each source to the port it feeds (attention: query, value)', async () => {
    const attention = node('attention', { inputs: [{ id: 'query', y: 30 }, { id: 'value', y: 50 }], height: 100 });
    const g = { nodes: [node('x'), node('q'), node('v'), attention], edges: [wire('x', 'q'), wire('x', 'v'), wire('v', 'attention', 'value'), wire('q', 'attention', 'query')] };
    const req = request(g);
    const r = await layoutGraph(elk, req);
    expectNothingCovered(req, r);
    expect(r.positions.q.x).toBe(r.positions.v.x); // the two branches share a layer
    expect(r.positions.q.y).toBeLessThan(r.positions.v.y); // the query branch feeds the upper port
    expect(r.positions.attention.x).toBeGreaterThan(r.positions.q.x);
  });

  it('lays out a 300-node graph once, wrapped, without overlaps', async () => {
    const g = chain(300);
    // Residual skips every 6 nodes, like the benchmark graph.
    for (let i = 0; i + 6 < 300; i += 6) g.edges.push({ ...wire(`n${i}`, `n${i + 6}`, 'in'), id: `skip${i}` });
    const req = request(g);
    const r = await layoutGraph(elk, req);
    expect(r.arrangement).toMatch(/^wrapped/);
    expect(Object.keys(r.positions)).toHaveLength(300);
    const { nodes } = drawn(req, r);
    nodes.sort((a, b) => a.x - b.x);
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length && nodes[j].x < nodes[i].x + nodes[i].w; j++) expect(meets(nodes[i], nodes[j])).toBe(false);
  }, 120_000);

  it('skips wires to unknown nodes and loops instead of failing', () => {
    const g = toElkGraph({ nodes: [node('a'), node('b')], edges: [wire('a', 'b'), wire('a', 'gone'), wire('b', 'b')] }, {});
    expect(g.edges!.map((e) => e.id)).toEqual(['a-b-in']);
  });
  it('knows a chain too long to read in one row without laying it out, and wraps it straight away', async () => {
    const long = chain(12);
    // 12 nodes of 180 + label strip 64 + gaps, 24 between layers: the widest chain there is.
    expect(oneRowMinWidth(long)).toBe(12 * (180 + 64 + 2 * LABEL_GAP) + 11 * 24);
    expect(oneRowMinWidth({ nodes: [node('a'), node('b')], edges: [wire('a', 'b'), wire('b', 'a')] })).toBeNull();
    const r = await layoutGraph(elk, request(long));
    expect(r.arrangement).toMatch(/^wrapped/);
    expect(r.zoom).toBeGreaterThanOrEqual(READABLE);
  });
});
