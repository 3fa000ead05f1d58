// BatchNormalization (inference statistics, over the channel axis) and LayerNormalization (over the last axis).
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import { arr, type WeightArray } from '../weights';
import type { OperatorMapper } from './types';

function batchNorm(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  if (ctx.attr('training_mode', 0)) ctx.fail('runs in training mode; export the model in eval mode');
  if (x.layout !== 'cf' && !(x.layout === 'plain' && x.shape.length === 1)) ctx.fail('LayerLab normalises channels-first tensors or [batch, features] over the channel axis');
  const [gamma, beta, mean, variance] = ['scale', 'bias', 'mean', 'var'].map((what, i) => ctx.weight(n.inputs[i + 1], what));
  const c = x.shape[x.shape.length - 1];
  if ([gamma, beta, mean, variance].some((w) => w.data.length !== c)) ctx.fail(`its statistics do not have ${c} values, one per channel`);
  const vec = (w: WeightArray) => arr(w.data, [c]);
  const params = { momentum: ctx.attr('momentum', 0.9), epsilon: ctx.attr('epsilon', 1e-5) };
  const id = ctx.emit('BatchNormalization', params, [x], { gamma: vec(gamma), beta: vec(beta), moving_mean: vec(mean), moving_variance: vec(variance) });
  ctx.set(n.outputs[0], { ...x, node: id, handle: 'out', fresh: false });
}

function layerNorm(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  const rank = x.shape.length + 1;
  const axis = ctx.attr('axis', -1);
  if ((axis + rank) % rank !== rank - 1 || x.layout !== 'plain') ctx.fail(`normalises from axis ${axis}; LayerLab's LayerNormalization normalises the last axis of a batch-first tensor`);
  const d = x.shape[x.shape.length - 1];
  const gamma = ctx.weight(n.inputs[1], 'scale');
  const beta = n.inputs[2] ? ctx.weight(n.inputs[2], 'bias') : arr(new Float32Array(d), [d]);
  if (gamma.data.length !== d || beta.data.length !== d) ctx.fail(`its scale and bias should have ${d} values`);
  const id = ctx.emit('LayerNormalization', { epsilon: ctx.attr('epsilon', 1e-5) }, [x], { gamma: arr(gamma.data, [d]), beta: arr(beta.data, [d]) });
  ctx.set(n.outputs[0], { ...x, node: id, handle: 'out', fresh: false });
}

export const normalisationMappers: OperatorMapper[] = [
  { ops: ['BatchNormalization'], map: batchNorm },
  { ops: ['LayerNormalization'], map: layerNorm },
];
