// torch's shape arithmetic around reshapes and recurrent layers (Shape, Gather, Concat, Slice, ... on integers),
// worked out before running the model with the batch size left unknown; the zero initial states of recurrent
// layers; and the pass-through operators (Identity, Dropout in eval mode, Cast).
import type { OnnxNode } from '../read-model';
import type { MappingContext } from '../mapping-context';
import type { Val } from '../values';
import type { OperatorMapper } from './types';

const INTEGER_OPS: Record<string, (x: number, y: number) => number> = {
  Add: (x, y) => x + y,
  Sub: (x, y) => x - y,
  Mul: (x, y) => x * y,
  Div: (x, y) => Math.trunc(x / y),
};

/** The value the node computes, or null when it is not integers LayerLab can work out. */
function evaluate(ctx: MappingContext, n: OnnxNode): Val | null {
  const ints = (i: number) => (n.inputs[i] ? ctx.ints(n.inputs[i]) : null);
  switch (n.opType) {
    case 'Shape': {
      const x = ctx.tensor(n.inputs[0]);
      const dims = x.layout === 'cf' ? [null, x.shape[x.shape.length - 1], ...x.shape.slice(0, -1)] : x.layout === 'tbf' ? [x.shape[0], null, ...x.shape.slice(1)] : [null, ...x.shape];
      const start = ctx.attr<number>('start', 0);
      const end = ctx.attr<number | null>('end', null);
      return { kind: 'shape', dims: dims.slice(start, end ?? undefined) };
    }
    case 'ConstantOfShape': {
      const value = ctx.ix.constOf(n.inputs[0]) ? null : n.attrs.get('value');
      const zero = !value || (typeof value === 'object' && 'floats' in value && [...(value.floats ?? value.ints ?? [])].every((v) => v === 0));
      return zero ? { kind: 'zeros' } : null;
    }
    case 'Expand': {
      const c = ctx.ix.constOf(n.inputs[0]);
      const v = ctx.val(n.inputs[0]);
      const zero = v?.kind === 'zeros' || (c && [...(c.floats ?? c.ints ?? [1])].every((x) => x === 0));
      return zero ? { kind: 'zeros' } : null;
    }
    case 'Gather': {
      if (ctx.ix.floatsOf(n.inputs[0])) ctx.fail('looks up rows of a weight table (an Embedding of token ids), which LayerLab does not import yet');
      const data = ints(0);
      const idx = ints(1);
      if (!data || !idx || idx.some((i) => i === null) || ctx.attr('axis', 0) !== 0) return null;
      return { kind: 'shape', dims: idx.map((i) => data[((i as number) + data.length) % data.length]) };
    }
    case 'Unsqueeze':
    case 'Squeeze': {
      const data = ints(0);
      return data ? { kind: 'shape', dims: data } : null;
    }
    case 'Concat':
      return { kind: 'shape', dims: n.inputs.flatMap((_, i) => ints(i)!) };
    case 'Slice': {
      const data = ints(0);
      const [s, e] = [ints(1), ints(2)];
      if (!data || !s || !e || s.length !== 1 || e.length !== 1 || (n.inputs[3] && ints(3)?.[0] !== 0) || (n.inputs[4] && ints(4)?.[0] !== 1)) return null;
      return { kind: 'shape', dims: data.slice(Math.max(-data.length, s[0] ?? 0), Math.min(e[0] ?? data.length, data.length)) };
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div': {
      const [a, b] = [ints(0), ints(1)];
      if (!a || !b || a.length !== b.length) return null;
      const f = INTEGER_OPS[n.opType];
      return { kind: 'shape', dims: a.map((x, i) => (x === null || b[i] === null ? null : f(x, b[i]))) };
    }
    default:
      return null;
  }
}

export const shapeArithmeticMappers: OperatorMapper[] = [
  // Constants are read where they are used (GraphIndex.constOf).
  { ops: ['Constant'], map: () => {} },
  {
    ops: ['Identity', 'Dropout', 'Cast'],
    map(ctx, n) {
      if (n.opType === 'Dropout' && n.inputs[2] && ctx.ints(n.inputs[2])?.[0]) ctx.fail('runs in training mode; export the model in eval mode');
      const v = ctx.val(n.inputs[0]);
      if (v) ctx.set(n.outputs[0], v); // constants stay constants (read through ix.constOf)
    },
  },
  {
    ops: ['Shape', 'ConstantOfShape', 'Expand', 'Gather', 'Unsqueeze', 'Squeeze', 'Concat', 'Slice', ...Object.keys(INTEGER_OPS)],
    map(ctx, n) {
      const result = evaluate(ctx, n);
      if (!result) return ctx.fail('is not shape arithmetic LayerLab can work out before running the model');
      ctx.set(n.outputs[0], result);
    },
  },
];
