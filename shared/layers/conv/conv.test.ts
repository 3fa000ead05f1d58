// Conv and pooling inference errors explain themselves and offer fixes; notes report receptive fields.
import { describe, expect, it } from 'vitest';
import { getLayerDef, withDefaults } from '..';
import { ShapeError, type Fix, type ParamValues, type Shape } from '../types';

function infer(kind: string, params: ParamValues, input: Shape) {
  const def = getLayerDef(kind)!;
  return def.infer([[input]], withDefaults(def, params));
}

function errorOf(kind: string, params: ParamValues, input: Shape): ShapeError {
  try {
    infer(kind, params, input);
  } catch (err) {
    if (err instanceof ShapeError) return err;
    throw err;
  }
  throw new Error(`${kind} accepted ${JSON.stringify(input)}`);
}

const actions = (fixes: Fix[]) => fixes.map((f) => f.action);

describe('Conv2D and 2-D pooling input checks', () => {
  it('a flat MNIST vector [784] is refused with a Reshape to [28, 28, 1]', () => {
    const err = errorOf('Conv2D', {}, [784]);
    expect(err.message).toMatch(/\[height, width, channels\].*\[784\]/);
    expect(actions(err.fixes)).toContainEqual({ type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [28, 28, 1] } });
    expect(actions(err.fixes)).toContainEqual({ type: 'setDataset', patch: { representation: 'image' } });
  });

  it('a flat CIFAR vector [3072] gets a colour Reshape to [32, 32, 3]', () => {
    const err = errorOf('MaxPooling2D', {}, [3072]);
    expect(actions(err.fixes)).toContainEqual({ type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [32, 32, 3] } });
  });

  it('a matrix [28, 28] gets a channel axis', () => {
    const err = errorOf('GlobalAveragePooling2D', {}, [28, 28]);
    expect(actions(err.fixes)[0]).toEqual({ type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [28, 28, 1] } });
  });

  it("a 'valid' kernel larger than the image is refused, suggesting 'same'", () => {
    const err = errorOf('Conv2D', { kernelSize: 5, padding: 'valid' }, [4, 9, 1]);
    expect(err.message).toMatch(/height axis has 4 positions but the window spans 5/);
    expect(actions(err.fixes)).toContainEqual({ type: 'setParam', param: 'padding', value: 'same' });
  });

  it('strides and dilation above 1 together are refused with both fixes', () => {
    const err = errorOf('Conv2D', { strides: 2, dilationRate: 2 }, [8, 8, 1]);
    expect(actions(err.fixes)).toEqual([
      { type: 'setParam', param: 'strides', value: 1 },
      { type: 'setParam', param: 'dilationRate', value: 1 },
    ]);
  });

  it('a dilated Conv2D notes the patch it sees', () => {
    expect(infer('Conv2D', { dilationRate: 2 }, [8, 8, 1]).notes?.[0]).toMatch(/5 x 5 patch/);
  });
});

describe('Conv1D', () => {
  it('causal and dilated convs note their receptive field', () => {
    expect(infer('Conv1D', { kernelSize: 3, dilationRate: 4, padding: 'causal' }, [16, 1]).notes?.[0]).toMatch(
      /Receptive field of this layer: 9 steps.*current and 8 previous/,
    );
    expect(infer('Conv1D', { kernelSize: 3, padding: 'same' }, [16, 1]).notes).toEqual([]);
  });

  it('a flat vector [784] is refused with Reshape [28, 28], matrix data or [784, 1]', () => {
    const err = errorOf('Conv1D', {}, [784]);
    expect(err.message).toMatch(/\[time, features\]/);
    expect(actions(err.fixes)).toEqual([
      { type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [28, 28] } },
      { type: 'setDataset', patch: { representation: 'matrix' } },
      { type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [784, 1] } },
    ]);
  });

  it('an image [28, 28, 1] is refused with a Reshape that merges the last two axes', () => {
    const err = errorOf('Conv1D', {}, [28, 28, 1]);
    expect(actions(err.fixes)).toEqual([{ type: 'insertBefore', handle: 'in', kind: 'Reshape', params: { targetShape: [28, 28] } }]);
  });

  it('causal padding keeps any length, unknown lengths stay unknown', () => {
    expect(infer('Conv1D', { kernelSize: 5, dilationRate: 8, padding: 'causal', filters: 3 }, [4, 2]).outputs).toEqual([[4, 3]]);
    expect(infer('Conv1D', { padding: 'valid', filters: 3 }, [null, 2]).outputs).toEqual([[null, 3]]);
  });

  it('bad hand-edited params are named', () => {
    expect(errorOf('Conv1D', { filters: 0 }, [8, 2]).message).toMatch(/'filters' must be an integer of at least 1, got 0/);
  });
});
