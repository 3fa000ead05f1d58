// ELK's input no longer carries options on every input port and node (the port constraint and the input
// side are given once as global options; outputs still say EAST). That must not move anything: the layouts
// of templates and a 300-node graph are compared, coordinate for coordinate, with the
// layouts of the input as it was sent before (every port with its side, every node with FIXED_POS).
import { describe, expect, it } from 'vitest';
import ELK from 'elkjs';
import type { ELK as ElkApi, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { TEMPLATES } from '../../../../shared/templates';
import type { GraphFile } from '../../../../shared/graph/types';
import { syntheticGraph } from '../../../../bench/graphs';
import { layoutGraph, type LayoutRequest } from './engine';
import { layoutRequestOf } from './testing-request';

const elk = new ELK() as unknown as ElkApi;

/** ELK fed the input as it was before: options on every node and port, no global options. */
const elkWithPerPortOptions: ElkApi = {
  ...elk,
  layout: (graph: ElkNode, args?: { layoutOptions?: LayoutOptions }) => {
    expect(args?.layoutOptions).toEqual({ 'elk.portConstraints': 'FIXED_POS', 'elk.port.side': 'WEST' });
    const children = (graph.children ?? []).map((c) => ({
      ...c,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: (c.ports ?? []).map((p) => ({ ...p, layoutOptions: { 'elk.port.side': p.id.includes('\u0000in\u0000') ? 'WEST' : 'EAST' } })),
    }));
    return elk.layout({ ...graph, children });
  },
} as ElkApi;

function requestOf(g: Pick<GraphFile, 'nodes' | 'edges'>): LayoutRequest {
  return layoutRequestOf(g, { view: { width: 1200, height: 700 } });
}

const cases: [string, LayoutRequest][] = [
  ...['mlp-mnist', 'cnn-cifar10', 'snail-fewshot', 'seq2seq-dates-attention', 'wavenet-forecast'].flatMap((id) => {
    const t = TEMPLATES.find((x) => x.id === id);
    return t ? [[`template ${id}`, requestOf(t.graph)] as [string, LayoutRequest]] : [];
  }),
  ['synthetic 300 nodes', requestOf(syntheticGraph(300))],
];

describe('ELK input without per-port options', () => {
  it('covers templates with branches and two-input nodes', () => {
    // A renamed template must not shrink the comparison silently.
    expect(cases.map(([name]) => name)).toEqual(expect.arrayContaining(['template cnn-cifar10', 'template snail-fewshot', 'template seq2seq-dates-attention']));
  });
  it.each(cases)('%s: same positions, size, routes and arrangement as with the options on every port', async (_, req) => {
    const before = await layoutGraph(elkWithPerPortOptions, req);
    const after = await layoutGraph(elk, req);
    expect(Object.keys(after.positions).length).toBe(req.nodes.length);
    expect(after).toEqual(before);
  }, 60_000);
});
