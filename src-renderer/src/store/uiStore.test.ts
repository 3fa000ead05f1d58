import { describe, expect, it } from 'vitest';
import { MAX_TOASTS, useUi } from './uiStore';

describe('toasts', () => {
  it('stack up to a limit, oldest leaving first; a toast about the same thing replaces the last one', () => {
    useUi.setState({ toasts: [] });
    const { toast } = useUi.getState();
    toast('Opened a.layerlab.json', 'info', 'file');
    toast('Could not paste: nothing copied', 'error');
    toast('Opened b.layerlab.json', 'info', 'file');
    expect(useUi.getState().toasts.map((t) => t.message)).toEqual(['Could not paste: nothing copied', 'Opened b.layerlab.json']);
    toast('Could not paste: nothing copied', 'error'); // the same message again: one toast, moved to the end
    expect(useUi.getState().toasts.map((t) => t.message)).toEqual(['Opened b.layerlab.json', 'Could not paste: nothing copied']);
    for (let i = 0; i < 10; i++) toast(`note ${i}`);
    expect(useUi.getState().toasts).toHaveLength(MAX_TOASTS);
    expect(useUi.getState().toasts.at(-1)!.message).toBe('note 9');
    const id = useUi.getState().toasts[0].id;
    useUi.getState().dismissToast(id);
    expect(useUi.getState().toasts.some((t) => t.id === id)).toBe(false);
  });
});
