// Keras generators for the core layers.
import type { KerasGenerator } from '../types';
import { inputKeras } from './input';
import { outputKeras } from './output';
import { denseKeras } from './dense';
import { dropoutKeras } from './dropout';
import { flattenKeras } from './flatten';
import { activationKeras } from './activation';
import { reshapeKeras } from './reshape';
import { permuteKeras } from './permute';
import { batchNormalizationKeras } from './batchNormalization';
import { layerNormalizationKeras } from './layerNormalization';
import { addKeras } from './add';
import { concatenateKeras } from './concatenate';
import { multiplyKeras } from './multiply';

export const coreKeras: KerasGenerator[] = [
  inputKeras, outputKeras, denseKeras, dropoutKeras, flattenKeras, activationKeras, reshapeKeras, permuteKeras,
  batchNormalizationKeras, layerNormalizationKeras, addKeras, concatenateKeras, multiplyKeras,
] as unknown as KerasGenerator[];
