// Flatten, Reshape and Transpose. Most Transposes only switch how a LayerLab tensor sits in ONNX (channels-first,
// sequence-first) and add no layer; a Flatten of a channels-first tensor marks it so the next Dense reorders its rows.
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import { CHANNEL_OPS } from '../channels-first';
import { prod, same, type TensorVal } from '../values';
import type { OperatorMapper } from './types';

function flatten(ctx: MappingContext, x: TensorVal, out: string): void {
  if (x.layout === 'tbf') ctx.fail('flattens a sequence-first tensor');
  if (x.shape.length === 1) return ctx.set(out, { ...x, layout: 'plain' });
  const id = ctx.emit('Flatten', {}, [x]);
  ctx.set(out, { kind: 'tensor', node: id, handle: 'out', shape: [prod(x.shape)], layout: 'plain', ...(x.layout === 'cf' ? { flatFrom: x.shape } : {}) });
}

function reshape(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  const target = ctx.ints(n.inputs[1]);
  if (!target) ctx.fail('its target shape is not known before running the model');
  const total = prod(x.shape);
  // The batch axis comes first: the batch size itself (null), or 0 (copy) or -1 with the rest fixed.
  const [first, ...rest] = target;
  if (!(first === null || first === 0 || (first === -1 && rest.every((d) => d !== null && d > 0)))) {
    ctx.fail(`reshapes to [${target.join(', ')}], which does not keep the batch axis (exported with a fixed batch size? use dynamic_axes)`);
  }
  const onnxSample = x.layout === 'cf' ? [x.shape[x.shape.length - 1], ...x.shape.slice(0, -1)] : x.shape;
  const sample = rest.map((d, i) => (d === 0 && ctx.attr('allowzero', 0) === 0 ? onnxSample[i] : d));
  if (sample.some((d) => d === null) || sample.filter((d) => d === -1).length > 1) ctx.fail(`reshapes to [${target.join(', ')}]`);
  const known = prod((sample as number[]).filter((d) => d !== -1));
  const dims = (sample as number[]).map((d) => (d === -1 ? total / known : d));
  if (prod(dims) !== total || dims.some((d) => !Number.isInteger(d) || d < 1)) ctx.fail(`cannot reshape [${onnxSample.join(', ')}] to [${sample.join(', ')}]`);
  if (dims.length === 1) return flatten(ctx, x, n.outputs[0]);
  if (x.layout !== 'plain') ctx.fail('reshapes a channels-first tensor to something other than a flat vector');
  if (same(dims, x.shape)) return ctx.set(n.outputs[0], x);
  const id = ctx.emit('Reshape', { targetShape: dims }, [x]);
  ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: dims, layout: 'plain' });
}

function transpose(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  const perm = ctx.attr<number[]>('perm', []).join(',');
  if (x.shape.length === 2 && perm === '1,0,2' && x.layout !== 'cf') {
    // Batch-first <-> sequence-first, as torch writes around recurrent layers: the same LayerLab tensor.
    return ctx.set(n.outputs[0], { ...x, layout: x.layout === 'plain' ? 'tbf' : 'plain', fresh: false });
  }
  // tf2onnx (Keras) wraps channels-last convolutions in Transposes to and from ONNX's channels-first layout.
  const rank = x.shape.length + 1;
  const toChannelsFirst = rank === 4 ? '0,3,1,2' : '0,2,1';
  const toChannelsLast = rank === 4 ? '0,2,3,1' : '0,2,1';
  const feedsChannelOps = (ctx.ix.consumers.get(n.outputs[0]) ?? []).every((c) => CHANNEL_OPS.has(c.opType));
  if (x.layout === 'plain' && (rank === 4 || rank === 3) && perm === toChannelsFirst && (rank === 4 || feedsChannelOps)) {
    return ctx.set(n.outputs[0], { ...x, layout: 'cf', fresh: false });
  }
  if (x.layout === 'cf' && x.shape.length > 1 && perm === toChannelsLast) return ctx.set(n.outputs[0], { ...x, layout: 'plain', fresh: false });
  // A Conv1d's [N, C, L] straight to a recurrent layer's [L, N, C] (torch fuses .transpose(1, 2) with batch_first's), and back.
  if (x.layout === 'cf' && x.shape.length === 2 && perm === '2,0,1') return ctx.set(n.outputs[0], { ...x, layout: 'tbf', fresh: false });
  if (x.layout === 'tbf' && perm === '1,2,0') return ctx.set(n.outputs[0], { ...x, layout: 'cf', fresh: false });
  if (x.shape.length === 2 && perm === '0,2,1' && x.layout === 'plain') {
    const id = ctx.emit('Permute', { dims: [2, 1] }, [x]);
    return ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [x.shape[1], x.shape[0]], layout: 'plain' });
  }
  ctx.fail(`permutation [${perm}] of a ${x.layout} rank-${x.shape.length + 1} tensor has no LayerLab layer kind`);
}

export const reshapeMappers: OperatorMapper[] = [
  {
    ops: ['Flatten'],
    map(ctx, n) {
      if (ctx.attr('axis', 1) !== 1) ctx.fail(`flattens from axis ${String(n.attrs.get('axis'))}; LayerLab flattens each sample (axis 1)`);
      flatten(ctx, ctx.tensor(n.inputs[0]), n.outputs[0]);
    },
  },
  { ops: ['Reshape'], map: reshape },
  { ops: ['Transpose'], map: transpose },
];
