// Host-written run log lines (evaluation, early stopping, restored weights, dataset progress) said from their codes:
// English exactly as the host writes it, Korean in the course terms; unknown codes and lines without one stay as written.
import '../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { describe, expect, it } from 'vitest';
import { LOG_CODES, errorDetail, type LogDetail } from '../../shared/api';
import { i18n } from '../../shared/i18n/i18n';
import { LOG_KEY, logLineText, storedLogLine } from '../../shared/i18n/log-text';
import { evaluationLine } from './evaluation-line';
import { EarlyStopper } from './early-stopping';

/** The English catalogue says a coded line exactly as the host's own English text. */
function englishFromCatalogue(detail: LogDetail): string {
  return i18n.t(LOG_KEY[detail.code], { ...detail.params, lng: 'en' }) as string;
}

describe('run log lines from codes', () => {
  it('every log code has a catalogue key', () => {
    expect(Object.keys(LOG_KEY).sort()).toEqual([...LOG_CODES].sort());
  });

  it('the evaluation line: English unchanged, Korean with 손실/정확도 (short: it is one line of the panel)', () => {
    const plain = evaluationLine({ samples: 2000, loss: 0.6, accuracy: 0.75 }, 'test');
    expect(plain.message).toBe('Evaluated on 2,000 test samples: loss 0.6000, accuracy 75.00%');
    expect(englishFromCatalogue(plain.detail)).toBe(plain.message);
    expect(logLineText(plain.message, plain.detail, 'en')).toBe(plain.message);
    expect(logLineText(plain.message, plain.detail, 'ko')).toBe('테스트 샘플 2,000개로 평가: 손실 0.6000, 정확도 75.00%');

    const noAcc = evaluationLine({ samples: 50, loss: 1.23456 }, 'validation');
    expect(noAcc.message).toBe('Evaluated on 50 validation samples: loss 1.2346');
    expect(englishFromCatalogue(noAcc.detail)).toBe(noAcc.message);
    expect(logLineText(noAcc.message, noAcc.detail, 'ko')).toBe('검증 샘플 50개로 평가: 손실 1.2346');

    const decoding = { greedy: { tokenAccuracy: 0.5 } } as unknown as NonNullable<Parameters<typeof evaluationLine>[0]['decoding']>;
    const seq = evaluationLine({ samples: 10, loss: 0.5, accuracy: 0.9, decoding }, 'test');
    expect(seq.message).toBe('Evaluated on 10 test samples: loss 0.5000, accuracy 90.00% teacher-forced, 50.00% free-running (greedy)');
    expect(englishFromCatalogue(seq.detail)).toBe(seq.message);
    expect(logLineText(seq.message, seq.detail, 'ko')).toContain('교사 강요 90.00%, 자유 생성 (greedy) 50.00%');
  });

  it('early stopping: the English reason from the catalogue equals reason(), Korean says 조기 종료 and 에폭', () => {
    for (const restoreBest of [false, true]) {
      for (const patience of [1, 2]) {
        const s = new EarlyStopper('val_loss', { monitor: 'val_loss', patience, restoreBest });
        [0.5, 0.6, 0.7].forEach((v, e) => s.tracker.update(e, { loss: 1, val_loss: v }));
        const detail = s.reasonDetail(2);
        expect(englishFromCatalogue(detail)).toBe(s.reason(2));
        const ko = logLineText(s.reason(2), detail, 'ko');
        expect(ko).toContain('조기 종료 (early stopping)');
        expect(ko).toContain('에폭 3 후');
        expect(ko).toContain('val_loss');
        if (restoreBest) expect(ko).toContain('가중치를 되돌렸습니다');
      }
    }
  });

  it('weights restored, dataset progress and a failed evaluation with a coded cause', () => {
    const restored: LogDetail = { code: 'weights.restored', params: { epoch: 3, monitor: 'val_loss' } };
    expect(englishFromCatalogue(restored)).toBe('Restored the weights of epoch 3 (best val_loss).');
    expect(logLineText('x', restored, 'ko')).toBe('에폭 3의 가중치를 되돌렸습니다 (최고 val_loss).');
    const read: LogDetail = { code: 'dataset.read', params: { percent: 0, note: ' (Reading the bundled digits)' } };
    expect(englishFromCatalogue(read)).toBe('Dataset read: 0% (Reading the bundled digits)');
    expect(logLineText('x', read, 'ko')).toBe('데이터셋 읽는 중: 0% (Reading the bundled digits)');
    const cause = errorDetail('train.busy', { taken: 2, max: 2 }, '2 runs are already training (at most 2 at once); stop one or wait for it to finish');
    const failed: LogDetail = { code: 'eval.failed', params: { cause: cause.message }, cause };
    expect(englishFromCatalogue(failed)).toBe(`Evaluation failed: ${cause.message}`);
    const ko = logLineText(`Evaluation failed: ${cause.message}`, failed, 'ko');
    expect(ko).toMatch(/^평가에 실패했습니다: /);
    expect(ko).not.toContain('already training');
  });

  it('lines without a code, malformed details and unknown codes stay as written; stored lines keep their level tag', () => {
    expect(logLineText('Using the wasm backend', undefined, 'ko')).toBe('Using the wasm backend');
    expect(logLineText('line', { code: 'eval.none' }, 'ko')).toBe('line');
    expect(logLineText('line', { code: 'from.a.newer.host', params: {} }, 'ko')).toBe('line');
    const { message, detail } = evaluationLine({ samples: 2000, loss: 0.6, accuracy: 0.75 }, 'test');
    expect(storedLogLine(`[info] ${message}`, detail, 'ko')).toBe('[info] 테스트 샘플 2,000개로 평가: 손실 0.6000, 정확도 75.00%');
    expect(storedLogLine(`[info] ${message}`, detail, 'en')).toBe(`[info] ${message}`);
    expect(storedLogLine('[warn] plain', null, 'ko')).toBe('[warn] plain');
  });
});
