// What the host tells us: app info (host kind, backend) and the dataset catalogue. Reloaded on every
// (re)connection; the catalogue falls back to the built-in list while the host is unreachable.
import { create } from 'zustand';
import type { ApiClient, AppInfo, EnginesInfo } from '../../../shared/api';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { DATASETS } from '../../../shared/data/catalog';
import { errorText } from '../../../shared/i18n/error-text';

export interface AppInfoState {
  info: AppInfo | null;
  infoError: string | null;
  datasets: DatasetDescriptor[];
  /** True once the host's own list arrived (it may know datasets the built-in list lacks). */
  datasetsFromHost: boolean;
  /** The training engines the host offers (PyTorch probed by the host; null until it answers). */
  engines: EnginesInfo | null;
  /** Why the engines could not be asked for (host unreachable, a host without PyTorch support). */
  enginesError: string | null;
  load(): Promise<void>;
  /** Saves the Python the PyTorch engine uses on the host (null = search) and takes the new probe. */
  setPythonPath(path: string | null): Promise<void>;
}

export function createAppInfoStore(api: ApiClient) {
  return create<AppInfoState>((set) => ({
    info: null,
    infoError: null,
    datasets: DATASETS,
    datasetsFromHost: false,
    engines: null,
    enginesError: null,
    async setPythonPath(path) {
      try {
        set({ engines: await api.setPythonPath({ path }), enginesError: null });
      } catch (err) {
        set({ enginesError: errorText(err) });
      }
    },
    async load() {
      // The first PyTorch probe can take seconds (importing torch): it answers on its own, never holding the rest.
      void api.getEngines().then(
        (engines) => set({ engines, enginesError: null }),
        (err: unknown) => set({ enginesError: errorText(err) }),
      );
      try {
        const info = await api.getInfo();
        set({ info, infoError: null });
      } catch (err) {
        set({ infoError: errorText(err) });
      }
      try {
        const datasets = await api.listDatasets();
        if (Array.isArray(datasets) && datasets.length > 0) set({ datasets, datasetsFromHost: true });
      } catch {
        // Keep the built-in list; the banner already says the host is unreachable.
      }
    },
  }));
}
