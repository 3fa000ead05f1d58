// Dataset paths the host may read. The host reads a path only after the user allowed it (src-main/files/
// read-grants.ts): typing a path into a dataset field is allowing it; a path that came inside a graph file is
// shown with an Allow button first. In Electron the host confirms once more in a native dialog.
import type { ApiClient } from '../../../shared/api';
import type { DatasetConfig } from '../../../shared/graph/types';

/** Allows `path` on the host; false when it is empty, declined or the host refused. */
export async function allowDatasetPath(api: Pick<ApiClient, 'allowDatasetPath'>, path: string): Promise<boolean> {
  if (path.trim() === '') return false;
  try {
    return (await api.allowDatasetPath({ path })).allowed;
  } catch {
    return false; // the preview then says what is wrong with the path
  }
}

/** The path a dataset setting reads (its Path option), or '' when it has none. */
export function datasetPathOf(config: DatasetConfig): string {
  const value = config.options?.path;
  return typeof value === 'string' ? value : '';
}
