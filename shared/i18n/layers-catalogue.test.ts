// The `layers` namespace: the English catalogue is the layer files' own text, the Korean one has exactly
// the same keys, both resolve through layerText/paramText, and the Korean uses the glossary's terms.
import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { ALL_LAYERS } from '../layers';
import { lstmLayer } from '../layers/recurrent/lstm';
import { buildLayersCatalogue, catalogueKeys } from './layers-catalogue';
import { categoryText, layerText, localizedParamSpec, messageText, paramOffText, paramText } from './layer-text';
import { getLayerDef } from '../layers';
import { ShapeError, type LinkedNodes, type ParamValues, type Shape } from '../layers/types';
import { inferGraph } from '../infer';
import koLayers from './locales/ko/layers.json';
import glossary from './glossary.json';
import { glossaryMisses, termsIn } from './glossary-check';

const en = buildLayersCatalogue();
const flat = (catalogue: object): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const key of catalogueKeys(catalogue)) {
    out[key] = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue) as string;
  }
  return out;
};
const enFlat = flat(en);
const koFlat = flat(koLayers);

describe('layers catalogue', () => {
  it('has the text of every registered layer kind, taken from its file', () => {
    for (const def of ALL_LAYERS) {
      expect(enFlat[`${def.kind}.summary`]).toBe(def.summary);
      expect(enFlat[`${def.kind}.details`]).toBe(def.help.details);
      for (const [name, spec] of Object.entries(def.params)) expect(enFlat[`${def.kind}.params.${name}.help`]).toBe(spec.help);
    }
    expect(en.LSTM.details).toBe(lstmLayer.help.details);
    expect(Object.keys(enFlat).length).toBeGreaterThan(250);
  });

  it('Korean has every English key and no other', () => {
    // Korean has no singular: an English plural pair x_one / x_other is x_other alone in Korean.
    const enKeys = Object.keys(enFlat).filter((k) => !(k.endsWith('_one') && `${k.slice(0, -4)}_other` in enFlat));
    const koKeys = Object.keys(koFlat);
    expect(enKeys.filter((k) => !(k in koFlat)), 'missing in ko/layers.json').toEqual([]);
    expect(koKeys.filter((k) => !(k in enFlat)), 'not in the English catalogue').toEqual([]);
  });

  it('every Korean value is a non-empty string with the same {{placeholders}}, in Hangul unless it is a code name', () => {
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const [key, english] of Object.entries(enFlat)) {
      if (key.endsWith('_one')) continue;
      const korean = koFlat[key];
      expect(typeof korean, key).toBe('string');
      expect(korean.trim().length, key).toBeGreaterThan(0);
      expect(placeholders(korean), key).toEqual(placeholders(english));
      if (korean !== english) expect(korean, key).toMatch(/[\uac00-\ud7a3]/);
    }
    // Sentences are translated, not copied: only names (Dense, LSTM, ...) may stay as they are.
    const copied = Object.keys(enFlat).filter((k) => koFlat[k] === enFlat[k] && !k.endsWith('.label'));
    expect(copied).toEqual([]);
  });

  it('resolves through the helpers in both languages, with English as the fallback for unknown kinds', () => {
    expect(layerText('Dense', 'summary', 'en')).toBe('Fully connected: every input feeds every unit');
    expect(layerText('Dense', 'summary', 'ko')).toContain('완전 연결층');
    expect(layerText('LSTM', 'details', 'ko')).toContain('망각 게이트(forget gate)');
    expect(layerText('BatchNormalization', 'label', 'en')).toBe('Batch normalization');
    expect(layerText('BatchNormalization', 'label', 'ko')).toBe('배치 정규화');
    expect(paramText('Dense', 'units', 'label', 'en')).toBe('Units');
    expect(paramText('Dense', 'units', 'label', 'ko')).toBe('유닛');
    expect(paramText('LSTM', 'units', 'help', 'ko')).toContain('은닉 상태(hidden state)');
    expect(paramText('TiedDense', 'tiedTo', 'link', 'ko')).toBe('공유 가중치');
    expect(categoryText('Recurrent', 'en')).toBe('Recurrent');
    expect(categoryText('Recurrent', 'ko')).toBe('순환');
    expect(paramOffText('Dense', 'useBias', 'en')).toBe('no use bias');
    expect(paramOffText('Dense', 'useBias', 'ko')).toBe('편향 사용 끔');
    expect(layerText('NoSuchKind', 'label', 'ko')).toBe('NoSuchKind');
    expect(paramText('Dense', 'noSuchParam', 'label', 'ko')).toBe('noSuchParam');
    const spec = localizedParamSpec('Dense', 'units', ALL_LAYERS.find((d) => d.kind === 'Dense')!.params.units, 'ko');
    expect(spec).toMatchObject({ type: 'int', label: '유닛', default: 64 });
  });
});

describe('shape errors in the chosen language', () => {
  const errorOf = (kind: string, inputs: Shape[][]): ShapeError => {
    const def = getLayerDef(kind)!;
    try {
      def.infer(inputs, Object.fromEntries(Object.entries(def.params).map(([k, s]) => [k, s.default])));
    } catch (err) {
      if (err instanceof ShapeError) return err;
      throw err;
    }
    throw new Error(`${kind} accepted ${JSON.stringify(inputs)}`);
  };

  it('a catalogue message reads the same in English as the thrown message, and in Korean with the same values', () => {
    const err = errorOf('LSTM', [[[784]]]);
    expect(err.text?.id).toBe('needSequenceVector');
    expect(messageText(err, err.message, 'en')).toBe(err.message);
    const ko = messageText(err, err.message, 'ko');
    expect(ko).toContain('LSTM');
    expect(ko).toContain('[784]');
    expect(ko).toContain('시퀀스');
    const fixes = err.fixes.map((f) => messageText(f, f.label, 'ko'));
    expect(fixes).toContain('[28, 28](으)로 Reshape 삽입(28개 스텝 x 28개 특성, 예: 이미지의 행)');
    for (const f of err.fixes) expect(messageText(f, f.label, 'en')).toBe(f.label);
  });

  it('plural messages pick the Korean form and the English singular', () => {
    const one = errorOf('Add', [[[4]]]);
    expect(one.message).toContain('but 1 is connected');
    expect(messageText(one, one.message, 'en')).toBe(one.message);
    expect(messageText(one, one.message, 'ko')).toBe("Add는 텐서 두 개 이상을 합치는데 1개만 연결되어 있습니다. 'in'에 텐서를 하나 더 연결하세요.");
    const none = errorOf('Conv2D', [[]]);
    expect(messageText(none, none.message, 'ko')).toBe("Conv2D에 입력이 없습니다: 'in' 핸들에 텐서를 연결하세요.");
  });

  it('attention, reshape and recurrent errors have Korean fixes too', () => {
    const attention = errorOf('Attention', [[[5, 8]], [[5, 16]]]);
    expect(attention.text?.id).toBe('queryKeySize');
    expect(messageText(attention, attention.message, 'ko')).toContain('query 크기 8');
    expect(attention.fixes.map((f) => messageText(f, f.label, 'ko'))).toEqual(['query 앞에 Dense(16) 삽입', 'additive score 사용']);
    const reshape = errorOf('Reshape', [[[100]]]); // 100 values do not fit [28, 28]
    expect(messageText(reshape, reshape.message, 'en')).toBe(reshape.message);
    expect(messageText(reshape, reshape.message, 'ko')).toContain('값의 개수를 유지해야 합니다');
  });

  it('node notes carry their messages: English as returned, Korean with the same numbers', () => {
    const out = getLayerDef('Conv1D')!.infer([[[64, 8]]], { filters: 16, kernelSize: 2, strides: 1, dilationRate: 4, padding: 'causal', activation: 'relu' });
    expect(out.noteTexts?.length).toBe(out.notes?.length);
    const [note] = out.notes!;
    expect(note).toContain('Receptive field of this layer: 5 steps');
    expect(messageText({ text: out.noteTexts![0] }, note, 'en')).toBe(note);
    expect(messageText({ text: out.noteTexts![0] }, note, 'ko')).toContain('수용 영역(receptive field): 5 스텝');
  });

  it('an error without a catalogue message stays in English', () => {
    const err = new ShapeError('Some check without a catalogue message.');
    expect(err.text).toBeUndefined();
    expect(messageText(err, err.message, 'ko')).toBe(err.message);
  });

  // Each kind's own checks: [kind, inputs, params, links, the English message as thrown before it had an id].
  const ownChecks: [string, Shape[][], Record<string, unknown>, LinkedNodes | undefined, string][] = [
    ['Input', [], { shape: [] }, undefined, 'Input needs a shape with at least one axis, e.g. [784].'],
    ['Input', [], { shape: [28, 0] }, undefined, 'Input shape entries must be positive integers; got 0 in [28, 0].'],
    ['Permute', [[[28, 10, 3]]], { dims: [2, 1] }, undefined, 'Permute dims [2, 1] list 2 axes but the input [28, 10, 3] has 3.'],
    ['Permute', [[[4, 5]]], { dims: [1, 1] }, undefined, 'Permute dims [1, 1] must use each of 1..2 exactly once (axes count from 1, batch excluded).'],
    ['SelectStep', [[[5, 3]]], { step: 1.5 }, undefined, "SelectStep: 'step' must be an integer, got 1.5."],
    ['SelectStep', [[[8]]], { step: -1 }, undefined, 'SelectStep picks one step of a sequence [time, features], but gets [8], which has no time axis.'],
    ['SelectStep', [[[5, 3]]], { step: 7 }, undefined, 'SelectStep: step 7 is outside a sequence of 5 steps (use 0..4, or -1..-5 from the end).'],
    ['TiedDense', [[[6, 5]]], {}, { tiedTo: { id: 'emb', kind: 'Embedding', title: 'emb', params: { inputDim: 50, outputDim: 8 } } },
      "Tied Dense multiplies by emb's 50 x 8 matrix, so its input needs 8 features (the Embedding's vector size), but it gets [6, 5]."],
    ['PositionalEncoding', [[[10, 8]]], { mode: 'learned', maxLength: 4 }, undefined,
      'PositionalEncoding: the sequence has 10 steps but the learned table only has maxLength = 4 rows (input [10, 8]).'],
    ['MultiHeadAttention', [[[5, 8]], [[5, 8]]], { heads: 0 }, undefined, 'MultiHeadAttention: heads and keyDim must be at least 1.'],
    ['Embedding', [[[]]], {}, undefined, 'Embedding needs token ids per sample, e.g. [time], but gets a scalar.'],
  ];
  it.each(ownChecks)('%s: the error reads as the thrown English and in Korean (%#)', (kind, inputs, params, links, english) => {
    const def = getLayerDef(kind)!;
    const all = { ...Object.fromEntries(Object.entries(def.params).map(([k, s]) => [k, s.default])), ...params };
    let err: unknown;
    try {
      def.infer(inputs, all as never, links);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShapeError);
    const shapeError = err as ShapeError;
    expect(shapeError.message).toBe(english);
    expect(shapeError.text).toBeDefined();
    expect(messageText(shapeError, shapeError.message, 'en')).toBe(english);
    for (const item of [shapeError, ...shapeError.fixes]) {
      const english = 'label' in item ? item.label : item.message;
      expect(item.text, english).toBeDefined();
      expect(messageText(item, english, 'en')).toBe(english);
      const ko = messageText(item, english, 'ko');
      expect(ko).toMatch(/[가-힣]/);
      expect(ko).not.toContain('{{');
      // Every number of the English (shapes, sizes) is in the Korean too.
      for (const n of english.match(/\d+/g) ?? []) expect(ko).toContain(n);
    }
  });
});

describe('graph-level errors in the chosen language', () => {
  const node = (id: string, kind: string, params: ParamValues = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });

  it('a dataset that disagrees with the Input, and a graph without Output, read in Korean; English unchanged', () => {
    const graph = { nodes: [node('x', 'Input', { shape: [10] }), node('d', 'Dense', { units: 4 })], edges: [{ id: 'e0', source: 'x', sourceHandle: 'out', target: 'd', targetHandle: 'in' }] };
    const r = inferGraph(graph, { features: { x: [784] }, targets: { y: [10] }, numClasses: 10 });
    const input = r.nodes.x.error!;
    expect(input.message).toBe("The dataset gives 'x' as [784] per sample, but this Input says [10].");
    expect(messageText(input, input.message, 'en')).toBe(input.message);
    expect(messageText(input, input.message, 'ko')).toBe("데이터셋은 'x'를 샘플(sample)마다 [784]로 주는데, 이 Input은 [10]라고 합니다.");
    expect(input.fixes.map((f) => [messageText(f, f.label, 'en'), messageText(f, f.label, 'ko')])).toEqual([['Set shape to [784]', 'shape를 [784](으)로']]);
    const graphWide = r.errors.filter((e) => e.nodeId === null);
    expect(graphWide.map((e) => e.message)).toEqual(['The graph has no Output node: connect your last layer to an Output.']);
    expect(messageText(graphWide[0], graphWide[0].message, 'ko')).toBe('그래프에 Output 노드가 없습니다: 마지막 층(layer)을 Output에 연결하세요.');
  });

  it('a cycle and a missing wire are catalogue messages too', () => {
    const edge = (id: string, source: string, target: string) => ({ id, source, sourceHandle: 'out', target, targetHandle: 'in' });
    const r = inferGraph({ nodes: [node('a', 'Dense'), node('b', 'Dense'), node('c', 'Dense')], edges: [edge('e0', 'a', 'b'), edge('e1', 'b', 'a')] });
    expect(r.nodes.a.error?.message).toBe('This node is part of a cycle: a layer cannot feed its own input. Remove one of the wires in the loop.');
    expect(messageText(r.nodes.a.error!, r.nodes.a.error!.message, 'ko')).toContain('순환 고리(cycle)');
    const c = r.nodes.c.error!;
    expect(c.message).toBe("Connect something to 'in'.");
    expect(messageText(c, c.message, 'ko')).toBe("'in'에 무언가를 연결하세요.");
    expect(r.errors.filter((e) => e.nodeId === null).map((e) => messageText(e, e.message, 'ko'))).toEqual([
      '그래프에 Input 노드가 없습니다: 팔레트에서 하나 끌어다 놓으세요.',
      '그래프에 Output 노드가 없습니다: 마지막 층(layer)을 Output에 연결하세요.',
    ]);
  });
});

describe('glossary', () => {
  it('has one entry per English term, each with a Korean term', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(40);
    const terms = glossary.map((g) => g.en.toLowerCase());
    expect(new Set(terms).size).toBe(terms.length);
    for (const g of glossary) expect(g.ko).toMatch(/[\uac00-\ud7a3]/);
  });

  it('finds terms as whole words, plural included', () => {
    expect(termsIn('Recurrent layers skip padded steps', glossary).map((g) => g.en)).toEqual(expect.arrayContaining(['recurrent', 'layer']));
    expect(termsIn('BatchNormalization and MaxPooling2D', glossary)).toEqual([]);
    expect(termsIn('{{layer}} needs {{weight}}', glossary)).toEqual([]);
    expect(termsIn('the forget gate', glossary).map((g) => g.en)).toEqual(expect.arrayContaining(['forget gate', 'gate']));
  });

  it('the Korean layer texts use the glossary term wherever the English one appears', () => {
    const misses = glossaryMisses(enFlat, koFlat, glossary);
    expect(misses, misses.map((m) => `${m.key}: "${m.term.en}" needs "${m.term.ko}"`).join('\n')).toEqual([]);
  });

  it('reports a Korean text that uses another word for a glossary term', () => {
    const misses = glossaryMisses({ k: 'The gradient vanishes' }, { k: '그래디언트가 사라집니다' }, glossary);
    expect(misses.map((m) => m.term.ko)).toEqual(['기울기']);
  });
});
