import { describe, expect, it } from 'vitest';
import { parseNumber, parseShapeText } from './parse';

describe('parseNumber', () => {
  it('accepts numbers in range and explains what is wrong otherwise', () => {
    expect(parseNumber('64', { integer: true, min: 1 })).toEqual({ ok: true, value: 64 });
    expect(parseNumber('1e-3', { integer: false, min: 0 })).toEqual({ ok: true, value: 0.001 });
    expect(parseNumber('', { integer: true })).toMatchObject({ ok: false, message: 'Enter a number.' });
    expect(parseNumber('1.5', { integer: true })).toMatchObject({ ok: false, message: 'Must be a whole number (1.5 is not).' });
    expect(parseNumber('0', { integer: true, min: 1 })).toMatchObject({ ok: false, message: 'Must be at least 1.' });
    expect(parseNumber('0.6', { integer: false, max: 0.5 })).toMatchObject({ ok: false, message: 'Must be at most 0.5 (0.6 is 0.6).' });
    expect(parseNumber('abc', { integer: false })).toMatchObject({ ok: false, message: '"abc" is not a number.' });
  });

  it('reads exponents and digit groups as the numbers they are, then checks the range', () => {
    // "1e9" is 1,000,000,000, never 1 (what a per-keystroke commit of "1" used to leave).
    expect(parseNumber('1e9', { integer: true, min: 1 })).toEqual({ ok: true, value: 1e9 });
    expect(parseNumber('1e9', { integer: true, min: 1, max: 1_000_000 })).toMatchObject({ ok: false, message: 'Must be at most 1,000,000 (1e9 is 1,000,000,000).' });
    expect(parseNumber('1,596,426', { integer: true })).toEqual({ ok: true, value: 1_596_426 });
    expect(parseNumber('1_000', { integer: true })).toEqual({ ok: true, value: 1000 });
    expect(parseNumber('1,5', { integer: false })).toMatchObject({ ok: false, message: '"1,5" is not a number.' });
    expect(parseNumber('2.5', { integer: true, min: 1 })).toMatchObject({ ok: false, message: 'Must be a whole number (2.5 is not).' });
    expect(parseNumber('-1', { integer: true, min: 1 })).toMatchObject({ ok: false, message: 'Must be at least 1.' });
    expect(parseNumber('ten', { integer: true, min: 1 })).toMatchObject({ ok: false, message: '"ten" is not a number.' });
    expect(parseNumber('Infinity', { integer: false })).toMatchObject({ ok: false });
  });
});

describe('parseShapeText', () => {
  it('reads "28, 28, 1" and similar spellings', () => {
    expect(parseShapeText('28, 28, 1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseShapeText('[784]')).toEqual({ ok: true, value: [784] });
    expect(parseShapeText('28x28')).toEqual({ ok: true, value: [28, 28] });
  });
  it('rejects empty, non-positive and wrong-length shapes', () => {
    expect(parseShapeText(' ')).toMatchObject({ ok: false });
    expect(parseShapeText('28, 0')).toMatchObject({ ok: false, message: '"0" is not a positive whole number.' });
    expect(parseShapeText('1,2,3', { maxLength: 2 })).toMatchObject({ ok: false, message: 'At most 2 sizes.' });
    expect(parseShapeText('1', { minLength: 2 })).toMatchObject({ ok: false, message: 'Needs at least 2 sizes.' });
  });
});
