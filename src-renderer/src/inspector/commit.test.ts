import { describe, expect, it } from 'vitest';
import { decideCommit } from './commit';
import { parseNumber } from './parse';

const units = (text: string, current = 64, question?: (v: number) => string | null) =>
  decideCommit(text, (t) => parseNumber(t, { integer: true, min: 1, max: 1_000_000 }), (v) => v === current, question);

describe('decideCommit', () => {
  it('keeps invalid text in the field with the reason, instead of applying part of it', () => {
    expect(units('2.5')).toEqual({ kind: 'invalid', message: 'Must be a whole number (2.5 is not).' });
    expect(units('-1')).toEqual({ kind: 'invalid', message: 'Must be at least 1.' });
    expect(units('0')).toEqual({ kind: 'invalid', message: 'Must be at least 1.' });
    expect(units('ten')).toEqual({ kind: 'invalid', message: '"ten" is not a number.' });
    expect(units('1e9')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('at most 1,000,000') });
  });

  it('applies a valid new value, and does nothing for text that means the current one', () => {
    expect(units('128')).toEqual({ kind: 'apply', value: 128 });
    expect(units('1e2')).toEqual({ kind: 'apply', value: 100 });
    expect(units('64')).toEqual({ kind: 'unchanged' });
    expect(units(' 6.4e1 ')).toEqual({ kind: 'unchanged' });
  });

  it('asks before a value its question flags, and only then', () => {
    const question = (v: number) => (v > 16_384 ? `Units ${v} is above the usual range.` : null);
    expect(units('20000', 64, question)).toEqual({ kind: 'ask', value: 20_000, question: 'Units 20000 is above the usual range.' });
    expect(units('512', 64, question)).toEqual({ kind: 'apply', value: 512 });
    // An invalid value is refused before any question.
    expect(units('2e6', 64, question)).toMatchObject({ kind: 'invalid' });
  });
});
