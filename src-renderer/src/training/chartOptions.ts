// Display options shared by the live and overlay charts: smoothing of per-batch curves and log-scale loss.
import { create } from 'zustand';

export const useChartOptions = create<{ smoothing: number; logLoss: boolean; set(p: Partial<{ smoothing: number; logLoss: boolean }>): void }>((set) => ({
  smoothing: 0.6,
  logLoss: false,
  set: (p) => set(p),
}));
