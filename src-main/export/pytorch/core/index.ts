// PyTorch generators for the core layers.
import type { PyGenerator } from '../types';
import { inputPy } from './input';
import { outputPy } from './output';
import { densePy } from './dense';
import { dropoutPy } from './dropout';
import { flattenPy } from './flatten';
import { activationPy } from './activation';
import { reshapePy } from './reshape';
import { permutePy } from './permute';
import { batchNormalizationPy } from './batchNormalization';
import { layerNormalizationPy } from './layerNormalization';
import { addPy } from './add';
import { concatenatePy } from './concatenate';
import { multiplyPy } from './multiply';

export const corePy: PyGenerator[] = [
  inputPy,
  outputPy,
  densePy,
  dropoutPy,
  flattenPy,
  activationPy,
  reshapePy,
  permutePy,
  batchNormalizationPy,
  layerNormalizationPy,
  addPy,
  concatenatePy,
  multiplyPy,
] as unknown as PyGenerator[];
