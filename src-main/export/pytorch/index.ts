// Registry of PyTorch generators. Each category folder exports its list; add a kind there, not here.
import { ExportError } from '../codegen/plan';
import type { PyGenerator } from './types';
import { corePy } from './core';
import { convPy } from './conv';
import { recurrentPy } from './recurrent';
import { attentionKindsPy } from './attention';

export const ALL_PY_GENERATORS: PyGenerator[] = [...corePy, ...convPy, ...recurrentPy, ...attentionKindsPy];

const byKind = new Map(ALL_PY_GENERATORS.map((g) => [g.kind, g]));

export function getPyGenerator(kind: string, nodeId?: string): PyGenerator {
  const g = byKind.get(kind);
  if (!g) {
    throw new ExportError(
      `PyTorch export does not support layer kind '${kind}'${nodeId ? ` (node ${nodeId})` : ''} yet. ` +
        `Supported: ${[...byKind.keys()].join(', ')}.`,
      nodeId ?? null,
    );
  }
  return g;
}
