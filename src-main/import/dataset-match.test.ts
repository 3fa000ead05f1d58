// Imported models get the catalogue dataset whose shapes fit them (so they open with no shape problem), or a note
// naming the shapes they need when none does; for ONNX files and Keras / tfjs model.json alike.
import { describe, expect, it } from 'vitest';
import { inferGraphFile } from '../../shared/infer';
import { importModelJsonWithDataset } from './model-json';
import { importOnnx } from './onnx/import-onnx';
import { floatTensor, handMadeMlp, intAttr, intsAttr, modelBytes, node } from './onnx/testing/hand-made';

const values = (n: number) => Array.from({ length: n }, (_, k) => Math.sin(k) * 0.1);

/** torch-style [N, C, H, W] -> Conv 4x3x3 -> global average pool -> Flatten -> Gemm `classes` -> Softmax. */
function smallCnn(channels: number, size: number, classes: number): Uint8Array {
  return modelBytes(
    [
      node('Conv', ['x', 'cw', 'cb'], ['c'], [intsAttr('kernel_shape', [3, 3])], '/conv/Conv'),
      node('GlobalAveragePool', ['c'], ['g'], [], '/pool/GlobalAveragePool'),
      node('Flatten', ['g'], ['f'], [intAttr('axis', 1)], '/Flatten'),
      node('Gemm', ['f', 'fw', 'fb'], ['z'], [intAttr('transB', 1)], '/fc/Gemm'),
      node('Softmax', ['z'], ['y'], [intAttr('axis', -1)], '/Softmax'),
    ],
    [floatTensor('cw', [4, channels, 3, 3], values(4 * channels * 9)), floatTensor('cb', [4], values(4)), floatTensor('fw', [classes, 4], values(4 * classes)), floatTensor('fb', [classes], values(classes))],
    { name: 'x', dims: ['batch', channels, size, size] },
  );
}

/** A Sequential Keras config: Input `shape` -> Flatten -> Dense `units` softmax. */
function kerasJson(shape: number[], units: number): string {
  return JSON.stringify({
    class_name: 'Sequential',
    config: {
      name: 'm',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, ...shape], dtype: 'float32', name: 'input_1' } },
        { class_name: 'Flatten', config: { name: 'flatten' } },
        { class_name: 'Dense', config: { name: 'dense', units, activation: 'softmax', use_bias: true } },
      ],
    },
  });
}

describe('the dataset an imported model gets', () => {
  it('ONNX: a 32x32 RGB classifier of 10 classes gets CIFAR-10 as images and opens with no problem', () => {
    const imp = importOnnx(smallCnn(3, 32, 10), 'cifar-cnn');
    expect(imp.graph.dataset).toMatchObject({ id: 'cifar10', representation: 'image' });
    expect(inferGraphFile(imp.graph).errors).toEqual([]);
    expect(imp.datasetNote).toBe('Dataset: CIFAR-10 as image, whose shapes fit the model (x [32, 32, 3]; y [10]).');
  });

  it('ONNX: a 28x28 grey classifier gets the bundled MNIST as images', () => {
    const imp = importOnnx(smallCnn(1, 28, 10), 'mnist-cnn');
    expect(imp.graph.dataset).toMatchObject({ id: 'mnist-bundled', representation: 'image' });
    expect(inferGraphFile(imp.graph).errors).toEqual([]);
  });

  it('ONNX: a model no dataset fits keeps MNIST and the note names the shapes it needs', () => {
    const imp = importOnnx(handMadeMlp(), 'mlp');
    expect(imp.graph.dataset.id).toBe('mnist-bundled');
    expect(imp.datasetNote).toMatch(/^No dataset of the catalogue fits this model \(x \[3\]; y \[2\]\)/);
    // The mismatch is real: the graph shows the problem the note announces.
    expect(inferGraphFile(imp.graph).errors.length).toBeGreaterThan(0);
  });

  it('ONNX: 10 classes on 32x32 grey images fit nothing (CIFAR-10 is RGB), and the note says so', () => {
    const imp = importOnnx(smallCnn(1, 32, 10), 'grey-32');
    expect(imp.datasetNote).toContain('(x [32, 32, 1]; y [10])');
    expect(inferGraphFile(imp.graph).errors.length).toBeGreaterThan(0);
  });

  it('model.json: 28x28 digits as a matrix get MNIST as matrix; [32, 32, 3] gets CIFAR-10', () => {
    const mnist = importModelJsonWithDataset(kerasJson([28, 28], 10));
    expect(mnist.graph.dataset).toMatchObject({ id: 'mnist-bundled', representation: 'matrix' });
    expect(inferGraphFile(mnist.graph).errors).toEqual([]);
    const cifar = importModelJsonWithDataset(kerasJson([32, 32, 3], 10));
    expect(cifar.graph.dataset).toMatchObject({ id: 'cifar10', representation: 'image' });
    expect(inferGraphFile(cifar.graph).errors).toEqual([]);
  });

  it('model.json: no fitting dataset is named in the note, with the shapes the model needs', () => {
    const { graph, datasetNote } = importModelJsonWithDataset(kerasJson([5], 3));
    expect(graph.dataset.id).toBe('mnist-bundled');
    expect(datasetNote).toMatch(/^No dataset of the catalogue fits this model \(x \[5\]; y \[3\]\)/);
  });
});
