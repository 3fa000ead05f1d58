import { describe, expect, it } from 'vitest';
import { guardUnsavedClose } from './close-guard';

describe('unsaved-changes close guard', () => {
  function contents() {
    let listener: ((e: { preventDefault(): void }) => void) | null = null;
    return {
      on: (event: string, l: (e: { preventDefault(): void }) => void) => {
        expect(event).toBe('will-prevent-unload');
        listener = l;
      },
      /** The page objected to unloading; returns whether the window goes ahead and closes. */
      tryClose(): boolean {
        let closes = false;
        listener!({ preventDefault: () => (closes = true) });
        return closes;
      },
    };
  }

  it('asks when the page objects; Leave closes, Stay keeps the window', () => {
    const wc = contents();
    const answers = [true, false];
    let asked = 0;
    guardUnsavedClose(wc, () => {
      asked++;
      return answers.shift()!;
    });
    expect(wc.tryClose()).toBe(true);
    expect(wc.tryClose()).toBe(false);
    expect(asked).toBe(2);
  });
});
