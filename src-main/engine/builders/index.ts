// Registry of engine builders. Each category folder exports its list; add a kind there, not here.
import type { LayerBuilder } from '../types';
import { coreBuilders } from './core';
import { convBuilders } from './conv';
import { recurrentBuilders } from './recurrent';
import { attentionBuilders } from './attention';

export const ALL_BUILDERS: LayerBuilder[] = [
  ...coreBuilders,
  ...convBuilders,
  ...recurrentBuilders,
  ...attentionBuilders,
] as LayerBuilder[];

const byKind = new Map(ALL_BUILDERS.map((b) => [b.kind, b]));

export function getBuilder(kind: string): LayerBuilder {
  const b = byKind.get(kind);
  if (!b) throw new Error(`No engine builder for layer kind '${kind}'`);
  return b;
}
