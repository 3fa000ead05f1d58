// Registry of Keras generators. Each category folder exports its list; add a kind there, not here.
import { ExportError } from '../codegen/plan';
import type { KerasGenerator } from './types';
import { coreKeras } from './core';
import { convKeras } from './conv';
import { recurrentKeras } from './recurrent';
import { attentionKindsKeras } from './attention';

export const ALL_KERAS_GENERATORS: KerasGenerator[] = [...coreKeras, ...convKeras, ...recurrentKeras, ...attentionKindsKeras];

const byKind = new Map(ALL_KERAS_GENERATORS.map((g) => [g.kind, g]));

export function getKerasGenerator(kind: string, nodeId?: string): KerasGenerator {
  const g = byKind.get(kind);
  if (!g) {
    throw new ExportError(
      `Keras export does not support layer kind '${kind}'${nodeId ? ` (node ${nodeId})` : ''} yet. ` +
        `Supported: ${[...byKind.keys()].join(', ')}.`,
      nodeId ?? null,
    );
  }
  return g;
}
