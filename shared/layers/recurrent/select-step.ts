// SelectStep: keep one time step of a sequence (the last by default): many-to-one from per-step features.
import { ShapeError, defineLayer, formatShape } from '../types';
import { OUT, singleInput } from '../core/common';
import { SEQ_IN } from '../conv/common';
import { messageFix } from '../messages';

export type SelectStepParams = { step: number };

/** The 0-based position `step` selects in a sequence of `length` steps (negative counts from the end). */
export function selectedIndex(step: number, length: number): number {
  return step < 0 ? length + step : step;
}

export const selectStepLayer = defineLayer<SelectStepParams>({
  kind: 'SelectStep',
  label: 'Select step',
  category: 'Recurrent',
  summary: 'Sequence -> one step (the last by default)',
  help: {
    formula: 'y = x[t]   with t = step, or T + step when step < 0 (step -1 = the last)',
    paramFormula: '0 (no weights)',
    details:
      'Takes one position of a sequence [T, features] and drops the time axis: the features of that step only. ' +
      'After causal layers (causal Conv1D, causal attention, a left-to-right RNN with returnSequences) the last ' +
      'step has seen the whole sequence and nothing else has seen more, so reading it is how WaveNet forecasts ' +
      'the next value and SNAIL answers the query at the end of an episode. Unlike Flatten + Dense, the head then ' +
      'reads only what the causal stack delivered at that step, so the receptive field really limits it.',
  },
  params: {
    step: {
      type: 'int',
      label: 'Step',
      default: -1,
      min: -100_000,
      max: 100_000,
      help: 'Which position to keep: 0 is the first, -1 the last (negative values count from the end).',
    },
  },
  inputs: [SEQ_IN],
  outputs: [OUT],
  infer(inputs, p) {
    const shape = singleInput(inputs, 'SelectStep');
    if (!Number.isInteger(p.step)) throw ShapeError.of('selectStepInteger', { step: String(p.step) });
    if (shape.length < 2) {
      throw ShapeError.of('selectStepNoTime', { shape: formatShape(shape) });
    }
    const length = shape[0];
    if (length !== null) {
      const index = selectedIndex(p.step, length);
      if (index < 0 || index >= length) {
        throw ShapeError.of('selectStepRange', { step: p.step, length, last: length - 1 }, [
          messageFix('fixSelectLastStep', {}, { type: 'setParam', param: 'step', value: -1 }),
        ]);
      }
    }
    return { outputs: [shape.slice(1)], params: 0 };
  },
});
