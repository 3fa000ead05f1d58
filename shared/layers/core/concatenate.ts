// Concatenate: joins tensors along one axis; the other axes must match.
import { ShapeError, defineLayer, formatShape, type Dim } from '../types';
import { IN_MANY, OUT } from './common';
import { mergeDim, mergeInputs } from './merge';
import { messageFix } from '../messages';

export type ConcatenateParams = { axis: number };

export const concatenateLayer = defineLayer<ConcatenateParams>({
  kind: 'Concatenate',
  label: 'Concatenate',
  category: 'Merge',
  summary: 'Join tensors side by side along an axis',
  help: {
    formula: 'y = [x1 ; x2 ; ... ; xn] along `axis`',
    paramFormula: '0',
    details:
      'Places its inputs next to each other along one axis: [64] and [32] become [96]. All other axes ' +
      'must match. As in Keras, `axis` counts the batch axis as 0, so 1 is the first axis of a sample ' +
      'and -1 (the usual choice) the last.',
  },
  params: {
    axis: { type: 'int', label: 'Axis', default: -1, min: -5, max: 5, help: 'Axis to join along: -1 = last, 1 = first (0 is the batch axis).' },
  },
  inputs: [IN_MANY],
  outputs: [OUT],
  infer(inputs, p) {
    const shapes = mergeInputs(inputs, 'Concatenate');
    const rank = shapes[0].length;
    const lastAxisFix = [messageFix('fixLastAxis', {}, { type: 'setParam', param: 'axis', value: -1 })];
    const pair = (i: number) => ({ first: formatShape(shapes[0]), index: i + 1, other: formatShape(shapes[i]) });
    const mismatch = shapes.findIndex((s) => s.length !== rank);
    if (mismatch > 0) {
      throw ShapeError.of('concatRank', pair(mismatch));
    }
    if (p.axis === 0) throw ShapeError.of('concatBatchAxis', {}, lastAxisFix);
    // Keras numbering: batch is axis 0, so sample axis k (0-based) is axis k + 1 or k - rank.
    const k = p.axis < 0 ? rank + p.axis : p.axis - 1;
    if (k < 0 || k >= rank) {
      throw ShapeError.of('concatNoAxis', { axis: p.axis, shape: formatShape(shapes[0]), rank }, lastAxisFix);
    }
    const out: (Dim | undefined)[] = [...shapes[0]];
    for (let i = 1; i < shapes.length; i++) {
      const s = shapes[i];
      for (let d = 0; d < rank; d++) {
        if (d === k) {
          const a = out[d];
          out[d] = a === null || s[d] === null ? null : (a as number) + (s[d] as number);
          continue;
        }
        const merged = mergeDim(out[d] as Dim, s[d]);
        if (merged === undefined) {
          throw ShapeError.of('concatMismatch', { axis: p.axis, ...pair(i), differ: d + 1 }, k === rank - 1 ? [] : lastAxisFix);
        }
        out[d] = merged;
      }
    }
    return { outputs: [out as Dim[]], params: 0 };
  },
});
