// Node names in the UI's language: the English equals nodeName (the CLI's and logs'), the Korean has no English words.
import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { nodeName } from '../graph/node-names';
import { TEMPLATES } from '../templates';
import { nodeNameText } from './node-name-text';

const mlp = TEMPLATES.find((t) => t.id === 'mlp-mnist')!.graph;

describe('nodeNameText', () => {
  it('words every node of every template in English exactly as nodeName does', () => {
    for (const t of TEMPLATES) for (const n of t.graph.nodes) expect(nodeNameText(t.graph, n.id, { lng: 'en' })).toBe(nodeName(t.graph, n.id));
    expect(nodeNameText(mlp, 'nope', { lng: 'en' })).toBe(nodeName(mlp, 'nope'));
  });

  it('drops the English article on request', () => {
    expect(nodeNameText(mlp, 'output', { lng: 'en', article: false })).toBe('Output node');
    expect(nodeNameText(mlp, 'dense_2', { lng: 'en', article: false })).toBe('Dense layer 2 of 4');
    const labelled = { ...mlp, nodes: mlp.nodes.map((n) => (n.id === 'dense_1' ? { ...n, label: 'Hidden' } : n)) };
    expect(nodeNameText(labelled, 'dense_1', { lng: 'en' })).toBe('the "Hidden" Dense layer');
  });

  it('words them in Korean', () => {
    expect(nodeNameText(mlp, 'dense_2', { lng: 'ko' })).toBe('Dense 층 2/4');
    expect(nodeNameText(mlp, 'output', { lng: 'ko' })).toMatch(/^출력 노드$/);
    const labelled = { ...mlp, nodes: mlp.nodes.map((n) => (n.id === 'dense_1' ? { ...n, label: 'Hidden' } : n)) };
    expect(nodeNameText(labelled, 'dense_1', { lng: 'ko' })).toBe('"Hidden" Dense 층');
  });
});
