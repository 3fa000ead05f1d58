// State of the dataset panel: open or not, and the preview of the dataset configuration it last asked for.
// Answers to older requests are dropped, so a slow load never overwrites the preview of a newer setting.
import { create } from 'zustand';
import { ApiError, type ApiClient, type ApiErrorCode } from '../../../shared/api';
import type { DatasetConfig } from '../../../shared/graph/types';
import type { DatasetPreview } from '../../../shared/data/preview';
import { errorText } from '../../../shared/i18n/error-text';

/** Samples shown in the grid (the host takes them from train, validation and test). */
export const PREVIEW_SAMPLES = 16;

export type PreviewStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PreviewState {
  open: boolean;
  status: PreviewStatus;
  preview: DatasetPreview | null;
  error: string | null;
  /** The host's error code: 'forbidden' means the path was never allowed (the panel offers to allow it). */
  errorCode: ApiErrorCode | null;
  /** The configuration (as JSON) of the last request, to skip asking twice for the same thing. */
  requested: string | null;
  show(): void;
  close(): void;
  /** Asks the host for a preview of `config` unless that is already shown or on its way (`force` asks anyway). */
  load(config: DatasetConfig, force?: boolean): Promise<void>;
}

export function createPreviewStore(api: Pick<ApiClient, 'previewDataset'>) {
  let generation = 0;
  return create<PreviewState>((set, get) => ({
    open: false,
    status: 'idle',
    preview: null,
    error: null,
    errorCode: null,
    requested: null,
    show: () => set({ open: true }),
    close: () => {
      generation++;
      set({ open: false, status: 'idle', requested: null });
    },
    async load(config, force = false) {
      const key = JSON.stringify(config);
      if (!force && key === get().requested && get().status !== 'error') return;
      const mine = ++generation;
      set({ status: 'loading', error: null, errorCode: null, requested: key });
      try {
        const preview = await api.previewDataset({ dataset: config, samples: PREVIEW_SAMPLES });
        if (mine === generation) set({ status: 'ready', preview, error: null, errorCode: null });
      } catch (err) {
        if (mine === generation) {
          set({ status: 'error', error: errorText(err), errorCode: err instanceof ApiError ? err.code : null });
        }
      }
    },
  }));
}
