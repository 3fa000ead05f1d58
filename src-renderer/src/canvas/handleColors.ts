import type { HandleKind } from '../../../shared/layers/types';

/** Handle and wire colours by what flows through them. */
export const HANDLE_COLORS: Record<HandleKind, string> = {
  tensor: '#60a5fa',
  sequence: '#a78bfa',
  state: '#f59e0b',
};
