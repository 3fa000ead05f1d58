import './all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { ApiError, ERROR_CODES, errorDetail } from '../api';
import { ERROR_KEY, errorDetailText, errorText } from './error-text';
import { i18n } from './i18n';

describe('errorText', () => {
  it('says a NaN loss and its hint in Korean with the numbers, and in English as the message', () => {
    const d = errorDetail('train.nonFiniteLoss', { value: 'NaN', epoch: 2, batch: 17 }, 'The loss became NaN at epoch 2, batch 17: training diverged');
    expect(errorDetailText(d, 'ko')).toBe('에폭 2, 배치 17에서 손실(loss)이 NaN이(가) 되었습니다. 학습이 발산했습니다');
    expect(errorDetailText(d, 'en')).toBe(d.message);
  });

  it('says a wrapped error with its cause in the same language', () => {
    const cause = errorDetail('data.notFound', { file: '/data/train.csv' }, '/data/train.csv: cannot read: no such file or folder');
    const d = errorDetail('train.datasetFailed', { dataset: 'csv' }, `Dataset 'csv': ${cause.message}`, cause);
    expect(errorDetailText(d, 'ko')).toBe("데이터셋 'csv': /data/train.csv: 파일이 없습니다");
  });

  it('falls back to the English message for a code this build does not know', () => {
    const fromNewerHost = new ApiError('internal', 'The quantum backend overheated', { code: 'quantum.overheated' as never, params: {}, message: 'The quantum backend overheated' });
    expect(errorText(fromNewerHost, 'ko')).toBe('The quantum backend overheated');
    expect(errorText(new Error('plain'), 'ko')).toBe('plain');
    expect(errorText('a string', 'ko')).toBe('a string');
  });

  it('follows the current language when none is given', async () => {
    const d = errorDetail('train.interrupted', {}, 'Interrupted: the app closed while this run was training');
    await i18n.changeLanguage('ko');
    try {
      expect(errorText(new ApiError('internal', d.message, d))).toBe('중단됨: 이 실행이 학습하는 동안 앱이 닫혔습니다');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(errorText(new ApiError('internal', d.message, d))).toBe(d.message);
  });

  it('has a Korean and an English text for every code', () => {
    for (const code of ERROR_CODES) {
      const key = ERROR_KEY[code];
      expect(i18n.exists(key, { lng: 'ko', fallbackLng: false }), `${key} in ko`).toBe(true);
      expect(i18n.exists(key, { lng: 'en', fallbackLng: false }), `${key} in en`).toBe(true);
    }
  });
});
