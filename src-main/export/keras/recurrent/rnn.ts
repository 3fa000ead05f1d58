// SimpleRNN / LSTM / GRU -> the Keras layers. GRU uses reset_after=False: that is tfjs's GRU (one bias per
// gate); Keras's default reset_after=True would add 3 * units parameters and different maths.
import type { RnnKind, RnnParams } from '../../../../shared/layers/recurrent/rnn-common';
import { defineKerasGenerator, kerasActivation, kerasName, pyBool, type KerasGenerator } from '../types';

function rnnKeras(kind: RnnKind): KerasGenerator<RnnParams> {
  return defineKerasGenerator<RnnParams>({
    kind,
    generate(n) {
      const p = n.params;
      const args = [String(p.units), `activation=${kerasActivation(p.activation, n)}`, `return_sequences=${pyBool(p.returnSequences)}`];
      if (p.returnState) args.push('return_state=True');
      if (kind === 'GRU') args.push('reset_after=False');
      args.push(`name=${kerasName(n)}`);
      const states = n.inputVars.slice(1).map((v) => v[0]).filter((v): v is string => v !== undefined);
      const call = `${n.inputVars[0][0]}${states.length ? `, initial_state=[${states.join(', ')}]` : ''}`;
      const targets = n.outputVars.length > 1 ? n.outputVars.join(', ') : n.outputVars[0];
      return { lines: [`${targets} = layers.${kind}(${args.join(', ')})(${call})`] };
    },
  });
}

export const simpleRnnKeras = rnnKeras('SimpleRNN');
export const lstmKeras = rnnKeras('LSTM');
export const gruKeras = rnnKeras('GRU');
