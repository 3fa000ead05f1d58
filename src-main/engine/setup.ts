// Everything the engine must do once per process before building, training or loading a model:
// register LayerLab's custom layer classes for (de)serialization and install the gradient and kernel
// fixes tfjs needs (dilated conv gradients, wasm's missing kernels, RNN initial-state leak, slow orthogonal init). Idempotent.
import type { TF } from './types';
import { registerConvCustomLayers } from './custom/conv-register';
import { ensureGradientFixes } from './custom/gradients';
import { registerRecurrentCustomClasses } from './custom/recurrent';
import { selectStepClass } from './custom/select-step';
import './custom/register'; // attention / transformer classes register on import

export function prepareEngine(tf: TF): void {
  registerConvCustomLayers(tf);
  registerRecurrentCustomClasses(tf);
  selectStepClass(tf);
  ensureGradientFixes(tf);
}
