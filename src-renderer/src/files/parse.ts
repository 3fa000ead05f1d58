// Reads graph file text through the shared validator; returns the graph or a message naming the problem.
import type { GraphFile } from '../../../shared/graph/types';
import { parseGraphFile } from '../../../shared/graph/validate';
import { errorText } from '../../../shared/i18n/error-text';

export type ParseOutcome = { ok: true; graph: GraphFile } | { ok: false; message: string };

export function readGraphText(text: string): ParseOutcome {
  try {
    return { ok: true, graph: parseGraphFile(text) };
  } catch (err) {
    return { ok: false, message: errorText(err) };
  }
}
