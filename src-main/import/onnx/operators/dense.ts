// Gemm and MatMul by a constant weight become Dense layers; an Add of a constant right after a MatMul is its bias.
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import type { TensorVal } from '../values';
import { arr, permuted, rowsFromChannelsFirst, type WeightArray } from '../weights';
import type { OperatorMapper } from './types';

function dense(ctx: MappingContext, x: TensorVal, kernel: WeightArray, bias: WeightArray | null, out: string): void {
  if (x.layout !== 'plain') ctx.fail(`multiplies a ${x.layout === 'cf' ? 'channels-first' : 'sequence-first'} tensor; flatten or pool it first`);
  const features = x.shape[x.shape.length - 1];
  if (kernel.shape[0] !== features) ctx.fail(`its weight is [${kernel.shape.join(', ')}] but its input has ${features} features`);
  if (x.flatFrom) kernel = rowsFromChannelsFirst(kernel, x.flatFrom);
  const units = kernel.shape[1];
  if (bias && bias.data.length !== units) ctx.fail(`its bias has ${bias.data.length} values, expected ${units}`);
  const id = ctx.emit('Dense', { units, activation: 'linear', useBias: !!bias }, [x], { kernel, ...(bias ? { bias: arr(bias.data, [units]) } : {}) });
  ctx.set(out, { kind: 'tensor', node: id, handle: 'out', shape: [...x.shape.slice(0, -1), units], layout: 'plain', fresh: true });
}

function gemm(ctx: MappingContext, n: OnnxNode): void {
  if (ctx.attr('alpha', 1) !== 1 || ctx.attr('beta', 1) !== 1 || ctx.attr('transA', 0)) ctx.fail('alpha, beta other than 1 or transA are not a Dense layer');
  const x = ctx.tensor(n.inputs[0]);
  if (x.shape.length !== 1) ctx.fail(`multiplies a rank-${x.shape.length + 1} tensor; Gemm is a Dense layer on [batch, features]`);
  const b = ctx.weight(n.inputs[1], 'weight');
  const kernel = ctx.attr('transB', 0) ? permuted(b, [1, 0]) : b;
  dense(ctx, x, kernel, n.inputs[2] ? ctx.weight(n.inputs[2], 'bias') : null, n.outputs[0]);
}

function matMul(ctx: MappingContext, n: OnnxNode): void {
  if (!ctx.isConst(n.inputs[1])) {
    ctx.fail('multiplies two computed tensors (attention scores); LayerLab imports attention only as part of torch\'s nn.TransformerEncoderLayer (batch_first=True, norm_first=False, relu, no mask)');
  }
  const w = ctx.weight(n.inputs[1], 'weight');
  if (w.shape.length !== 2) ctx.fail(`its weight has rank ${w.shape.length}; a Dense weight is [in, out]`);
  dense(ctx, ctx.tensor(n.inputs[0]), w, null, n.outputs[0]);
}

/** MatMul then Add(bias): the bias of the Dense layer the MatMul became. */
function foldBias(ctx: MappingContext, n: OnnxNode): void {
  const [a, b] = n.inputs;
  const value = ctx.isConst(a) ? b : a;
  const constant = ctx.isConst(a) ? a : b;
  const x = ctx.tensor(value);
  const producer = ctx.node(x.node);
  const bias = ctx.weight(constant, 'addend');
  const units = x.shape[x.shape.length - 1];
  const fits = bias.data.length === units && bias.shape.every((d, i) => i === bias.shape.length - 1 || d === 1);
  if (!x.fresh || producer.kind !== 'Dense' || producer.params.useBias || !ctx.singleUse(value) || !fits) {
    ctx.fail('adds a constant that is not the bias of a MatMul just before it; LayerLab has no layer that adds a constant');
  }
  producer.params.useBias = true;
  ctx.weights.get(producer.id)!.bias = arr(bias.data, [units]);
  ctx.set(n.outputs[0], x);
}

/** Some input of the node is a LayerLab tensor (not shape integers). */
export const readsTensor = (ctx: MappingContext, n: OnnxNode) => ctx.val(n.inputs[0])?.kind === 'tensor' || ctx.val(n.inputs[1])?.kind === 'tensor';

export const denseMappers: OperatorMapper[] = [
  { ops: ['Gemm'], map: gemm },
  { ops: ['MatMul'], map: matMul },
  { ops: ['Add'], takes: (ctx, n) => readsTensor(ctx, n) && (ctx.isConst(n.inputs[0]) || ctx.isConst(n.inputs[1])), map: foldBias },
];
