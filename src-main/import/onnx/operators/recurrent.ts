// ONNX LSTM / GRU / RNN (forward, from zero states) become LayerLab's LSTM / GRU / SimpleRNN with the gates reordered
// and the two biases per gate summed. Their outputs are read through a Squeeze or Gather of the single direction
// axis, and torch's `y[:, -1]` (a Gather of one time step) becomes a SelectStep layer.
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import type { RnnVal, TensorVal } from '../values';
import { recurrentBias, recurrentKernel } from '../weights';
import type { OperatorMapper } from './types';

const DEFAULT_ACTIVATIONS: Record<string, string> = { LSTM: 'Sigmoid,Tanh,Tanh', GRU: 'Sigmoid,Tanh', RNN: 'Tanh' };
/** ONNX's gate blocks in tfjs's order: LSTM i,o,f,c -> i,f,c,o; GRU z,r,h as they are. */
const GATE_ORDER: Record<string, number[]> = { LSTM: [0, 2, 3, 1], GRU: [0, 1, 2], RNN: [0] };

function recurrent(ctx: MappingContext, n: OnnxNode): void {
  const kind = n.opType === 'RNN' ? 'SimpleRNN' : n.opType;
  const layoutAttr = ctx.attr('layout', 0);
  const x = ctx.tensor(n.inputs[0]);
  if (x.layout !== (layoutAttr === 0 ? 'tbf' : 'plain') || x.shape.length !== 2) ctx.fail(`expects a sequence ${layoutAttr === 0 ? '[T, N, F] (a Transpose of a batch-first input)' : '[N, T, F]'}`);
  if (ctx.attr('direction', 'forward') !== 'forward') ctx.fail(`direction '${String(n.attrs.get('direction'))}': LayerLab imports forward recurrent layers (a bidirectional one is not imported yet)`);
  if (n.inputs[4]) ctx.fail('has sequence_lens (packed sequences); LayerLab runs every sequence to its full length');
  for (const i of [5, 6]) {
    if (n.inputs[i] && ctx.val(n.inputs[i])?.kind !== 'zeros') ctx.fail('starts from a given initial state; LayerLab imports recurrent layers that start from zeros');
  }
  if (n.attrs.has('clip') || ctx.attr('input_forget', 0)) ctx.fail('clip or input_forget is set; LayerLab\'s cells do not have them');
  const hidden = ctx.attr('hidden_size', 0);
  const acts = ctx.attr<string[]>('activations', []).join(',');
  let activation = 'tanh';
  if (n.opType === 'RNN' && acts === 'Relu') activation = 'relu';
  else if (acts && acts !== DEFAULT_ACTIVATIONS[n.opType]) ctx.fail(`activations ${acts}; LayerLab's ${kind} uses ${DEFAULT_ACTIVATIONS[n.opType]}`);
  if (n.opType === 'GRU' && ctx.attr('linear_before_reset', 0)) {
    ctx.fail("linear_before_reset=1 (PyTorch's nn.GRU) applies the reset gate after the recurrent product; LayerLab's GRU (tfjs, like Keras with reset_after=False) applies it before, so the weights do not carry over");
  }
  const order = GATE_ORDER[n.opType];
  const W = ctx.weight(n.inputs[1], 'W');
  const R = ctx.weight(n.inputs[2], 'R');
  const B = n.inputs[3] ? ctx.weight(n.inputs[3], 'B') : null;
  const F = x.shape[1];
  if (W.shape.join() !== `1,${order.length * hidden},${F}` || R.shape.join() !== `1,${order.length * hidden},${hidden}`) ctx.fail('its W or R does not fit hidden_size and the input');
  const returnSequences = ctx.used(n.outputs[0]);
  if (kind !== 'LSTM' && ctx.used(n.outputs[2])) ctx.fail('has a third output');
  const returnState = (returnSequences && ctx.used(n.outputs[1])) || ctx.used(n.outputs[2]);
  const weights = { kernel: recurrentKernel(W, hidden, order), recurrent_kernel: recurrentKernel(R, hidden, order), bias: recurrentBias(B, hidden, order) };
  const id = ctx.emit(kind, { units: hidden, activation, returnSequences, returnState, useInitialState: false }, [x], weights);
  ctx.notes.push(`${n.name}: ${kind} (${id}) has one bias per gate where ONNX (and PyTorch) keep two; they are summed (same outputs, ${order.length * hidden} fewer parameters than the PyTorch model).`);
  n.outputs.forEach((o, part) => ctx.set(o, { kind: 'rnn', node: id, part: part as 0 | 1 | 2, steps: x.shape[0], hidden, batchAxis: layoutAttr === 0 ? 1 : 0, returnSequences }));
}

/** Squeeze / Gather of the single direction of a recurrent output: the LayerLab layer's out, h or c. */
function recurrentOutput(ctx: MappingContext, n: OnnxNode): void {
  const v = ctx.val(n.inputs[0]) as RnnVal;
  // Y is [T, 1, N, H] (layout 0) or [N, T, 1, H]; Y_h and Y_c are [1, N, H] or [N, 1, H].
  const dirAxis = v.part === 0 ? (v.batchAxis === 1 ? 1 : 2) : v.batchAxis === 1 ? 0 : 1;
  let ok = false;
  if (n.opType === 'Squeeze') {
    const axes = (n.inputs[1] ? ctx.ints(n.inputs[1]) : ctx.attr<number[] | null>('axes', null)) ?? [];
    ok = axes.length === 1 && axes[0] === dirAxis;
  } else if (n.opType === 'Gather') {
    const idx = ctx.ints(n.inputs[1]);
    ok = ctx.attr('axis', 0) === dirAxis && idx?.length === 1 && (idx[0] === 0 || idx[0] === -1) && ctx.ix.constOf(n.inputs[1])!.dims.length === 0;
  }
  if (!ok) ctx.fail(`reads the recurrent layer's output other than by dropping its direction axis ${dirAxis}`);
  if (v.part === 0) {
    ctx.set(n.outputs[0], { kind: 'tensor', node: v.node, handle: 'out', shape: [v.steps, v.hidden], layout: v.batchAxis === 1 ? 'tbf' : 'plain' });
  } else {
    const handle = v.part === 2 ? 'c' : v.returnSequences ? 'h' : 'out';
    ctx.set(n.outputs[0], { kind: 'tensor', node: v.node, handle, shape: [v.hidden], layout: 'plain' });
  }
}

/** x[:, t] of a sequence (torch's `y[:, -1]` after a recurrent layer): one step, a SelectStep layer. */
function selectStep(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.val(n.inputs[0]) as TensorVal;
  const index = ctx.ix.constOf(n.inputs[1]);
  const timeAxis = x.layout === 'tbf' ? 0 : 1;
  const step = index?.ints?.[0];
  if (x.shape.length !== 2 || x.layout === 'cf' || ctx.attr('axis', 0) !== timeAxis || !index || index.dims.length !== 0 || step === undefined) {
    ctx.fail('picks values other than one time step of a sequence; LayerLab imports Gather as x[:, t] of a [batch, time, features] tensor');
  }
  if (step >= x.shape[0] || step < -x.shape[0]) ctx.fail(`step ${step} is outside the ${x.shape[0]} steps`);
  const id = ctx.emit('SelectStep', { step }, [x]);
  ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [x.shape[1]], layout: 'plain' });
}

const firstInputIs = (kind: 'rnn' | 'tensor') => (ctx: MappingContext, n: OnnxNode) => ctx.val(n.inputs[0])?.kind === kind;

export const recurrentMappers: OperatorMapper[] = [
  { ops: ['LSTM', 'GRU', 'RNN'], map: recurrent },
  { ops: ['Squeeze', 'Gather'], takes: firstInputIs('rnn'), map: recurrentOutput },
  { ops: ['Gather'], takes: firstInputIs('tensor'), map: selectStep },
];
