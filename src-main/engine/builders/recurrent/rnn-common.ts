// Shared builder for SimpleRNN, LSTM and GRU: optional initial state in, optional final state(s) out.
import type * as tfType from '@tensorflow/tfjs';
import { defineBuilder, type LayerBuilder, type SymbolicTensor, type TF } from '../../types';
import { stateNames, type RnnKind, type RnnParams } from '../../../../shared/layers/recurrent/rnn-common';
import { rnnClasses } from '../../custom/recurrent';

/**
 * The tfjs recurrent layer for `kind`. Gates use sigmoid (Keras and PyTorch do; tfjs defaults to hardSigmoid).
 * The classes are LayerLab's drop-in subclasses (custom/recurrent.ts): same config, weights and class name,
 * but an initial state cannot leak into other layers during fit, and the orthogonal init is fast.
 */
export function makeRnnLayer(
  tf: TF,
  kind: RnnKind,
  args: { units: number; activation?: string; returnSequences: boolean; returnState?: boolean; name: string },
): tfType.RNN {
  const common = {
    units: args.units,
    activation: (args.activation ?? 'tanh') as 'tanh',
    returnSequences: args.returnSequences,
    returnState: args.returnState ?? false,
    name: args.name,
  };
  const classes = rnnClasses(tf);
  if (kind === 'LSTM') return new classes.LSTM({ ...common, recurrentActivation: 'sigmoid' });
  if (kind === 'GRU') return new classes.GRU({ ...common, recurrentActivation: 'sigmoid' });
  return new classes.SimpleRNN(common);
}

export function rnnBuilder(kind: RnnKind): LayerBuilder<RnnParams> {
  return defineBuilder<RnnParams>({
    kind,
    build(inputs, p, { tf, name }) {
      const layer = makeRnnLayer(tf, kind, { ...p, name });
      const x = inputs[0][0];
      const initialState = p.useInitialState
        ? stateNames(kind)
            .map((_, i) => inputs[i + 1]?.[0])
            .filter((s): s is SymbolicTensor => s !== undefined)
        : [];
      // Inference requires all states or none; tfjs threads them through RNN.apply's initialState.
      const out = initialState.length > 0 ? layer.apply(x, { initialState }) : layer.apply(x);
      return (Array.isArray(out) ? out : [out]) as SymbolicTensor[];
    },
  });
}
