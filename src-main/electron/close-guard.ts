// Closing or reloading a window whose page has unsaved changes: the page's 'beforeunload' handler objects
// (FileSafety.tsx), and Electron, unlike a browser, shows no question by itself, so the close would just fail
// silently. Main asks instead; "Leave" lets the unload go ahead (the recovery copy stays, so nothing is lost).
export interface UnloadGuardTarget {
  on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** `askLeave` shows the question and returns true when the user chose to leave anyway. */
export function guardUnsavedClose(contents: UnloadGuardTarget, askLeave: () => boolean): void {
  contents.on('will-prevent-unload', (event) => {
    // preventDefault() here cancels the page's objection, i.e. the window closes.
    if (askLeave()) event.preventDefault();
  });
}

/** The question's text and buttons for dialog.showMessageBoxSync; button 0 leaves. */
export const UNSAVED_CLOSE_DIALOG = {
  type: 'question' as const,
  buttons: ['Leave without saving', 'Stay'],
  defaultId: 1,
  cancelId: 1,
  title: 'Unsaved changes',
  message: 'This graph has changes that are not saved.',
  detail: 'Leave without saving them? A recovery copy is kept and offered the next time LayerLab starts.',
};
