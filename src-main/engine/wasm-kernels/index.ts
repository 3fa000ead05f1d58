// LayerLab's replacements for tfjs-backend-wasm kernels whose stock versions take a slow path in training
// (see each module's header). Installed by the engine's wasm set-up (../backend.ts) after the wasm package
// has registered its kernels; LAYERLAB_WASM_KERNELS=stock keeps the stock kernels (the bench's "before").
import type * as tfType from '@tensorflow/tfjs';
import type { TF } from '../types';
import { makeSigmoidGrad, makeTanh, makeTanhGrad, SIGMOID_GRAD_KERNEL, TANH_GRAD_KERNEL } from './activations';
import { ADAM_KERNEL, makeAdamKernel } from './adam';
import { makeBatchMatMul } from './batch-mat-mul';
import { makeConv2DBackpropInput } from './conv2d-backprop-input';
import { makeCast, makeIdentity } from './identity';
import { LSTM_CELL_GRAD_KERNEL, LSTM_CELL_KERNEL, makeLstmCell, makeLstmCellGrad } from './lstm-cell';
import { makeMaxPoolGrad } from './max-pool-grad';
import { makeSum } from './sum';

export const WASM_KERNELS_ENV = 'LAYERLAB_WASM_KERNELS';

const MARK = '__layerlabWasmKernel';
type Marked = tfType.KernelConfig & { [MARK]?: true };

/** Each replacement: the stock kernel's name and a factory that wraps the stock config. */
const REPLACEMENTS: { name: string; make: (tf: TF) => tfType.KernelConfig }[] = [
  { name: 'BatchMatMul', make: makeBatchMatMul },
  { name: 'Conv2DBackpropInput', make: makeConv2DBackpropInput },
  { name: 'MaxPoolGrad', make: makeMaxPoolGrad },
  { name: 'Sum', make: makeSum },
  { name: 'Tanh', make: makeTanh },
  { name: 'Identity', make: makeIdentity },
  { name: 'Cast', make: makeCast },
];

/** Kernels LayerLab adds on wasm (no stock counterpart): the fused optimizer step, activation gradients, LSTM steps. */
const ADDITIONS: { name: string; make: () => tfType.KernelConfig }[] = [
  { name: ADAM_KERNEL, make: makeAdamKernel },
  { name: TANH_GRAD_KERNEL, make: makeTanhGrad },
  { name: SIGMOID_GRAD_KERNEL, make: makeSigmoidGrad },
  { name: LSTM_CELL_KERNEL, make: makeLstmCell },
  { name: LSTM_CELL_GRAD_KERNEL, make: makeLstmCellGrad },
];

/** The stock configs we replaced, to put back (tests, the bench's before/after in one process). */
const stockConfigs = new Map<string, tfType.KernelConfig>();

export function wasmKernelsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[WASM_KERNELS_ENV] === 'stock';
}

/**
 * Registers the replacements on 'wasm' (idempotent). Returns the names now replaced: none when
 * LAYERLAB_WASM_KERNELS=stock or when the wasm backend is not registered.
 */
export function installWasmKernels(tf: TF, env: NodeJS.ProcessEnv = process.env): string[] {
  if (wasmKernelsDisabled(env)) return [];
  const installed: string[] = [];
  for (const { name, make } of REPLACEMENTS) {
    const current = tf.getKernel(name, 'wasm') as Marked | undefined;
    if (!current) continue;
    if (!current[MARK]) {
      const replacement: Marked = { ...make(tf), [MARK]: true };
      stockConfigs.set(name, current);
      tf.unregisterKernel(name, 'wasm');
      tf.registerKernel(replacement);
    }
    installed.push(name);
  }
  if (!tf.getKernel('Transpose', 'wasm')) return installed; // the wasm backend is not registered
  for (const { name, make } of ADDITIONS) {
    if (!tf.getKernel(name, 'wasm')) tf.registerKernel(make());
    installed.push(name);
  }
  return installed;
}

export function isLayerLabKernel(tf: TF, name: string): boolean {
  return !!(tf.getKernel(name, 'wasm') as Marked | undefined)?.[MARK];
}

/** Puts the stock kernels back and removes the additions (for comparisons in one process). */
export function uninstallWasmKernels(tf: TF): void {
  for (const [name, config] of stockConfigs) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(config);
  }
  stockConfigs.clear();
  for (const { name } of ADDITIONS) if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
}

export { ADAM_KERNEL };
export { SIGMOID_GRAD_KERNEL, TANH_GRAD_KERNEL };
