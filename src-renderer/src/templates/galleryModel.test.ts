import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../shared/templates';
import { byChapter, galleryCards, searchCards } from './galleryModel';

const cards = galleryCards();

describe('gallery model', () => {
  it('has a card per template with its exact parameter count, dataset and full-scale figures', () => {
    expect(cards).toHaveLength(TEMPLATES.length);
    const mlp = cards.find((c) => c.id === 'mlp-mnist')!;
    expect(mlp).toMatchObject({ params: 1_596_426, dataset: 'MNIST (bundled, 10k digits)', time: '230 s', viewOnly: false, chapter: 'basics' });
    expect(mlp.result).toContain('test 0.957');
    expect(cards.find((c) => c.id === 'gpt-3')).toMatchObject({ viewOnly: true, time: null });
  });

  it('groups by chapter in course order, every card exactly once', () => {
    const groups = byChapter(cards);
    expect(groups.map((g) => g.chapter.id)).toEqual(['basics', 'cnn', 'recurrent', 'seq2seq', 'transformer', 'wavenet-snail']);
    expect(groups.flatMap((g) => g.cards).map((c) => c.id).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
  });

  it('searches name, description, chapter, dataset and layer kinds; every word must match', () => {
    expect(searchCards(cards, '').length).toBe(cards.length);
    expect(searchCards(cards, 'few-shot').map((c) => c.id)).toEqual(['snail-fewshot']);
    expect(searchCards(cards, 'snail').map((c) => c.id)).toEqual(['wavenet-forecast', 'snail-fewshot']); // the chapter title names both
    expect(searchCards(cards, 'GPT').map((c) => c.id)).toEqual(expect.arrayContaining(['char-gpt', 'gpt-1', 'gpt-2', 'gpt-3']));
    expect(searchCards(cards, 'lstm mnist').map((c) => c.id)).toContain('lstm-mnist-rows');
    expect(searchCards(cards, 'conv2d').map((c) => c.id)).toEqual(['cnn-cifar10']);
    expect(searchCards(cards, 'no such thing')).toEqual([]);
  });
});
