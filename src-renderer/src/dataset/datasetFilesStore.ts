// What the host says about datasets on disk (the Datasets view, the missing-dataset offer) and the downloads
// running now: progress from 'datasetDownload' events, errors kept per dataset until the next try.
import { create } from 'zustand';
import type { ApiClient, UserDatasetRef } from '../../../shared/api';
import type { DatasetDownloadProgress, DatasetStatus } from '../../../shared/data/downloads';
import { getDownloadable } from '../../../shared/data/downloads';
import type { DatasetConfig } from '../../../shared/graph/types';
import { datasetPathOf } from './pathGrant';
import { errorText } from '../../../shared/i18n/error-text';

type FilesApi = Pick<ApiClient, 'listDatasetStatus' | 'downloadDataset' | 'cancelDatasetDownload' | 'removeDataset' | 'openDatasetFolder' | 'on'>;

export interface DatasetFilesState {
  statuses: DatasetStatus[];
  loaded: boolean;
  progress: Record<string, DatasetDownloadProgress | undefined>;
  downloading: Record<string, boolean | undefined>;
  errors: Record<string, string | undefined>;
  /** Where Open folder pointed, when the host could not open a window (the web host). */
  shownPath: Record<string, string | undefined>;
  refresh(user?: UserDatasetRef[]): Promise<DatasetStatus[]>;
  download(id: string): Promise<boolean>;
  cancel(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  openFolder(id: string): Promise<void>;
}

const messageOf = (err: unknown) => errorText(err).replace(/^downloadDataset: /, '');

export function createDatasetFilesStore(api: FilesApi) {
  let lastUser: UserDatasetRef[] = [];
  const store = create<DatasetFilesState>((set, get) => ({
    statuses: [],
    loaded: false,
    progress: {},
    downloading: {},
    errors: {},
    shownPath: {},
    async refresh(user) {
      if (user) lastUser = user;
      const statuses = await api.listDatasetStatus({ user: lastUser });
      set({ statuses, loaded: true });
      return statuses;
    },
    async download(id) {
      set({ downloading: { ...get().downloading, [id]: true }, errors: { ...get().errors, [id]: undefined } });
      try {
        const result = await api.downloadDataset({ id });
        return !result.cancelled;
      } catch (err) {
        set({ errors: { ...get().errors, [id]: messageOf(err) } });
        return false;
      } finally {
        set({ downloading: { ...get().downloading, [id]: false }, progress: { ...get().progress, [id]: undefined } });
        await get().refresh().catch(() => undefined);
      }
    },
    async cancel(id) {
      await api.cancelDatasetDownload({ id });
    },
    async remove(id) {
      await api.removeDataset({ id });
      await get().refresh();
    },
    async openFolder(id) {
      const { opened, path } = await api.openDatasetFolder({ id });
      set({ shownPath: { ...get().shownPath, [id]: opened ? undefined : path } });
    },
  }));
  api.on('datasetDownload', (p) => store.setState((s) => ({ progress: { ...s.progress, [p.id]: p } })));
  return store;
}

/** The downloadable set a dataset setting needs from the app's data folder (no Path given), else null. */
export function downloadNeeded(config: DatasetConfig): string | null {
  if (config.id === 'mnist') return null; // training fetches MNIST by itself
  return getDownloadable(config.id) && datasetPathOf(config) === '' ? config.id : null;
}
