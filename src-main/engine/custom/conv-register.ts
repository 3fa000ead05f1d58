// Registers LayerLab's convolution layer classes with tf.serialization. Call once at engine start-up,
// before loading a saved model: CausalPad1D would otherwise be an "Unknown layer", and loaded Conv2D
// layers would use the stock class, which cannot train with dilation, on wasm, or with most activations.
import type { TF } from '../types';
import { causalPad1DClass } from './conv-causal-pad';
import { unfusedConv2DClass } from './conv-unfused2d';

export function registerConvCustomLayers(tf: TF): void {
  causalPad1DClass(tf);
  unfusedConv2DClass(tf);
}
