// What the host tells us: app info (host kind, backend) and the dataset catalogue. Reloaded on every
// (re)connection; the catalogue falls back to the built-in list while the host is unreachable.
import { create } from 'zustand';
import type { ApiClient, AppInfo } from '../../../shared/api';
import type { DatasetDescriptor } from '../../../shared/data/types';
import { DATASETS } from '../../../shared/data/catalog';

export interface AppInfoState {
  info: AppInfo | null;
  infoError: string | null;
  datasets: DatasetDescriptor[];
  /** True once the host's own list arrived (it may know datasets the built-in list lacks). */
  datasetsFromHost: boolean;
  load(): Promise<void>;
}

export function createAppInfoStore(api: ApiClient) {
  return create<AppInfoState>((set) => ({
    info: null,
    infoError: null,
    datasets: DATASETS,
    datasetsFromHost: false,
    async load() {
      try {
        const info = await api.getInfo();
        set({ info, infoError: null });
      } catch (err) {
        set({ infoError: err instanceof Error ? err.message : String(err) });
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
