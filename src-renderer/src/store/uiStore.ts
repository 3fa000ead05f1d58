// Toasts, the error dialog and the discard-changes confirmation.
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  message: string;
  /** Toasts about the same thing ('file': opened, saved, ...) replace each other instead of piling up. */
  key?: string;
}

/** How many toasts show at once; older ones make room. */
export const MAX_TOASTS = 5;
/** How long an info toast stays (hovering holds it); errors stay until closed. */
export const INFO_TOAST_MS = 8000;

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
  toast(message: string, kind?: Toast['kind'], key?: string): void;
  dismissToast(id: number): void;
  /** Removes the toast about `key` (e.g. an "Importing…" note once an error dialog says what happened). */
  dismissKey(key: string): void;
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
  toast(message, kind = 'info', key) {
    const toast: Toast = { id: nextToast++, kind, message, ...(key ? { key } : {}) };
    const kept = get().toasts.filter((t) => !(key && t.key === key) && t.message !== message);
    // Timers live in the toast's component (hover holds them), so nothing here expires.
    set({ toasts: [...kept, toast].slice(-MAX_TOASTS) });
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  dismissKey(key) {
    set({ toasts: get().toasts.filter((t) => t.key !== key) });
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
