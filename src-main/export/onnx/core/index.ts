import type { OnnxEmitter } from '../types';
import { inputOnnx } from './input';
import { outputOnnx } from './output';
import { denseOnnx } from './dense';
import { activationOnnx } from './activation';
import { addOnnx, multiplyOnnx } from './add';
import { concatenateOnnx } from './concatenate';
import { dropoutOnnx } from './dropout';
import { flattenOnnx } from './flatten';
import { reshapeOnnx } from './reshape';
import { permuteOnnx } from './permute';
import { batchNormalizationOnnx } from './batchNormalization';
import { layerNormalizationOnnx } from './layerNormalization';

export const coreOnnx: OnnxEmitter[] = [
  inputOnnx,
  outputOnnx,
  denseOnnx,
  activationOnnx,
  addOnnx,
  multiplyOnnx,
  concatenateOnnx,
  dropoutOnnx,
  flattenOnnx,
  reshapeOnnx,
  permuteOnnx,
  batchNormalizationOnnx,
  layerNormalizationOnnx,
] as OnnxEmitter[];
