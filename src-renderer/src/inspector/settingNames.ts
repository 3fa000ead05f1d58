// The readable, translated names the inspector gives training settings, losses and datasets, for every view
// that names them (experiments, run details): one table, so a setting reads the same everywhere.
import { i18n } from '../../../shared/i18n/i18n';
import type { GraphFile, LossName } from '../../../shared/graph/types';
import { DATASETS } from '../../../shared/data/catalog';
import { datasetText } from '../../../shared/i18n/lessons';
import { paramText } from '../../../shared/i18n/layer-text';
import { pathLabel } from '../../../shared/experiments/paths';

/** The losses offered, in this order, with their names as catalogue keys. */
export const LOSS_KEY = {
  categoricalCrossentropy: 'editor:inspector.training.losses.categoricalCrossentropy',
  sparseCategoricalCrossentropy: 'editor:inspector.training.losses.sparseCategoricalCrossentropy',
  binaryCrossentropy: 'editor:inspector.training.losses.binaryCrossentropy',
  meanSquaredError: 'editor:inspector.training.losses.meanSquaredError',
  meanAbsoluteError: 'editor:inspector.training.losses.meanAbsoluteError',
} as const satisfies Partial<Record<LossName, string>>;

/** The inspector's field labels of the settings an experiment can vary (see shared/experiments/paths.ts). */
const SETTING_KEY = {
  'training.learningRate': 'editor:inspector.training.learningRate',
  'training.batchSize': 'editor:inspector.training.batchSize',
  'training.epochs': 'editor:inspector.training.epochs',
  'training.optimizer': 'editor:inspector.training.optimizer',
  'training.loss': 'editor:inspector.training.loss',
  'training.momentum': 'editor:inspector.training.momentum',
  'training.weightDecay': 'training:settings.weightDecay',
  'dataset.validationSplit': 'editor:inspector.dataset.validationSplit',
} as const;

/** 'categoricalCrossentropy' -> 'categorical cross-entropy' (or its Korean); an unknown loss stays as it is. */
export function lossName(loss: string, lng?: string): string {
  return loss in LOSS_KEY ? i18n.t(LOSS_KEY[loss as keyof typeof LOSS_KEY], { lng }) : loss;
}

/** 'mnist-bundled' -> the dataset's name in the catalogue, in the current language; an unknown id stays. */
export function datasetName(id: string, lng?: string): string {
  const d = DATASETS.find((x) => x.id === id);
  return d ? datasetText(d, 'name', lng ?? i18n.language) : id;
}

/**
 * A parameter path's name as the inspector shows it: 'training.learningRate' -> 'Learning rate',
 * 'nodes.dense1.params.units' -> 'dense1 units' (the layer's translated parameter label); others (repeated
 * blocks) keep the experiments' own English label.
 */
export function settingPathName(graph: GraphFile, path: string, lng?: string): string {
  if (path in SETTING_KEY) return i18n.t(SETTING_KEY[path as keyof typeof SETTING_KEY], { lng });
  const parts = path.split('.');
  if (parts[0] === 'nodes' && parts.length === 4 && parts[2] === 'params') {
    const node = graph.nodes.find((n) => n.id === parts[1]);
    if (node) return `${node.label ?? node.id} ${paramText(node.kind, parts[3], 'label', lng).toLowerCase()}`;
  }
  return pathLabel(graph, path);
}
