// The canvas picture (exportImage.ts): buildSvg from node boxes, wires and inferred shapes, and svgToPng with a
// faked browser image, canvas and object URL (Node has none): its size at a scale, and each way it can fail.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBezierPath, Position } from '@xyflow/react';
import { buildSvg, DARK_EXPORT, LIGHT_EXPORT, svgToPng, type SvgResult } from './exportImage';
import type { GraphNode } from '../../../shared/graph/types';
import type { NodeInference } from '../../../shared/infer';
import type { LayerFlowNode, ShapeFlowEdge } from '../store/toFlow';
import { aroundPath } from '../canvas/wirePaths';
import { HANDLE_COLORS } from '../canvas/handleColors';

function flowNode(id: string, x: number, y: number, size: { measured?: { width: number; height: number }; width?: number; height?: number } = {}): LayerFlowNode {
  return { id, type: 'layer', position: { x, y }, data: { kind: 'Dense', inputs: [], outputs: [], hasError: false }, ...size };
}
function graphNode(id: string, params: GraphNode['params'] = {}, label?: string): GraphNode {
  return { id, kind: 'Dense', params, position: { x: 0, y: 0 }, ...(label ? { label } : {}) };
}
function wire(id: string, source: string, target: string, kind?: 'tensor' | 'sequence' | 'state'): ShapeFlowEdge {
  return { id, type: 'shape', source, target, ...(kind ? { data: { kind } } : {}) };
}
const info = (over: Partial<NodeInference> = {}): NodeInference => ({ outputs: [], params: 0, ...over });

/** The markup of one node's group, or one wire's path. */
function nodeGroup(svg: string, id: string): string {
  const m = svg.match(new RegExp(`<g class="node" data-id="${id}">([\\s\\S]*?)</g>`));
  if (!m) throw new Error(`no node ${id}`);
  return m[1];
}
function edgePath(svg: string, id: string): string | null {
  return svg.match(new RegExp(`<path class="edge" data-id="${id}"[^>]*/>`))?.[0] ?? null;
}
const attr = (tag: string, name: string) => tag.match(new RegExp(` ${name}="([^"]*)"`))?.[1];

describe('buildSvg', () => {
  it('frames every node plus a 40px margin, and always the origin', () => {
    const nodes = [flowNode('a', 100, 50), flowNode('b', 400, 300, { measured: { width: 200, height: 90 }, width: 10, height: 10 }), flowNode('c', 200, 100, { width: 150, height: 60 })];
    const graph = { nodes: [graphNode('a'), graphNode('b'), graphNode('c')] };
    const r = buildSvg(nodes, [], graph, { nodes: {}, edges: {} }, DARK_EXPORT);
    // Right edge: b's measured width wins over its set width; default size is 180x70.
    expect([r.width, r.height]).toEqual([40 + 600 + 40, 40 + 390 + 40]);
    expect(r.svg).toContain(`viewBox="-40 -40 680 470"`);
    expect(nodeGroup(r.svg, 'c')).toContain('width="150" height="60"');
    expect(nodeGroup(r.svg, 'a')).toContain('width="180" height="70"');

    const left = buildSvg([flowNode('a', -300, -120)], [], { nodes: [graphNode('a')] }, { nodes: {}, edges: {} }, DARK_EXPORT);
    expect([left.width, left.height]).toEqual([340 + 40, 160 + 40]); // from -340 to the origin's margin at 40
    expect(left.svg).toContain(`viewBox="-340 -160 ${left.width} ${left.height}"`);
  });

  it('draws the background and boxes in the chosen theme', () => {
    const draw = (colors: typeof DARK_EXPORT) => buildSvg([flowNode('a', 0, 0)], [], { nodes: [graphNode('a')] }, { nodes: {}, edges: {} }, colors).svg;
    const dark = draw(DARK_EXPORT);
    const light = draw(LIGHT_EXPORT);
    expect(dark).toContain(`fill="${DARK_EXPORT.background}"`);
    expect(light).toContain(`fill="${LIGHT_EXPORT.background}"`);
    expect(nodeGroup(light, 'a')).toContain(`fill="${LIGHT_EXPORT.node}" stroke="${LIGHT_EXPORT.border}" stroke-width="1"`);
  });

  it('writes title, summary, parameter count and known output shapes; a node without a graph node shows its kind', () => {
    const nodes = [flowNode('a', 0, 0), flowNode('b', 300, 0)];
    const inference = { nodes: { a: info({ params: 12_345, outputs: [[null, 64], null] }) }, edges: {} };
    const svg = buildSvg(nodes, [], { nodes: [graphNode('a', { units: 64 }, 'Hidden <1> & "x"')] }, inference, DARK_EXPORT).svg;
    const a = nodeGroup(svg, 'a');
    expect(a).toContain('>Hidden &lt;1&gt; &amp; &quot;x&quot;</text>'); // escaped, never markup
    expect(a).toContain('>12.3K params  [?, 64]</text>'); // the unknown second output is left out
    expect(a).toMatch(/units 64/);
    const b = nodeGroup(svg, 'b');
    expect(b).toContain('>Dense</text>');
    expect(b).toContain('>0 params</text>');
    expect(b.match(/<text /g)).toHaveLength(2); // no summary line without a graph node
  });

  it('marks a node with an error in red and shortens a long message', () => {
    const long = 'x'.repeat(70);
    const inference = { nodes: { a: info({ error: { message: long } as NodeInference['error'] }), b: info({ error: { message: 'Bad <units>' } as NodeInference['error'] }) }, edges: {} };
    const svg = buildSvg([flowNode('a', 0, 0), flowNode('b', 0, 100)], [], { nodes: [graphNode('a'), graphNode('b')] }, inference, DARK_EXPORT).svg;
    const a = nodeGroup(svg, 'a');
    expect(a).toContain(`stroke="${DARK_EXPORT.error}" stroke-width="2"`);
    expect(a).toContain(`fill="${DARK_EXPORT.error}">${'x'.repeat(60)}…</text>`);
    expect(nodeGroup(svg, 'b')).toContain('>Bad &lt;units&gt;</text>');
  });

  it('draws a wire with its shape label, colored by kind; an unknown shape is dashed with "?"', () => {
    const nodes = [flowNode('a', 0, 0), flowNode('b', 300, 0), flowNode('c', 300, 200)];
    const edges = [wire('e1', 'a', 'b', 'sequence'), wire('e2', 'a', 'c')];
    const svg = buildSvg(nodes, edges, { nodes: [] }, { nodes: {}, edges: { e1: [null, 10, 32], e2: null } }, DARK_EXPORT).svg;
    const e1 = edgePath(svg, 'e1')!;
    expect(attr(e1, 'stroke')).toBe(HANDLE_COLORS.sequence);
    expect(e1).not.toContain('stroke-dasharray');
    const e2 = edgePath(svg, 'e2')!;
    expect(attr(e2, 'stroke')).toBe(HANDLE_COLORS.tensor); // no kind: a tensor wire
    expect(attr(e2, 'stroke-dasharray')).toBe('5 4');
    const labels = [...svg.matchAll(/<g class="edge-label">[\s\S]*?>([^<]*)<\/text><\/g>/g)].map((m) => m[1]);
    expect(labels).toEqual(['[?, 10, 32]', '?']);
  });

  it('runs a forward wire as a curve between the box sides and a backward one around, at measured handles when known', () => {
    const nodes = [flowNode('a', 0, 0), flowNode('b', 300, 0)];
    const inference = { nodes: {}, edges: {} };
    // No handle positions measured: from the right middle of the source to the left middle of the target.
    const fwd = buildSvg(nodes, [wire('f', 'a', 'b')], { nodes: [] }, inference, DARK_EXPORT).svg;
    const bezier = getBezierPath({ sourceX: 180, sourceY: 35, targetX: 300, targetY: 35, sourcePosition: Position.Right, targetPosition: Position.Left })[0];
    expect(attr(edgePath(fwd, 'f')!, 'd')).toBe(bezier);
    // b -> a goes backward: around, not a curve.
    const back = buildSvg(nodes, [wire('r', 'b', 'a')], { nodes: [] }, inference, DARK_EXPORT).svg;
    expect(attr(edgePath(back, 'r')!, 'd')).toBe(aroundPath({ x: 480, y: 35 }, { x: 0, y: 35 }));
    // Measured handles (by handle id; 'out'/'in' when the wire names none) win over the box sides.
    const asked: string[] = [];
    const locate = (id: string, type: 'source' | 'target', handle: string) => {
      asked.push(`${id}:${type}:${handle}`);
      return type === 'source' ? { x: 170, y: 20 } : { x: 310, y: 50 };
    };
    const measured = buildSvg(nodes, [{ ...wire('m', 'a', 'b'), targetHandle: 'in2' }], { nodes: [] }, inference, DARK_EXPORT, locate).svg;
    expect(asked).toEqual(['a:source:out', 'b:target:in2']);
    expect(attr(edgePath(measured, 'm')!, 'd')).toBe(getBezierPath({ sourceX: 170, sourceY: 20, targetX: 310, targetY: 50, sourcePosition: Position.Right, targetPosition: Position.Left })[0]);
    expect(measured).toContain('<rect x="174" y="11"'); // the label sits just after the output
  });

  it('skips a wire whose end is not on the canvas', () => {
    const svg = buildSvg([flowNode('a', 0, 0)], [wire('gone', 'a', 'zz'), wire('gone2', 'zz', 'a')], { nodes: [] }, { nodes: {}, edges: {} }, DARK_EXPORT).svg;
    expect(svg).not.toContain('class="edge"');
    expect(svg).not.toContain('edge-label');
  });
});

describe('svgToPng', () => {
  const result: SvgResult = { svg: '<svg/>', width: 100.4, height: 0.2 };
  type Ctx = { scale: ReturnType<typeof vi.fn>; drawImage: ReturnType<typeof vi.fn> };

  /** A fake browser: the image loads or fails, the canvas has a 2D context or not, toBlob encodes or not. */
  function fakeBrowser(opts: { loads?: boolean; ctx?: boolean; encodes?: boolean } = {}) {
    const { loads = true, ctx: hasCtx = true, encodes = true } = opts;
    const revoked: string[] = [];
    const ctx: Ctx = { scale: vi.fn(), drawImage: vi.fn() };
    const canvas = {
      width: 0,
      height: 0,
      getContext: (kind: string) => (hasCtx && kind === '2d' ? ctx : null),
      toBlob: (cb: (b: Blob | null) => void, type: string) => cb(encodes ? new Blob(['png'], { type }) : null),
    };
    class FakeImage {
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      set src(url: string) {
        expect(url).toBe('blob:svg');
        queueMicrotask(() => (loads ? this.onload?.() : this.onerror?.()));
      }
    }
    vi.stubGlobal('Image', FakeImage);
    vi.stubGlobal('document', { createElement: (tag: string) => (tag === 'canvas' ? canvas : null) });
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:svg');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((u) => void revoked.push(u));
    return { canvas, ctx, revoked };
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('draws the SVG at the scale onto a canvas of that size (at least 1px) and returns a PNG', async () => {
    const { canvas, ctx, revoked } = fakeBrowser();
    const png = await svgToPng(result, 3);
    expect(png.type).toBe('image/png');
    expect([canvas.width, canvas.height]).toEqual([301, 1]);
    expect(ctx.scale).toHaveBeenCalledWith(3, 3);
    expect(ctx.drawImage).toHaveBeenCalledWith(expect.any(Object), 0, 0, 100.4, 0.2);
    expect(revoked).toEqual(['blob:svg']);
  });

  it('scales 2x by default', async () => {
    const { canvas } = fakeBrowser();
    await svgToPng({ svg: '<svg/>', width: 50, height: 20 });
    expect([canvas.width, canvas.height]).toEqual([100, 40]);
  });

  it.each([
    [{ loads: false }, 'The browser could not render the SVG.'],
    [{ ctx: false }, 'No 2D canvas available.'],
    [{ encodes: false }, 'PNG encoding failed.'],
  ])('fails with a clear message (%o) and still frees the object URL', async (opts, message) => {
    const { revoked } = fakeBrowser(opts);
    await expect(svgToPng(result)).rejects.toThrow(message);
    expect(revoked).toEqual(['blob:svg']);
  });
});
