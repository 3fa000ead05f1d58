// Conv with a 1-D or 2-D kernel on a channels-first tensor: Conv1D / Conv2D with the kernel moved to tfjs's layout.
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import { arr, permuted } from '../weights';
import { spatialAttrs } from './spatial-attrs';
import type { OperatorMapper } from './types';

function conv(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  const w = ctx.weight(n.inputs[1], 'weight');
  const rank = w.shape.length - 2;
  if (x.layout !== 'cf' || (rank !== 1 && rank !== 2) || x.shape.length !== rank + 1) ctx.fail(`LayerLab imports Conv on channels-first [C, L] or [C, H, W] inputs with a 1-D or 2-D kernel (got a ${w.shape.length}-D weight on a ${x.layout} tensor)`);
  if (ctx.attr('group', 1) !== 1) ctx.fail(`group = ${String(n.attrs.get('group'))} (grouped or depthwise convolution) has no LayerLab layer kind`);
  const k = w.shape.slice(2);
  if (k.some((d) => d !== k[0])) ctx.fail(`kernel [${k.join(', ')}] is not square; LayerLab's Conv layers use one size for every axis`);
  const { strides, dilations, pad, autoPad } = spatialAttrs(ctx, rank, 'Conv');
  // torch writes padding='same' as explicit pads of half the dilated kernel.
  const sameSize = (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER' || (autoPad === 'NOTSET' && pad > 0 && 2 * pad === dilations * (k[0] - 1))) && strides === 1;
  if (!sameSize && (pad !== 0 || (autoPad !== 'NOTSET' && autoPad !== 'VALID'))) ctx.fail(`padding ${pad} (auto_pad ${autoPad}) is neither none ('valid') nor 'same' at stride 1`);
  const channels = x.shape[x.shape.length - 1];
  if (w.shape[1] !== channels) ctx.fail(`its weight expects ${w.shape[1]} input channels, the input has ${channels}`);
  const filters = w.shape[0];
  const kernel = permuted(w, rank === 2 ? [2, 3, 1, 0] : [2, 1, 0]);
  let bias = n.inputs[2] ? ctx.weight(n.inputs[2], 'bias') : null;
  if (!bias) {
    bias = arr(new Float32Array(filters), [filters]);
    ctx.notes.push(`${n.name}: the convolution has no bias; LayerLab's Conv always has one, set to zeros (${filters} more parameters).`);
  }
  const span = dilations * (k[0] - 1) + 1;
  const spatial = x.shape.slice(0, -1).map((d) => (sameSize ? d : Math.floor((d - span) / strides) + 1));
  if (spatial.some((d) => d < 1)) ctx.fail('its window is larger than the input');
  const kind = rank === 2 ? 'Conv2D' : 'Conv1D';
  const params = { filters, kernelSize: k[0], strides, padding: sameSize ? 'same' : 'valid', dilationRate: dilations, activation: 'linear' };
  const id = ctx.emit(kind, params, [x], { kernel, bias: arr(bias.data, [filters]) });
  ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [...spatial, filters], layout: 'cf', fresh: true });
}

export const convMappers: OperatorMapper[] = [{ ops: ['Conv'], map: conv }];
