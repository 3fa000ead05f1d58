// The display name of a chart series: the run series' fixed names are catalogue keys; other names (run names
// in overlays, layer names) are shown as they are.
import type { TFunction } from 'i18next';

const SERIES_KEY = {
  'train loss (batch)': 'training:series.trainLossBatch',
  'train loss (epoch)': 'training:series.trainLossEpoch',
  'val loss (epoch)': 'training:series.valLossEpoch',
  'train acc (batch)': 'training:series.trainAccBatch',
  'train acc (epoch)': 'training:series.trainAccEpoch',
  'val acc (epoch)': 'training:series.valAccEpoch',
  'learning rate': 'training:series.learningRate',
} as const;

export function seriesLabel(name: string, t: TFunction<['training']>): string {
  return Object.hasOwn(SERIES_KEY, name) ? t(SERIES_KEY[name as keyof typeof SERIES_KEY]) : name;
}
