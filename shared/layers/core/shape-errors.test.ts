// Core layers explain bad inputs and offer repairs; pure inference, no tfjs.
import { describe, expect, it } from 'vitest';
import { getLayerDef, withDefaults } from '..';
import { ShapeError, type InferResult, type ParamValues, type Shape } from '../types';

function infer(kind: string, inputs: Shape[][], params: ParamValues = {}): InferResult {
  const def = getLayerDef(kind)!;
  return def.infer(inputs, withDefaults(def, params));
}

function shapeError(kind: string, inputs: Shape[][], params: ParamValues = {}): ShapeError {
  try {
    infer(kind, inputs, params);
  } catch (err) {
    if (err instanceof ShapeError) return err;
    throw err;
  }
  throw new Error(`${kind} accepted ${JSON.stringify(inputs)}`);
}

describe('help text', () => {
  it('every core kind has a formula and a parameter formula', async () => {
    const { coreLayers } = await import('.');
    for (const def of coreLayers) {
      expect(def.help.formula.length, def.kind).toBeGreaterThan(3);
      expect(def.help.paramFormula.length, def.kind).toBeGreaterThan(0);
      expect(def.help.details.length, def.kind).toBeGreaterThan(20);
    }
    expect(getLayerDef('Dense')!.help.formula).toBe('y = f(W x + b)');
  });
});

describe('single-input layers', () => {
  it('say when nothing or too much is connected', () => {
    expect(shapeError('Dense', [[]]).message).toMatch(/Dense has no input/);
    expect(shapeError('Dropout', [[[3], [4]]]).message).toMatch(/takes one input but 2 are connected \(\[3\], \[4\]\)/);
    expect(shapeError('Output', [[]]).message).toMatch(/Output has no input/);
  });

  it('Dense on an image works on the last axis and says so', () => {
    const r = infer('Dense', [[[28, 28, 3]]], { units: 8 });
    expect(r.outputs).toEqual([[28, 28, 8]]);
    expect(r.params).toBe(8 * 3 + 8);
    expect(r.notes?.join(' ')).toMatch(/last axis \(size 3\).*\[28, 28\].*Flatten/);
    expect(infer('Dense', [[[784]]], { units: 10 }).notes).toEqual([]);
  });

  it('Dense counts units * (inputs + 1), or units * inputs without bias', () => {
    expect(infer('Dense', [[[784]]], { units: 1024 }).params).toBe(784 * 1024 + 1024);
    expect(infer('Dense', [[[784]]], { units: 1024, useBias: false }).params).toBe(784 * 1024);
  });

  it('Dense needs a known last axis', () => {
    expect(shapeError('Dense', [[[5, null]]]).message).toMatch(/last axis.*unknown in \[5, \?\]/);
  });

  it('Flatten on a vector passes it through; unknown sizes are explained', () => {
    expect(infer('Flatten', [[[10]]]).outputs).toEqual([[10]]);
    expect(infer('Flatten', [[[28, 28, 1]]]).outputs).toEqual([[784]]);
    expect(shapeError('Flatten', [[[null, 8]]]).message).toMatch(/\[\?, 8\] has an unknown size/);
  });

  it('Input rejects bad shapes', () => {
    expect(infer('Input', [], { shape: [28, 28] }).outputs).toEqual([[28, 28]]);
    expect(shapeError('Input', [], { shape: [28, 0] }).message).toMatch(/positive integers; got 0/);
  });
});

describe('Reshape', () => {
  it('says both element counts and offers a target that fits', () => {
    const err = shapeError('Reshape', [[[784]]], { targetShape: [28, 27] });
    expect(err.message).toContain('the input [784] has 784 values but the target [28, 27] has 756');
    expect(err.fixes.map((f) => f.action)).toEqual([
      { type: 'setParam', param: 'targetShape', value: [28, -1] },
      { type: 'setParam', param: 'targetShape', value: [784] },
    ]);
    expect(err.fixes[0].label).toBe('Use [28, 28]');
    // The offered fix really works.
    expect(infer('Reshape', [[[784]]], { targetShape: [28, -1] }).outputs).toEqual([[28, 28]]);
  });

  it('explains a -1 that cannot divide the count', () => {
    expect(shapeError('Reshape', [[[784]]], { targetShape: [-1, 5] }).message).toContain('784 is not divisible by 5');
    expect(shapeError('Reshape', [[[8]]], { targetShape: [-1, -1] }).message).toMatch(/more than one -1/);
  });

  it('keeps an inferred axis unknown when the input size is unknown', () => {
    expect(infer('Reshape', [[[null, 4]]], { targetShape: [-1, 2] }).outputs).toEqual([[null, 2]]);
  });
});

describe('Permute', () => {
  it('is 1-based and rejects a wrong number of axes with a fix', () => {
    expect(infer('Permute', [[[2, 3, 4]]], { dims: [3, 1, 2] }).outputs).toEqual([[4, 2, 3]]);
    const err = shapeError('Permute', [[[2, 3, 4]]], { dims: [2, 1] });
    expect(err.message).toContain('list 2 axes but the input [2, 3, 4] has 3');
    expect(err.fixes[0].action).toEqual({ type: 'setParam', param: 'dims', value: [1, 3, 2] });
  });

  it('rejects something that is not a permutation', () => {
    expect(shapeError('Permute', [[[2, 3]]], { dims: [0, 1] }).message).toMatch(/each of 1\.\.2 exactly once/);
    expect(shapeError('Permute', [[[2, 3]]], { dims: [2, 2] }).message).toMatch(/each of 1\.\.2 exactly once/);
  });
});

describe('normalisation', () => {
  it('BatchNormalization counts 4*C, half of it non-trainable', () => {
    const r = infer('BatchNormalization', [[[8, 8, 16]]]);
    expect(r.params).toBe(64);
    expect(r.notes?.[0]).toBe('32 trainable (gamma, beta) + 32 non-trainable (moving mean, variance)');
  });

  it('LayerNormalization counts 2*C', () => {
    expect(infer('LayerNormalization', [[[10, 32]]]).params).toBe(64);
  });
});

describe('merge layers', () => {
  it('Add with mismatched shapes names both', () => {
    const err = shapeError('Add', [[[64], [32]]]);
    expect(err.message).toContain('Add needs inputs of the same shape, but input 1 is [64] and input 2 is [32]');
    expect(err.message).toMatch(/Concatenate/);
    expect(shapeError('Multiply', [[[4, 4], [4, 4], [4, 5]]]).message).toContain('input 1 is [4, 4] and input 3 is [4, 5]');
  });

  it('need at least two inputs', () => {
    expect(shapeError('Add', [[[3]]]).message).toMatch(/two or more tensors but 1 is connected/);
    expect(shapeError('Concatenate', [[]]).message).toMatch(/but 0 are connected/);
  });

  it('an unknown dim matches a known one', () => {
    expect(infer('Add', [[[null, 4], [7, 4]]]).outputs).toEqual([[7, 4]]);
  });

  it('Concatenate joins along the axis and checks the others', () => {
    expect(infer('Concatenate', [[[64], [32]]]).outputs).toEqual([[96]]);
    expect(infer('Concatenate', [[[3, 5], [4, 5]]], { axis: 1 }).outputs).toEqual([[7, 5]]);
    const err = shapeError('Concatenate', [[[3, 5], [4, 5]]]);
    expect(err.message).toContain('input 1 is [3, 5] and input 2 is [4, 5] (they differ on axis 1)');
    expect(shapeError('Concatenate', [[[3], [4, 5]]]).message).toContain('same number of axes');
  });

  it('Concatenate rejects the batch axis and axes that do not exist, offering -1', () => {
    const batch = shapeError('Concatenate', [[[3], [4]]], { axis: 0 });
    expect(batch.message).toMatch(/batch axis/);
    expect(batch.fixes[0].action).toEqual({ type: 'setParam', param: 'axis', value: -1 });
    expect(shapeError('Concatenate', [[[3], [4]]], { axis: 2 }).message).toContain('axis 2 does not exist for inputs [3] (use 1..1 or -1..-1)');
  });
});
