// What SimpleRNN, LSTM and GRU share: parameters, handles (extra state outputs/inputs) and inference.
import { ShapeError, defineLayer, formatShape, type HandleSpec, type LayerDef, type LayerHelp, type Shape } from '../types';
import { singleInput } from '../core/common';
import { SEQ_IN, knownChannels, needSequenceError, requireInt } from '../conv/common';
import { messageFix } from '../messages';

export const RNN_ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear', 'elu', 'selu', 'softsign'] as const;
export type RnnActivation = (typeof RNN_ACTIVATIONS)[number];

export type RnnParams = {
  units: number;
  activation: RnnActivation;
  returnSequences: boolean;
  returnState: boolean;
  useInitialState: boolean;
};

export type RnnKind = 'SimpleRNN' | 'LSTM' | 'GRU';

/** State names per kind: LSTM carries a hidden state h and a cell state c, the others only h. */
export function stateNames(kind: RnnKind): string[] {
  return kind === 'LSTM' ? ['h', 'c'] : ['h'];
}

/** Weight matrices per unit: one for SimpleRNN, four gates for LSTM, three for GRU. */
export function gateCount(kind: RnnKind): number {
  return kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
}

/**
 * Exact tfjs 4.22 count: gates * units * (features + units + 1). tfjs's GRU has no reset_after option
 * (one bias per gate), unlike Keras's default reset_after=True, which has two: 3 * units * (features + units + 2).
 */
export function rnnParamCount(kind: RnnKind, features: number, units: number): number {
  return gateCount(kind) * units * (features + units + 1);
}

/** What the Activation parameter squashes differs per cell. */
const ACTIVATION_PARAM_HELP: Record<RnnKind, string> = {
  SimpleRNN: 'f in h_t = f(W x_t + U h_(t-1) + b); tanh is standard.',
  LSTM: 'Squashes the candidate written to the cell and the cell state before the output gate (h_t = o * tanh(c_t)); tanh is standard. Gates always use sigmoid.',
  GRU: 'Squashes only the candidate h~; the new state is a blend of the old one and h~, not squashed again. tanh is standard. Gates always use sigmoid.',
};

export function rnnParamSpecs(kind: RnnKind): LayerDef<RnnParams>['params'] {
  const states = stateNames(kind).join(' and ');
  return {
    units: { type: 'int', label: 'Units', default: 64, min: 1, max: 8192, help: 'Size of the hidden state h (and of each output step).' },
    activation: {
      type: 'enum',
      label: 'Activation',
      options: RNN_ACTIVATIONS,
      default: 'tanh',
      help: ACTIVATION_PARAM_HELP[kind],
    },
    returnSequences: {
      type: 'bool',
      label: 'Return sequences',
      default: false,
      help: 'On: output h at every step [time, units] (many-to-many, or to stack another recurrent layer). Off: only the last h [units] (many-to-one).',
    },
    returnState: {
      type: 'bool',
      label: 'Return state',
      default: false,
      help: `Adds outputs for the final ${states} state(s), e.g. to start a decoder from an encoder's memory.`,
    },
    useInitialState: {
      type: 'bool',
      label: 'Initial state input',
      default: false,
      help: `Adds optional inputs for the starting ${states} state(s) (zeros when unconnected): the decoder side of seq2seq.`,
    },
  };
}

export function rnnInputs(kind: RnnKind): (p: RnnParams) => HandleSpec[] {
  return (p) => [
    SEQ_IN,
    ...(p.useInitialState
      ? stateNames(kind).map((s): HandleSpec => ({ id: `${s}0`, label: `${s}0`, kind: 'state', optional: true }))
      : []),
  ];
}

export function rnnOutputs(kind: RnnKind): (p: RnnParams) => HandleSpec[] {
  return (p) => [
    { id: 'out', label: 'out', kind: p.returnSequences ? 'sequence' : 'tensor' },
    ...(p.returnState ? stateNames(kind).map((s): HandleSpec => ({ id: s, label: s, kind: 'state' })) : []),
  ];
}

/** Check the optional initial-state inputs: all or none connected, each shaped [units]. */
function checkInitialState(kind: RnnKind, inputs: Shape[][], p: RnnParams): void {
  if (!p.useInitialState) return;
  const names = stateNames(kind);
  const given = names.map((_, i) => inputs[i + 1]?.[0]);
  const connected = given.filter((s) => s !== undefined).length;
  if (connected > 0 && connected < names.length) {
    throw ShapeError.of('initialStateBoth', { layer: kind }); // only LSTM has two states: h0 and c0
  }
  given.forEach((s, i) => {
    if (s === undefined) return;
    if (s.length !== 1 || (s[0] !== null && s[0] !== p.units)) {
      throw ShapeError.of(
        'initialStateShape',
        { layer: kind, state: names[i], units: p.units, shape: formatShape(s) },
        s.length === 1 && s[0] !== null ? [messageFix('fixSetUnits', { units: s[0] }, { type: 'setParam', param: 'units', value: s[0] })] : [],
      );
    }
  });
}

export function rnnInfer(kind: RnnKind, inputs: Shape[][], p: RnnParams) {
  const shape = singleInput(inputs, kind);
  if (shape.length !== 2) throw needSequenceError(shape, kind, true);
  requireInt(p.units, 'units', kind);
  const features = knownChannels(shape, kind);
  checkInitialState(kind, inputs, p);
  const out: Shape = p.returnSequences ? [shape[0], p.units] : [p.units];
  const states: Shape[] = p.returnState ? stateNames(kind).map(() => [p.units]) : [];
  // Backpropagation through time keeps every step's input slice, and per gate its two products, their
  // sum, the bias add and the activation, and the state updates (memory estimate). LayerLab's fused LSTM
  // (wasm and cpu, src-main/engine/custom/lstm-fused.ts) keeps only h, c and the gate activations per step,
  // and the gates' gradients while it goes back; tfjs-node runs the generic path and holds about twice that.
  const perStep = kind === 'LSTM' ? p.units * (gateCount(kind) * 2 + 2) : p.units * (gateCount(kind) * 5 + 4);
  const workingElements = (shape[0] ?? 1) * (perStep + features);
  return { outputs: [out, ...states], params: rnnParamCount(kind, features, p.units), workingElements };
}

export function recurrentLayer(kind: RnnKind, summary: string, help: LayerHelp): LayerDef<RnnParams> {
  return defineLayer<RnnParams>({
    kind,
    label: kind,
    category: 'Recurrent',
    summary,
    help,
    params: rnnParamSpecs(kind),
    inputs: rnnInputs(kind),
    outputs: rnnOutputs(kind),
    infer: (inputs, p) => rnnInfer(kind, inputs, p),
  });
}
