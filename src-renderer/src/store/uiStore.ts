// Toasts, the error dialog and the discard-changes confirmation.
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
}

export interface ErrorDialog {
  title: string;
  message: string;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  resolve(ok: boolean): void;
}

interface UiState {
  toasts: Toast[];
  error: ErrorDialog | null;
  confirm: ConfirmRequest | null;
  toast(message: string, kind?: Toast['kind']): void;
  dismissToast(id: number): void;
  showError(title: string, message: string): void;
  closeError(): void;
  /** Resolves true when the user confirms. */
  ask(title: string, message: string, confirmLabel: string): Promise<boolean>;
  answer(ok: boolean): void;
}

let nextToast = 1;

export const useUi = create<UiState>((set, get) => ({
  toasts: [],
  error: null,
  confirm: null,
  toast(message, kind = 'info') {
    const id = nextToast++;
    set({ toasts: [...get().toasts, { id, kind, message }].slice(-4) });
    setTimeout(() => get().dismissToast(id), kind === 'error' ? 8000 : 3500);
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  showError(title, message) {
    set({ error: { title, message } });
  },
  closeError() {
    set({ error: null });
  },
  ask(title, message, confirmLabel) {
    get().confirm?.resolve(false);
    return new Promise((resolve) => set({ confirm: { title, message, confirmLabel, resolve } }));
  },
  answer(ok) {
    const c = get().confirm;
    set({ confirm: null });
    c?.resolve(ok);
  },
}));
