// Connection state of the api transport, for the "disconnected" banner.
import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

interface ConnectionState {
  status: ConnectionStatus;
  /** Why the last connection ended or failed, shown in the banner. */
  detail: string;
  /** Seconds until the next reconnect attempt, when disconnected. */
  retryInSec: number | null;
  set(status: ConnectionStatus, detail?: string, retryInSec?: number | null): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  status: 'connecting',
  detail: '',
  retryInSec: null,
  set: (status, detail = '', retryInSec = null) => set({ status, detail, retryInSec }),
}));
