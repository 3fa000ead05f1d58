// Tied Dense in whole-graph inference: its size comes from the Embedding it names, the matrix is counted once
// (at the Embedding), a wrong input size or a missing, deleted, wrong-kind or downstream link is an error on
// the head with one-click fixes, and the link orders the Embedding first without being a wire.
import '../../i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { inferGraph } from '../../infer';
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphFile, type GraphNode } from '../../graph/types';
import { parseGraphFile, serializeGraph } from '../../graph/validate';
import type { ParamValues } from '../types';
import { getLayerDef, withDefaults } from '..';
import { messageText } from '../../i18n/layer-text';

type Spec = [id: string, kind: string, params?: ParamValues];

/** A chain of `specs` wired out -> in, in order. */
function chain(...specs: Spec[]): GraphFile {
  const nodes: GraphNode[] = specs.map(([id, kind, params], i) => ({ id, kind, params: params ?? {}, position: { x: i * 240, y: 0 } }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, sourceHandle: 'out', target: n.id, targetHandle: 'in' }));
  return {
    format: GRAPH_FORMAT, version: GRAPH_VERSION, name: 'tied', nodes, edges,
    dataset: { id: 'synthetic', representation: 'vector', labels: 'int', normalization: 'none', validationSplit: 0, limit: 0, seed: 1 },
    training: { epochs: 1, batchSize: 8, optimizer: 'adam', learningRate: 0.01, loss: 'sparseCategoricalCrossentropy', metrics: [], backend: 'cpu' },
  };
}

const lm = (head: ParamValues = { tiedTo: 'emb' }, d = 8) =>
  chain(['x', 'Input', { shape: [6] }], ['emb', 'Embedding', { inputDim: 50, outputDim: 8 }], ['mix', 'Dense', { units: d, activation: 'tanh' }], ['head', 'TiedDense', head], ['y', 'Output']);

describe('Tied Dense inference', () => {
  it('takes vocab from the Embedding and counts the matrix once (0 at the head, the bias if any)', () => {
    const r = inferGraph(lm());
    expect(r.errors).toEqual([]);
    expect(r.nodes.head.outputs).toEqual([[6, 50]]);
    expect(r.nodes.head.params).toBe(0);
    expect(r.nodes.emb.params).toBe(400);
    expect(r.totalParams).toBe(400 + 8 * 8 + 8);
    expect(inferGraph(lm({ tiedTo: 'emb', useBias: true })).nodes.head.params).toBe(50);
    expect(r.nodes.head.notes).toEqual(["Reuses emb's 50 x 8 matrix (400 weights, counted there once)."]);
    expect(r.nodes.emb.notes).toContain('Tied weights with head (a link, not a wire): this node holds the weights.');
    // The link is not a wire: no edge carries it, nothing feeds the head but 'mix'.
    expect(Object.keys(r.edges)).toHaveLength(4);
  });

  it('an input that is not the Embedding\'s vector size is an error with two fixes', () => {
    const r = inferGraph(lm({ tiedTo: 'emb' }, 5));
    expect(r.nodes.head.error?.message).toBe("Tied Dense multiplies by emb's 50 x 8 matrix, so its input needs 8 features (the Embedding's vector size), but it gets [6, 5].");
    expect(r.nodes.head.error?.fixes.map(({ label, action }) => ({ label, action }))).toEqual([
      { label: "Set emb's vector size to 5", action: { type: 'setParam', nodeId: 'emb', param: 'outputDim', value: 5 } },
      { label: 'Insert Dense 8 before it', action: { type: 'insertBefore', handle: 'in', kind: 'Dense', params: { units: 8, activation: 'linear' } } },
    ]);
    // The first fix, applied by hand: the graph fits.
    const fixed = lm({ tiedTo: 'emb' }, 5);
    fixed.nodes[1].params.outputDim = 5;
    expect(inferGraph(fixed).errors).toEqual([]);
  });

  it('an unset link offers every Embedding; with none it says to add one', () => {
    const g = lm({});
    g.nodes.push({ id: 'emb2', kind: 'Embedding', params: { inputDim: 9, outputDim: 8 }, position: { x: 0, y: 200 }, label: 'Other table' });
    const r = inferGraph(g);
    expect(r.nodes.head.error?.message).toBe("Tied Dense's 'Tied to' is not set: choose the Embedding it uses.");
    expect(r.nodes.head.error?.fixes.map((f) => [f.label, f.action])).toEqual([
      ['Use emb', { type: 'setParam', param: 'tiedTo', value: 'emb' }],
      ['Use Other table', { type: 'setParam', param: 'tiedTo', value: 'emb2' }],
    ]);
    const none = chain(['x', 'Input', { shape: [6, 8] }], ['head', 'TiedDense'], ['y', 'Output']);
    expect(inferGraph(none).nodes.head.error?.message).toBe("Tied Dense's 'Tied to' is not set: choose the Embedding it uses. There is none in the graph: add one first.");
  });

  it('a link to a deleted node or to another kind is an error on the head', () => {
    expect(inferGraph(lm({ tiedTo: 'gone' })).nodes.head.error?.message).toBe(
      "Tied Dense's 'Tied to' names 'gone', which is not in the graph (deleted?): choose another Embedding.",
    );
    expect(inferGraph(lm({ tiedTo: 'mix' })).nodes.head.error?.message).toBe("Tied Dense's 'Tied to' names mix, a Dense; it needs an Embedding.");
  });

  it('the link errors, their fixes and the linked node\'s note in Korean (the parameter by its Korean label, no English article)', () => {
    const say = (item: { message: string; text?: Parameters<typeof messageText>[0]['text'] }) => messageText(item, item.message, 'ko');
    const unset = inferGraph(lm({})).nodes.head.error!;
    expect(say(unset)).toBe("Tied Dense의 '공유 대상'이(가) 설정되지 않았습니다: 사용할 Embedding을(를) 고르세요.");
    expect(unset.fixes.map((f) => messageText(f, f.label, 'ko'))).toEqual(['emb 사용']);
    expect(messageText(unset, unset.message, 'en')).toBe(unset.message);
    const gone = inferGraph(lm({ tiedTo: 'gone' })).nodes.head.error!;
    expect(say(gone)).toBe("Tied Dense의 '공유 대상'이(가) 가리키는 'gone'은(는) 그래프에 없습니다 (삭제되었나요?): 다른 Embedding을(를) 고르세요.");
    const wrong = inferGraph(lm({ tiedTo: 'mix' })).nodes.head.error!;
    expect(say(wrong)).toBe("Tied Dense의 '공유 대상'이(가) 가리키는 mix은(는) Dense입니다: Embedding이어야 합니다.");
    const none = inferGraph(chain(['x', 'Input', { shape: [6, 8] }], ['head', 'TiedDense'], ['y', 'Output'])).nodes.head.error!;
    expect(say(none)).toContain('그래프에 하나도 없으니 먼저 추가하세요.');
    const emb = inferGraph(lm()).nodes.emb;
    const i = emb.notes!.indexOf('Tied weights with head (a link, not a wire): this node holds the weights.');
    expect(messageText({ text: emb.noteTexts?.[i] }, emb.notes![i], 'ko')).toBe('head와(과) 공유 가중치 (연결선이 아닌 링크): 이 노드가 가중치를 가집니다.');
  });

  it('the link orders the Embedding first even when the file lists it last, and a link downstream is refused', () => {
    const g = lm();
    g.nodes = [...g.nodes].reverse();
    const r = inferGraph(g);
    expect(r.errors).toEqual([]);
    expect(r.order.indexOf('emb')).toBeLessThan(r.order.indexOf('head'));
    // head -> emb2 (a wire) while head is tied to emb2: the Embedding would need the head's output first.
    const loop = chain(['x', 'Input', { shape: [6, 8] }], ['head', 'TiedDense', { tiedTo: 'emb2' }], ['emb2', 'Embedding', { inputDim: 4, outputDim: 8 }], ['y', 'Output']);
    expect(inferGraph(loop).nodes.head.error?.message).toBe(
      "'Tied to' names emb2, which is computed from this node's output: a link cannot point downstream. Link a node that comes before this one.",
    );
  });

  it('on its own (quick-add asking what fits a wire) it takes any vector and leaves the vocabulary unknown', () => {
    const def = getLayerDef('TiedDense')!;
    expect(def.infer([[[6, 8]]], withDefaults(def, {}))).toEqual({ outputs: [[6, null]], params: 0 });
  });

  it('a graph file keeps the link; a link that is not a string is refused at load', () => {
    const g = lm();
    expect(parseGraphFile(serializeGraph(g))).toEqual(g);
    const bad = JSON.parse(serializeGraph(g));
    bad.nodes[3].params.tiedTo = 3;
    expect(() => parseGraphFile(JSON.stringify(bad))).toThrow(/nodes\[3\]\.params\.tiedTo.*must be a node id \(a string\), got 3/);
  });
});
