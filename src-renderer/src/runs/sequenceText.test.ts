import { describe, expect, it } from 'vitest';
import { sequenceText } from './sequenceText';

describe('sequenceText', () => {
  const letters = ['', 'e', 'n', 's', 'v'];
  it('spells characters without spaces and drops end tokens', () => {
    expect(sequenceText([3, 1, 4, 1, 2, 0], letters)).toBe('seven');
    expect(sequenceText([3, 1, 0, 0], letters)).toBe('se');
  });
  it('spaces word tokens, names unknown ids and falls back to ids without a vocabulary', () => {
    expect(sequenceText([0, 1], ['the', 'cat'])).toBe('the cat');
    expect(sequenceText([1, 9], letters)).toBe('e #9');
    expect(sequenceText([1, 2], undefined)).toBe('1 2');
    expect(sequenceText(undefined, letters)).toBe('');
  });
});
