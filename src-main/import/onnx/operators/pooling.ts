// Pooling: 2-D max / average pooling, global average pooling (GlobalAveragePool, or ReduceMean over the spatial
// axes), and the zero Pad torch writes before avg_pool2d.
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import { same, type TensorVal } from '../values';
import { spatialAttrs } from './spatial-attrs';
import type { OperatorMapper } from './types';

function pool(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  const kernel = ctx.attr<number[]>('kernel_shape', []);
  if (x.layout !== 'cf' || x.shape.length !== 3 || kernel.length !== 2) ctx.fail('LayerLab imports 2-D pooling on channels-first [C, H, W] tensors');
  if (kernel[0] !== kernel[1]) ctx.fail(`kernel [${kernel.join(', ')}] is not square`);
  if (ctx.attr('ceil_mode', 0) || ctx.attr('storage_order', 0)) ctx.fail('ceil_mode or storage_order is set; LayerLab pools with floor and row-major order');
  const { strides, dilations, pad, autoPad } = spatialAttrs(ctx, 2, 'pooling');
  if (dilations !== 1 || pad !== 0 || (autoPad !== 'NOTSET' && autoPad !== 'VALID')) ctx.fail('padded or dilated pooling has no LayerLab layer kind (valid pooling only)');
  const k = kernel[0];
  const spatial = x.shape.slice(0, 2).map((d) => Math.floor((d - k) / strides) + 1);
  if (spatial.some((d) => d < 1)) ctx.fail('its window is larger than the input');
  const kind = n.opType === 'MaxPool' ? 'MaxPooling2D' : 'AveragePooling2D';
  const id = ctx.emit(kind, { poolSize: k, strides: strides === k ? 0 : strides, padding: 'valid' }, [x]);
  ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [...spatial, x.shape[2]], layout: 'cf' });
}

/** keepDims: the pooled [C] stays ONNX [C, 1, 1] (channels-first), else it is a plain vector. */
function globalPool(ctx: MappingContext, x: TensorVal, out: string, keepDims: boolean): void {
  if (x.layout !== 'cf' || (x.shape.length !== 2 && x.shape.length !== 3)) ctx.fail('LayerLab pools channels-first [C, L] or [C, H, W] tensors globally');
  const kind = x.shape.length === 3 ? 'GlobalAveragePooling2D' : 'GlobalAveragePooling1D';
  const id = ctx.emit(kind, {}, [x]);
  const c = x.shape[x.shape.length - 1];
  ctx.set(out, { kind: 'tensor', node: id, handle: 'out', shape: [c], layout: keepDims ? 'cf' : 'plain' });
}

function reduceMean(ctx: MappingContext, n: OnnxNode): void {
  const x = ctx.tensor(n.inputs[0]);
  const axes = (n.inputs[1] ? ctx.ints(n.inputs[1]) : ctx.attr<number[] | null>('axes', null)) ?? [];
  const rank = x.shape.length + 1;
  const norm = axes.map((a) => ((a ?? 0) + rank) % rank).sort();
  const keepDims = ctx.attr('keepdims', 1) === 1;
  const spatialCf = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  const spatialCl = Array.from({ length: rank - 2 }, (_, i) => i + 1);
  if (x.layout === 'cf' && same(norm, spatialCf)) return globalPool(ctx, x, n.outputs[0], keepDims);
  // Keras's GlobalAveragePooling2D through tf2onnx: a mean over the spatial axes of a channels-last tensor.
  if (x.layout === 'plain' && rank >= 3 && !keepDims && same(norm, spatialCl)) return globalPool(ctx, { ...x, layout: 'cf' }, n.outputs[0], false);
  ctx.fail(`a mean over axes [${axes.join(', ')}] is not a global average pooling over the spatial axes`);
}

function zeroPad(ctx: MappingContext, n: OnnxNode): void {
  // torch writes a Pad of zeros before avg_pool2d; real padding has no LayerLab layer kind.
  const pads = (n.inputs[1] ? ctx.ints(n.inputs[1]) : ctx.attr<number[]>('pads', [])) ?? [null];
  if (pads.some((p) => p !== 0)) ctx.fail(`pads by [${pads.join(', ')}]; LayerLab has no padding layer (a convolution's padding='same' is imported)`);
  ctx.set(n.outputs[0], ctx.tensor(n.inputs[0]));
}

export const poolingMappers: OperatorMapper[] = [
  { ops: ['MaxPool', 'AveragePool'], map: pool },
  { ops: ['GlobalAveragePool'], map: (ctx, n) => globalPool(ctx, ctx.tensor(n.inputs[0]), n.outputs[0], true) },
  { ops: ['ReduceMean'], map: reduceMean },
  { ops: ['Pad'], map: zeroPad },
];
