// The crash-recovery copy: the graph with unsaved changes, kept by the host in a file in its data folder
// (<dataDir>/recovery/<session>.json, written atomically; src-main/files/recovery-store.ts). Only the session id
// lives in localStorage: it survives a reload, a crash and a restart of the same browser profile or Electron app,
// so the next start finds the copy, while other browser profiles (and test contexts) keep their own.
import type { ReadRecoveryResult, RecoveryCopy } from '../../../shared/api';
import { api } from '../api';

export type { RecoveryCopy } from '../../../shared/api';

const SESSION_KEY = 'layerlab.recoverySession';
/** Used when localStorage is unavailable (then every start of this profile shares one copy). */
const FALLBACK_SESSION = 'default';

let session: string | null = null;

function newSessionId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** This window's recovery session (1 to 64 letters, digits, '_', '-', as the host requires). */
export function recoverySession(): string {
  if (session) return session;
  try {
    const stored = localStorage.getItem(SESSION_KEY);
    if (stored && /^[A-Za-z0-9_-]{1,64}$/.test(stored)) return (session = stored);
    const id = newSessionId();
    localStorage.setItem(SESSION_KEY, id);
    return (session = id);
  } catch {
    return (session = FALLBACK_SESSION);
  }
}

/** The copy left by an earlier start, if any; a damaged file comes back as `problem`. */
export function readRecovery(): Promise<ReadRecoveryResult> {
  return api.readRecovery({ session: recoverySession() });
}

/** False when the host could not be reached or refused the copy (the caller tries again later). */
export async function writeRecovery(copy: RecoveryCopy): Promise<boolean> {
  try {
    await api.writeRecovery({ session: recoverySession(), copy });
    return true;
  } catch (err) {
    console.warn('Could not write the recovery copy:', err instanceof Error ? err.message : err);
    return false;
  }
}

export async function clearRecovery(): Promise<void> {
  try {
    await api.clearRecovery({ session: recoverySession() });
  } catch (err) {
    console.warn('Could not remove the recovery copy:', err instanceof Error ? err.message : err);
  }
}
