// A small convolutional network on CIFAR-10 colour images.
import type { Template } from '.';
import { chainGraph, datasetConfig, trainingConfig } from './build';

const description =
  'Input [32, 32, 3] -> Conv2D 32 -> MaxPool -> Conv2D 64 -> MaxPool -> Flatten -> Dense 128 -> Dropout -> Dense 10 softmax (545,098 parameters).';

export const cnnCifar: Template = {
  id: 'cnn-cifar10',
  name: 'CNN on CIFAR-10',
  description,
  explanation:
    'A convolution slides small 3x3 filters over the image, so the same feature detector (an edge, a colour ' +
    'blob) is used at every position: the first layer has 896 parameters (3 x 3 x 3 x 32 weights + 32 biases). ' +
    'A Dense layer producing the same 32x32x32 output from the 3,072 input values would need ' +
    '3,072 x 32,768 weights + 32,768 biases = 100,696,064 parameters, because every output would have its own ' +
    'weight for every input value. Each output of the first convolution sees a 3x3-pixel patch. Max pooling ' +
    'takes the largest of 2x2 neighbours, so its outputs see 4x4 pixels and lie 2 pixels apart; the second ' +
    'convolution\'s 3x3 window over them therefore sees an 8x8-pixel patch of the original image (4 + 2 x 2). ' +
    'The dense head then classifies the 8x8x64 feature map. ' +
    'CIFAR-10 is not bundled: point the dataset Path at the binary version (cifar-10-binary.tar.gz).',
  tryNext: [
    'Add BatchNormalization after each convolution and raise the learning rate.',
    'Replace Flatten + Dense 128 with GlobalAveragePooling2D: compare parameter counts and accuracy.',
    'Add a third Conv2D / MaxPool pair with 128 filters.',
    'Turn off Dropout and watch the gap between training and validation accuracy grow.',
  ],
  graph: chainGraph({
    name: 'CNN on CIFAR-10',
    description,
    steps: [
      { id: 'image', kind: 'Input', params: { feature: 'x', shape: [32, 32, 3] } },
      { id: 'conv_1', kind: 'Conv2D', params: { filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' } },
      { id: 'pool_1', kind: 'MaxPooling2D', params: { poolSize: 2 } },
      { id: 'conv_2', kind: 'Conv2D', params: { filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' } },
      { id: 'pool_2', kind: 'MaxPooling2D', params: { poolSize: 2 } },
      { id: 'flatten', kind: 'Flatten' },
      { id: 'dense', kind: 'Dense', params: { units: 128, activation: 'relu' } },
      { id: 'dropout', kind: 'Dropout', params: { rate: 0.5 } },
      { id: 'classes', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
      { id: 'label', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({ id: 'cifar10', representation: 'image', normalization: 'scale01', options: { path: '' } }),
    training: trainingConfig({ epochs: 10, batchSize: 64, learningRate: 0.001 }),
  }),
};
