import { describe, expect, it } from 'vitest';
import { markForAutoLayout, wantsAutoLayout, withoutAutoLayoutMark } from './layout';
import { getTemplate } from '../templates';
import { parseGraphFile, serializeGraph } from './validate';

describe('auto-layout mark', () => {
  // without extras (a template carries its lesson there)
  const g = { ...getTemplate('mlp-mnist')!.graph, extras: undefined };
  it('is kept in the file and read back', () => {
    const marked = markForAutoLayout(g);
    expect(wantsAutoLayout(g)).toBe(false);
    expect(wantsAutoLayout(parseGraphFile(serializeGraph(marked)))).toBe(true);
  });
  it('is dropped without touching other extras', () => {
    const withExtras = { ...g, extras: { viewOnly: true } };
    const cleared = withoutAutoLayoutMark(markForAutoLayout(withExtras));
    expect(cleared.extras).toEqual({ viewOnly: true });
    expect(withoutAutoLayoutMark(markForAutoLayout(g)).extras).toBeUndefined();
    expect(withoutAutoLayoutMark(g)).toBe(g);
  });
});
