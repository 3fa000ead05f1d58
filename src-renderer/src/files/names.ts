// File names for graphs.
import { GRAPH_FILE_EXTENSION } from '../../../shared/graph/types';

/** "My MLP" -> "My MLP.layerlab.json", with characters file systems reject replaced. */
export function graphFileName(name: string): string {
  const printable = [...name].map((ch) => (ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  const safe = printable.replace(/[\\/:*?"<>|]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
  return `${safe || 'Untitled'}${GRAPH_FILE_EXTENSION}`;
}

/** The last path segment, for showing which file is open. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
