// Reshape: same values, new shape; one entry may be -1 (inferred).
import { ShapeError, defineLayer, formatShape, type Fix, type Shape } from '../types';
import { IN, OUT, elementCount, singleInput } from './common';
import { messageFix } from '../messages';

export type ReshapeParams = { targetShape: number[] };

export const reshapeLayer = defineLayer<ReshapeParams>({
  kind: 'Reshape',
  label: 'Reshape',
  category: 'Core',
  summary: 'Same values, new shape, e.g. [784] -> [28, 28]',
  help: {
    formula: 'y = reshape(x, targetShape); one entry may be -1 = (number of values) / (product of the others)',
    paramFormula: '0',
    details:
      'Rearranges the values of each sample without changing them. The number of values must stay the ' +
      'same: [784] can become [28, 28] or [28, 28, 1] or [-1, 28]. Use it to read a vector as an ' +
      'image or a sequence of rows.',
  },
  params: {
    targetShape: {
      type: 'shape',
      label: 'Target shape',
      default: [28, 28],
      minLength: 1,
      maxLength: 5,
      allowInferredDim: true,
      help: 'New shape without the batch axis, e.g. "28, 28"; one entry may be -1.',
    },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'Reshape');
    const target = p.targetShape;
    const inferredAt = target.indexOf(-1);
    if (target.filter((d) => d === -1).length > 1) {
      throw ShapeError.of('reshapeTwoInferred', { target: formatShape(target) });
    }
    const bad = target.find((d) => d !== -1 && (!Number.isInteger(d) || d < 1));
    if (bad !== undefined) throw ShapeError.of('reshapeBadEntry', { value: String(bad) });

    const known = target.reduce((acc, d) => (d === -1 ? acc : acc * d), 1);
    const count = elementCount(shape);
    if (count === null) {
      // Unknown input size: tfjs checks at run time; an inferred entry stays unknown.
      const out: Shape = target.map((d) => (d === -1 ? null : d));
      return { outputs: [out], params: 0, notes: [`Input ${formatShape(shape)} has an unknown size; the element count is checked when the model runs.`] };
    }
    if (inferredAt >= 0) {
      if (count % known !== 0) {
        throw ShapeError.of('reshapeNotDivisible', { count, shape: formatShape(shape), target: formatShape(target), known }, reshapeFixes(count, target));
      }
      const out = target.map((d) => (d === -1 ? count / known : d));
      return { outputs: [out], params: 0 };
    }
    if (known !== count) {
      throw ShapeError.of('reshapeCountMismatch', { shape: formatShape(shape), count, target: formatShape(target), known }, reshapeFixes(count, target));
    }
    return { outputs: [[...target]], params: 0 };
  },
});

/** Repairs for a target that does not fit `count` values: let one axis be inferred, or flatten. */
function reshapeFixes(count: number, target: number[]): Fix[] {
  const fixes: Fix[] = [];
  if (target.length > 1 && !target.includes(-1)) {
    // Keep every axis but one and let that one (the last that works) absorb the rest.
    for (let i = target.length - 1; i >= 0; i--) {
      const rest = target.reduce((acc, d, j) => (j === i ? acc : acc * d), 1);
      if (count % rest !== 0) continue;
      const shown = target.map((d, j) => (j === i ? count / rest : d));
      const value = target.map((d, j) => (j === i ? -1 : d));
      fixes.push(messageFix('fixUseShape', { shape: formatShape(shown) }, { type: 'setParam', param: 'targetShape', value }));
      break;
    }
  }
  fixes.push(messageFix('fixFlattenTo', { count }, { type: 'setParam', param: 'targetShape', value: [count] }));
  return fixes;
}
