// The api's view of dataset read grants (api-handlers.ts DatasetReadsLike) over ReadGrants: which paths a dataset
// setting reads, whether they are allowed, and allowing one (after a native confirmation where the host has one).
import type { DatasetReadsLike } from '../api-handlers';
import { datasetReadPaths, resolveUserPath } from '../data/userFiles';
import type { ReadGrants } from './read-grants';

/** Asks the user, in a window the renderer cannot draw (Electron's native dialog), whether to allow `path`. */
export type ConfirmRead = (path: string) => Promise<boolean>;

export function createDatasetReads(grants: ReadGrants, confirm?: ConfirmRead): DatasetReadsLike {
  return {
    notAllowed: (config) => datasetReadPaths(config).find((p) => !grants.covers(p)) ?? null,
    async allow(given) {
      const path = resolveUserPath(given);
      if (grants.covers(path)) return { allowed: true, path };
      if (confirm && !(await confirm(path))) return { allowed: false, path };
      await grants.grant(path);
      return { allowed: true, path };
    },
  };
}
