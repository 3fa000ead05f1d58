// Core layers: inputs/outputs, dense, reshaping, normalisation and merge layers.
import type { LayerDef } from '../types';
import { inputLayer } from './input';
import { outputLayer } from './output';
import { denseLayer } from './dense';
import { dropoutLayer } from './dropout';
import { flattenLayer } from './flatten';
import { activationLayer } from './activation';
import { reshapeLayer } from './reshape';
import { permuteLayer } from './permute';
import { batchNormalizationLayer } from './batchNormalization';
import { layerNormalizationLayer } from './layerNormalization';
import { addLayer } from './add';
import { concatenateLayer } from './concatenate';
import { multiplyLayer } from './multiply';

export const coreLayers: LayerDef[] = [
  inputLayer,
  outputLayer,
  denseLayer,
  dropoutLayer,
  flattenLayer,
  activationLayer,
  reshapeLayer,
  permuteLayer,
  batchNormalizationLayer,
  layerNormalizationLayer,
  addLayer,
  concatenateLayer,
  multiplyLayer,
] as unknown as LayerDef[];
