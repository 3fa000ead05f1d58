// Joins of computed tensors: Add and Mul of two equal shapes (Add, Multiply layers), Concat along the features or
// channels axis (Concatenate). Arithmetic and Concat of shape integers are torch's shape arithmetic instead.
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import { same } from '../values';
import { readsTensor } from './dense';
import type { OperatorMapper } from './types';

function elementwise(ctx: MappingContext, n: OnnxNode): void {
  const [a, b] = n.inputs;
  if (n.opType === 'Sub' || n.opType === 'Div' || ctx.isConst(a) || ctx.isConst(b)) ctx.fail(`${n.opType} with a constant or a second computed tensor has no LayerLab layer kind`);
  const x = ctx.tensor(a);
  const y = ctx.tensor(b);
  if (x.layout !== y.layout || !same(x.shape, y.shape)) ctx.fail(`joins tensors of shapes [${x.shape.join(', ')}] and [${y.shape.join(', ')}]; LayerLab's ${n.opType === 'Add' ? 'Add' : 'Multiply'} needs equal shapes (no broadcasting)`);
  const id = ctx.emit(n.opType === 'Add' ? 'Add' : 'Multiply', {}, [x, y]);
  ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: x.shape, layout: x.layout });
}

function concatenate(ctx: MappingContext, n: OnnxNode): void {
  const xs = n.inputs.map((i) => ctx.tensor(i));
  const rank = xs[0].shape.length + 1;
  const axis = (ctx.attr('axis', 1) + rank) % rank;
  const layout = xs[0].layout;
  const lastAxis = layout === 'cf' ? axis === 1 : layout === 'plain' && axis === rank - 1;
  if (!lastAxis || xs.some((x) => x.layout !== layout || !same(x.shape.slice(0, -1), xs[0].shape.slice(0, -1)))) ctx.fail(`joins along axis ${axis}; LayerLab imports joins along the features / channels axis`);
  const id = ctx.emit('Concatenate', { axis: -1 }, xs);
  ctx.set(n.outputs[0], { kind: 'tensor', node: id, handle: 'out', shape: [...xs[0].shape.slice(0, -1), xs.reduce((s, x) => s + x.shape[x.shape.length - 1], 0)], layout });
}

export const mergeMappers: OperatorMapper[] = [
  { ops: ['Add', 'Mul', 'Sub', 'Div'], takes: readsTensor, map: elementwise },
  // A Concat is shape arithmetic only when every part is known integers.
  { ops: ['Concat'], takes: (ctx, n) => n.inputs.some((i) => !i || ctx.ints(i) === null), map: concatenate },
];
