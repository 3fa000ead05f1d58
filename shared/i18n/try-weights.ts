// Which weights a run is tried with (TryWeights from the api), in words of the current language or `lng`.
import { i18n } from './i18n';
import type { TryWeights } from '../api';

export function tryWeightsText(w: TryWeights, lng?: string): string {
  const opts = lng ? { lng } : {};
  if (w.source === 'latest') return i18n.t('training:try.weightsLatest', { ...opts, epoch: w.epoch });
  return w.epochs === undefined ? i18n.t('training:try.weightsEnded', opts) : i18n.t('training:try.weightsFinal', { ...opts, count: w.epochs });
}
