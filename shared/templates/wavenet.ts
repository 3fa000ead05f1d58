// WaveNet-style forecaster: dilated causal Conv1D layers whose receptive field doubles per layer.
import type { Template } from '.';
import { chainGraph, datasetConfig, trainingConfig } from './build';

export const WAVENET_DILATIONS = [1, 2, 4, 8];
export const WAVENET_KERNEL = 2;
/** Steps one output of the stack sees: 1 + (kernel - 1) * sum of dilations = 16. */
export const WAVENET_RECEPTIVE_FIELD = 1 + (WAVENET_KERNEL - 1) * WAVENET_DILATIONS.reduce((a, b) => a + b, 0);

const description =
  `Window [${WAVENET_RECEPTIVE_FIELD}, 1] -> Conv1D causal, kernel 2, dilations ${WAVENET_DILATIONS.join(', ')} (16 filters each) -> ` +
  `Conv1D 1x1 -> Flatten -> Dense 1: the next value. Receptive field ${WAVENET_RECEPTIVE_FIELD} steps.`;

export const wavenet: Template = {
  id: 'wavenet-forecast',
  name: 'WaveNet: dilated causal convolutions',
  description,
  explanation:
    "A causal convolution only looks at the current and past steps (the input is padded on the left), so no " +
    'future value leaks into a prediction. Dilation spaces the kernel taps apart: with kernel 2 and dilations ' +
    `1, 2, 4, 8 each layer doubles how far back the stack sees. Receptive field = 1 + (kernel - 1) x (1 + 2 + 4 + 8) ` +
    `= ${WAVENET_RECEPTIVE_FIELD} steps from 4 layers; plain convolutions would need 15 layers for that. The window ` +
    `is set to the receptive field (${WAVENET_RECEPTIVE_FIELD}), so the last output step sees the whole window. ` +
    'Inputs are standardised; the loss is mean squared error on the next value of a noisy sum of sines.',
  tryNext: [
    'Add dilations 16 and 32 and raise the window to 64: the receptive field doubles with each layer.',
    'Set every convolution\'s padding to "same": outputs inside the window now see later steps, which a step-by-step generator could not use.',
    'Increase the noise option: the loss floor rises to the noise variance.',
  ],
  graph: chainGraph({
    name: 'WaveNet forecaster',
    description,
    steps: [
      { id: 'window', kind: 'Input', params: { feature: 'x', shape: [WAVENET_RECEPTIVE_FIELD, 1] }, label: `Past ${WAVENET_RECEPTIVE_FIELD} values` },
      ...WAVENET_DILATIONS.map((d) => ({
        id: `causal_d${d}`,
        kind: 'Conv1D',
        params: { filters: 16, kernelSize: WAVENET_KERNEL, dilationRate: d, padding: 'causal', activation: 'relu' },
        label: `Causal conv, dilation ${d}`,
      })),
      { id: 'mix', kind: 'Conv1D', params: { filters: 8, kernelSize: 1, padding: 'causal', activation: 'relu' }, label: '1x1 conv' },
      { id: 'flatten', kind: 'Flatten' },
      { id: 'next_value', kind: 'Dense', params: { units: 1, activation: 'linear' } },
      { id: 'target', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({
      id: 'time-series', representation: 'sequence', normalization: 'standardize',
      options: { window: WAVENET_RECEPTIVE_FIELD, horizon: 1, length: 5000, noise: 0.1 },
    }),
    training: trainingConfig({ epochs: 20, batchSize: 64, learningRate: 0.003, loss: 'meanSquaredError', metrics: [] }),
  }),
};
