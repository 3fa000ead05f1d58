import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api';
import { errorText } from '../../../shared/i18n/error-text';
import { unwrapResponse } from './wire';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

describe('unwrapResponse', () => {
  it('keeps a coded detail, so the error is shown in Korean', () => {
    const detail = { code: 'train.workerKilled', params: { signal: 'SIGKILL' }, message: 'The training worker was killed (SIGKILL) before the run finished.' };
    const err = thrown(() => unwrapResponse({ kind: 'response', id: 1, ok: false, error: { code: 'internal', message: detail.message, detail } as never }));
    expect(err).toBeInstanceOf(ApiError);
    expect(errorText(err, 'ko')).toBe('실행이 끝나기 전에 학습 워커가 강제 종료되었습니다 (SIGKILL).');
    expect(errorText(err, 'en')).toBe(detail.message);
  });

  it('drops a malformed detail and keeps the English message', () => {
    const bad = { code: 'train.workerKilled', params: { signal: { evil: true } }, message: 'x' };
    const err = thrown(() => unwrapResponse({ kind: 'response', id: 1, ok: false, error: { code: 'internal', message: 'The worker died', detail: bad } as never })) as ApiError;
    expect(err.errorDetail).toBeUndefined();
    expect(errorText(err, 'ko')).toBe('The worker died');
  });
});
