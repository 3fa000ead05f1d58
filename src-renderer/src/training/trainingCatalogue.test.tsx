// The training namespace in both languages: a few keys with interpolation and plurals resolve in English and
// Korean, every English key has its Korean twin (plural forms: English _one/_other, Korean _other), and a
// component rendered under the provider shows the current language.
import '../../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../../../shared/i18n/i18n';
import en from '../../../shared/i18n/locales/en/training.json';
import ko from '../../../shared/i18n/locales/ko/training.json';
import { ChartControls } from './ChartControls';
import { memoryCheck } from './memoryCheck';
import { getTemplate } from '../../../shared/templates';
import { inferGraph } from '../../../shared/infer';

function leaves(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('training catalogue', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('resolves the status line with ETA, an epoch counter and a chart axis in English and Korean', () => {
    expect(i18n.t('training:panel.eta', { time: '1m 05s', lng: 'en' })).toBe('ETA 1m 05s');
    expect(i18n.t('training:panel.eta', { time: '1m 05s', lng: 'ko' })).toBe('남은 시간 1m 05s');
    expect(i18n.t('training:status.paused', { lng: 'ko' })).toBe('일시 정지됨');
    expect(i18n.t('training:panel.epochOf', { epoch: 3, epochs: 10, lng: 'en' })).toBe('epoch 3/10');
    expect(i18n.t('training:panel.epochOf', { epoch: 3, epochs: 10, lng: 'ko' })).toBe('에폭 3/10');
    expect(i18n.t('training:chart.xAxisWithEpochs', { label: i18n.t('training:chart.batch', { lng: 'ko' }), lng: 'ko' })).toBe('배치 (batch) (점선: 에폭 끝)');
    expect(i18n.t('training:chart.xAxisWithEpochs', { label: 'batch', lng: 'en' })).toBe('batch (dashed lines: epoch ends)');
  });

  it('plurals: English one/other, Korean one form', () => {
    expect(i18n.t('training:runs.overlaid', { count: 1, lng: 'en' })).toBe('1 run overlaid');
    expect(i18n.t('training:runs.overlaid', { count: 3, lng: 'en' })).toBe('3 runs overlaid');
    expect(i18n.t('training:runs.overlaid', { count: 3, lng: 'ko' })).toBe('실행 3개를 겹쳐 보는 중');
    expect(i18n.t('training:experiments.trialCount', { count: 6, epochs: 1, dataset: 'mnist', lng: 'en' })).toBe('6 trials × 1 epoch(s), on mnist');
  });

  it('every English key has a Korean translation and no Korean key is orphaned', () => {
    const base = (k: string) => k.replace(/_(one|other)$/, '');
    const enKeys = new Set(leaves(en).map(base));
    const koKeys = new Set(leaves(ko).map(base));
    expect([...enKeys].filter((k) => !koKeys.has(k))).toEqual([]);
    expect([...koKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    for (const k of leaves(ko)) expect(k.endsWith('_one'), k).toBe(false);
  });

  it('the memory note keeps its English words and speaks Korean after the switch', () => {
    const mlp = getTemplate('mlp-mnist')!.graph;
    const inference = inferGraph(mlp);
    expect(memoryCheck(inference, mlp.training, 2 ** 34).message).toMatch(/^Training needs about [\d.]+ MB \(weights/);
    void i18n.changeLanguage('ko');
    expect(memoryCheck(inference, mlp.training, 2 ** 34).message).toMatch(/^학습에 이 컴퓨터의 [\d.]+ GB 중 약 [\d.]+ MB \(가중치/);
  });

  it('a component renders in the current language', () => {
    const html = () => renderToStaticMarkup(<I18nextProvider i18n={i18n}><ChartControls /></I18nextProvider>);
    expect(html()).toContain('log-scale loss');
    void i18n.changeLanguage('ko');
    expect(html()).toContain('손실 로그 스케일');
    expect(html()).toContain('스무딩');
  });
});
