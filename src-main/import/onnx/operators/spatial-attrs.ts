// Strides, dilations and padding of a Conv or pooling node, as the single size per axis LayerLab's layers take.
import type { MappingContext } from '../mapping-context';

export function spatialAttrs(ctx: MappingContext, rank: number, what: string) {
  const square = (name: string, fallback: number): number => {
    const v = ctx.attr<number[]>(name, new Array<number>(rank).fill(fallback));
    if (v.length !== rank || v.some((d) => d !== v[0])) ctx.fail(`${name} [${v.join(', ')}] is not the same on every axis; LayerLab ${what} layers use one size for every axis`);
    return v[0];
  };
  const pads = ctx.attr<number[]>('pads', new Array<number>(2 * rank).fill(0));
  if (pads.some((p) => p !== pads[0])) ctx.fail(`pads [${pads.join(', ')}] are not symmetric; LayerLab pads 'same' or not at all`);
  const autoPad = ctx.attr('auto_pad', 'NOTSET');
  return { strides: square('strides', 1), dilations: square('dilations', 1), pad: pads[0] ?? 0, autoPad };
}
