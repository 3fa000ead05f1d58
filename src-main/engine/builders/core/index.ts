// Engine builders for the core layer kinds (same file names as shared/layers/core).
import type { LayerBuilder } from '../../types';
import { inputBuilder } from './input';
import { outputBuilder } from './output';
import { denseBuilder } from './dense';
import { dropoutBuilder } from './dropout';
import { flattenBuilder } from './flatten';
import { activationBuilder } from './activation';
import { reshapeBuilder } from './reshape';
import { permuteBuilder } from './permute';
import { batchNormalizationBuilder } from './batchNormalization';
import { layerNormalizationBuilder } from './layerNormalization';
import { addBuilder } from './add';
import { concatenateBuilder } from './concatenate';
import { multiplyBuilder } from './multiply';

export const coreBuilders: LayerBuilder[] = [
  inputBuilder,
  outputBuilder,
  denseBuilder,
  dropoutBuilder,
  flattenBuilder,
  activationBuilder,
  reshapeBuilder,
  permuteBuilder,
  batchNormalizationBuilder,
  layerNormalizationBuilder,
  addBuilder,
  concatenateBuilder,
  multiplyBuilder,
] as unknown as LayerBuilder[];
