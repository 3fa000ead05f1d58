// The Try panel's state: which run is tried, what it can be tried with (api.getTryInfo), the input tried now
// and the answer (api.predict). The input lives here so other views (the look-inside views) read the same one.
import { create } from 'zustand';
import type { ApiClient, GenerateOptions, PredictResult, TryInfo } from '../../../shared/api';
import type { TryInput } from '../../../shared/try-input';
import { errorText } from '../../../shared/i18n/error-text';

export interface TryState {
  /** The run the panel is open for; null = closed. */
  runId: string | null;
  runName: string;
  info: TryInfo | null;
  loadingInfo: boolean;
  /** The input tried last (also what the look-inside views show). */
  input: TryInput | null;
  result: PredictResult | null;
  busy: boolean;
  error: string | null;
  generate: GenerateOptions;
  /** Forecast steps. */
  steps: number;
  open(runId: string, runName: string): Promise<void>;
  close(): void;
  setGenerate(patch: Partial<GenerateOptions>): void;
  setSteps(steps: number): void;
  /** Predicts for `input` (and keeps it as the current input). A newer call wins over an older one. */
  tryInput(input: TryInput): Promise<void>;
}


export function createTryStore(api: Pick<ApiClient, 'getTryInfo' | 'predict'>) {
  let ticket = 0;
  return create<TryState>((set, get) => ({
    runId: null,
    runName: '',
    info: null,
    loadingInfo: false,
    input: null,
    result: null,
    busy: false,
    error: null,
    generate: { count: 40, temperature: 0.8, topK: 0, seed: 1 },
    steps: 0,

    async open(runId, runName) {
      const mine = ++ticket;
      set({ runId, runName, info: null, loadingInfo: true, input: null, result: null, error: null, busy: false });
      try {
        const info = await api.getTryInfo({ runId });
        if (mine === ticket) set({ info, loadingInfo: false, steps: info.series?.horizon ?? 0 });
      } catch (err) {
        if (mine === ticket) set({ loadingInfo: false, error: errorText(err) });
      }
    },

    close() {
      ticket++;
      set({ runId: null, info: null, input: null, result: null, error: null, busy: false });
    },

    setGenerate(patch) {
      set((s) => ({ generate: { ...s.generate, ...patch } }));
    },

    setSteps(steps) {
      set({ steps });
    },

    async tryInput(input) {
      const { runId, info, generate, steps } = get();
      if (!runId || !info) return;
      const mine = ++ticket;
      set({ input, busy: true, error: null });
      try {
        const result = await api.predict({
          runId,
          input,
          ...(info.mode === 'generate' && input.kind === 'text' ? { generate } : {}),
          ...(info.mode === 'forecast' && steps > 0 ? { steps } : {}),
        });
        if (mine === ticket) set({ result, busy: false });
      } catch (err) {
        if (mine === ticket) set({ busy: false, error: errorText(err), result: null });
      }
    },
  }));
}
