import { describe, expect, it } from 'vitest';
import { kindsAccepting, rankByQuery } from './compatible';
import { ALL_LAYERS } from '../../../shared/layers';

describe('kindsAccepting', () => {
  it('offers sequence layers for a sequence and not for a flat vector', () => {
    const forSeq = kindsAccepting([20, 8]).map((d) => d.kind);
    const forVec = kindsAccepting([64]).map((d) => d.kind);
    expect(forSeq).toContain('LSTM');
    expect(forSeq).toContain('Conv1D');
    expect(forVec).not.toContain('LSTM');
    expect(forVec).not.toContain('Conv2D');
    for (const k of ['Dense', 'Dropout', 'Output']) expect(forVec).toContain(k);
    // Input has no input handle, so it is never offered after a wire.
    expect(forVec).not.toContain('Input');
    expect(forVec.length).toBeLessThan(ALL_LAYERS.length);
  });
  it('offers Conv2D for an image and keeps everything with an input when the shape is unknown', () => {
    expect(kindsAccepting([28, 28, 1]).map((d) => d.kind)).toContain('Conv2D');
    expect(kindsAccepting(null).length).toBe(ALL_LAYERS.filter((d) => d.kind !== 'Input').length);
  });
});

describe('rankByQuery', () => {
  it('puts exact and prefix matches first', () => {
    const ranked = rankByQuery(ALL_LAYERS, 'dense').map((d) => d.kind);
    expect(ranked[0]).toBe('Dense');
    expect(rankByQuery(ALL_LAYERS, 'zzzz')).toEqual([]);
  });
});
