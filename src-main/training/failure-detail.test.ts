import '../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { ApiError, errorDetail } from '../../shared/api';
import { errorDetailText } from '../../shared/i18n/error-text';
import { datasetFailure, wrappedDetail } from './failure-detail';

describe('failure details shared by both engines', () => {
  it('an unreadable dataset: the message names it, the cause keeps its code, the hint points to the Dataset section', () => {
    const cause = errorDetail('data.notFound', { file: '/data/train.csv' }, '/data/train.csv: cannot read: no such file or folder');
    const f = datasetFailure('csv', new ApiError('not_found', cause.message, cause));
    expect(f.error).toBe("Dataset 'csv': /data/train.csv: cannot read: no such file or folder");
    expect(f.detail).toMatchObject({ code: 'train.datasetFailed', params: { dataset: 'csv' }, cause: { code: 'data.notFound' } });
    expect(errorDetailText(f.detail, 'ko')).toBe("데이터셋 'csv': /data/train.csv: 파일이 없습니다");
    expect(f.hint).toMatch(/under Dataset in the Model panel/);
    expect(f.hint).not.toMatch(/Data panel/); // a panel that does not exist
    expect(f.hintDetail.code).toBe('train.hintDataset');
    expect(errorDetailText(f.hintDetail, 'en')).toBe(f.hint);
  });

  it('an uncoded inner error travels as the cause text', () => {
    const d = wrappedDetail('train.buildFailed', {}, 'Could not build the model', new Error('something odd'));
    expect(d).toMatchObject({ code: 'train.buildFailed', params: { cause: 'something odd' }, message: 'Could not build the model: something odd' });
    expect(d.cause).toBeUndefined();
  });
});
