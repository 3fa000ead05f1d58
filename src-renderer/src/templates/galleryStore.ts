// Whether the template gallery is open (the header button, the Lesson tab and the ?-less empty state open it).
import { create } from 'zustand';

export const useGallery = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export function openGallery(): void {
  useGallery.getState().setOpen(true);
}
