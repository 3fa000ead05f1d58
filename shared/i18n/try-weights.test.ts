// The Try panel's "which weights" line comes from a code and an epoch, in both languages.
import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { tryWeightsText } from './try-weights';

describe('tryWeightsText', () => {
  it('words the weights in English as before', () => {
    expect(tryWeightsText({ source: 'final', epochs: 1 }, 'en')).toBe('the weights training ended with (1 epoch)');
    expect(tryWeightsText({ source: 'final', epochs: 3 }, 'en')).toBe('the weights training ended with (3 epochs)');
    expect(tryWeightsText({ source: 'final' }, 'en')).toBe('the weights training ended with');
    expect(tryWeightsText({ source: 'latest', epoch: 2 }, 'en')).toBe('the weights of epoch 2, saved while training (the run is still running)');
  });

  it('words them in Korean, with no English left', () => {
    for (const w of [{ source: 'final', epochs: 1 }, { source: 'final' }, { source: 'latest', epoch: 2 }] as const) {
      const text = tryWeightsText(w, 'ko');
      expect(text).toContain('가중치');
      expect(text).not.toMatch(/[A-Za-z]/);
    }
    expect(tryWeightsText({ source: 'final', epochs: 4 }, 'ko')).toContain('에폭 4회');
    expect(tryWeightsText({ source: 'latest', epoch: 2 }, 'ko')).toContain('에폭 2');
  });
});
