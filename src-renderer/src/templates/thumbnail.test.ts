import { describe, expect, it } from 'vitest';
import { TEMPLATES, getTemplate } from '../../../shared/templates';
import { BOX_H, BOX_W, MAX_ROWS, thumbnailOf } from './thumbnail';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) < BOX_W && Math.abs(a.y - b.y) < BOX_H;

describe('thumbnailOf', () => {
  it('draws every node and wire of every template, without overlapping boxes', () => {
    for (const t of TEMPLATES) {
      const th = thumbnailOf(t.graph);
      expect(th.boxes.map((b) => b.id).sort(), t.id).toEqual(t.graph.nodes.map((n) => n.id).sort());
      expect(th.lines, t.id).toHaveLength(t.graph.edges.length);
      for (let i = 0; i < th.boxes.length; i++) {
        for (let j = i + 1; j < th.boxes.length; j++) expect(overlaps(th.boxes[i], th.boxes[j]), `${t.id}: ${th.boxes[i].id} / ${th.boxes[j].id}`).toBe(false);
      }
      for (const b of th.boxes) {
        expect(b.x + BOX_W, t.id).toBeLessThanOrEqual(th.width + 1e-9);
        expect(b.y + BOX_H, t.id).toBeLessThanOrEqual(th.height + 1e-9);
      }
    }
  });

  it('puts a chain top to bottom and wraps a long one into columns', () => {
    const mlp = thumbnailOf(getTemplate('mlp-mnist')!.graph); // 6 nodes: one column
    expect(new Set(mlp.boxes.map((b) => b.x)).size).toBe(1);
    expect(mlp.boxes.map((b) => b.y)).toEqual([...mlp.boxes.map((b) => b.y)].sort((a, b) => a - b));
    // A chain of 9 layers (9 levels): two columns.
    const ids = Array.from({ length: 9 }, (_, i) => `n${i}`);
    const chain = thumbnailOf({
      nodes: ids.map((id, i) => ({ id, kind: 'Dense', params: {}, position: { x: 0, y: i * 100 } })),
      edges: ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i], sourceHandle: 'out', target: id, targetHandle: 'in' })),
    });
    expect(new Set(chain.boxes.map((b) => b.x)).size).toBe(2);
    expect(Math.max(...chain.boxes.map((b) => b.y)) / 14).toBeLessThan(MAX_ROWS);
  });

  it('puts the branches of seq2seq side by side', () => {
    const th = thumbnailOf(getTemplate('seq2seq-dates')!.graph);
    const source = th.boxes.find((b) => b.id === 'source')!;
    const decoderIn = th.boxes.find((b) => b.id === 'decoder_in')!;
    expect(source.y).toBe(decoderIn.y);
    expect(source.x).toBeLessThan(decoderIn.x);
  });
});
