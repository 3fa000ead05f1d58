// An .onnx file is untrusted input: the import reads only the bytes it is given (external weight files are refused),
// caps size, nodes and weights, survives files built to nest without end, and turns any corruption into an
// ImportError that names the problem, never another exception. Runs without torch (hand-made models).
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { onnx, type OnnxNs } from '../../onnx/proto';
import { ImportError } from '../model-json';
import { importOnnx } from './import-onnx';
import { readOnnxModel } from './read-model';
import { buildImportedModel } from './imported-run';
import { floatTensor, handMadeMlp, handMadeMlpForward, modelBytes, nestedGraphBytes, node, pooledCnn } from './testing/hand-made';

const importError = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return (err as Error).message;
  }
  throw new Error('expected an ImportError, the import succeeded');
};

describe('ONNX import of hand-made models', () => {
  it('imports an MLP with its weights and computes what the model says', async () => {
    const imp = importOnnx(handMadeMlp(), 'mlp');
    expect(imp.graph.nodes.map((n) => `${n.kind}:${String(n.params.activation ?? '')}`)).toEqual(['Input:', 'Dense:relu', 'Dense:softmax', 'Output:']);
    const model = await buildImportedModel(imp);
    const x = [0.5, -1, 2];
    const y = Array.from((model.predict(tf.tensor([x])) as tf.Tensor).dataSync());
    handMadeMlpForward(x).forEach((v, i) => expect(y[i]).toBeCloseTo(v, 5));
    model.dispose();
  });

  it('lists unsupported operators of every node, custom domains included, before mapping anything', () => {
    const bytes = modelBytes(
      [node('Erf', ['x'], ['a'], [], 'first_erf'), node('Erf', ['a'], ['b'], [], 'second_erf'), { ...node('MyOp', ['b'], ['y'], [], 'mine'), domain: 'com.example' }],
      [],
      { name: 'x', dims: ['N', 3] },
    );
    const message = importError(() => importOnnx(bytes, 'bad'));
    expect(message).toContain("Erf (nodes 'first_erf', 'second_erf')");
    expect(message).toContain("com.example.MyOp (node 'mine')");
  });
});

describe('ONNX files as untrusted input', () => {
  it('refuses weights stored in external files without reading them', () => {
    const external: OnnxNs.ITensorProto = { name: 'w', dims: [2, 3], dataType: 1, dataLocation: onnx.TensorProto.DataLocation.EXTERNAL, externalData: [{ key: 'location', value: '/etc/passwd' }] };
    const bytes = modelBytes([node('Gemm', ['x', 'w'], ['y'])], [external], { name: 'x', dims: ['N', 3] });
    expect(importError(() => importOnnx(bytes, 'ext'))).toMatch(/Initializer 'w': its data is stored in an external file; LayerLab imports only self-contained/);
  });

  it('refuses a tensor whose data does not fill its shape, and shapes beyond the weight cap', () => {
    const short = modelBytes([node('Gemm', ['x', 'w'], ['y'])], [floatTensor('w', [2, 3], [1, 2, 3])], { name: 'x', dims: ['N', 3] });
    expect(importError(() => importOnnx(short, 's'))).toMatch(/Initializer 'w': holds 3 values, but shape \[2, 3\] needs 6/);
    const huge = modelBytes([node('Gemm', ['x', 'w'], ['y'])], [{ name: 'w', dims: [1e6, 1e6], dataType: 1 }], { name: 'x', dims: ['N', 3] });
    expect(importError(() => importOnnx(huge, 'h'))).toMatch(/more than 100,000,000 weight values/);
  });

  it('refuses files over the size cap before decoding them', () => {
    expect(importError(() => readOnnxModel(handMadeMlp(), 100))).toMatch(/more than the 0\.0 MB LayerLab imports/);
  });

  it('survives subgraphs nested 200,000 deep with a clear message', () => {
    const bytes = nestedGraphBytes(200_000);
    expect(importError(() => importOnnx(bytes, 'deep'))).toMatch(/its messages nest too deeply/);
  });

  it('turns garbage and truncated files into ImportErrors', () => {
    expect(importError(() => importOnnx(new Uint8Array(0), 'empty'))).toMatch(/empty/);
    expect(importError(() => importOnnx(new TextEncoder().encode('{"modelTopology": {}}'), 'json'))).toMatch(/Not an ONNX model/i);
    const good = handMadeMlp();
    expect(importError(() => importOnnx(good.subarray(0, good.length - 7), 'cut'))).toMatch(/Not an ONNX model|cannot|should/);
  });

  it('fuzz: 400 byte-level mutations of a valid model import or fail with an ImportError, nothing else', () => {
    const good = handMadeMlp();
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let imported = 0;
    for (let i = 0; i < 400; i++) {
      const bytes = good.slice();
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      try {
        importOnnx(bytes, 'fuzz');
        imported++;
      } catch (err) {
        if (!(err instanceof ImportError)) throw new Error(`mutation ${i}: ${(err as Error).name}: ${(err as Error).message}`);
      }
    }
    // Most mutations land in weight values, which still import: the loop really exercised both paths.
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(400);
  });
});

describe('channels-last models (Keras through tf2onnx)', () => {
  it('reads the Transposes around a Conv as layout, not layers, and computes what the channels-first model does', async () => {
    const torchStyle = importOnnx(pooledCnn('torch'), 'torch');
    const kerasStyle = importOnnx(pooledCnn('keras'), 'keras');
    const kinds = (g: typeof torchStyle) => g.graph.nodes.map((n) => n.kind);
    expect(kinds(kerasStyle)).toEqual(['Input', 'Conv2D', 'GlobalAveragePooling2D', 'Dense', 'Output']);
    expect(kinds(torchStyle)).toEqual(kinds(kerasStyle));
    const [a, b] = await Promise.all([buildImportedModel(torchStyle), buildImportedModel(kerasStyle)]);
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 7);
    const ya = (a.predict(x) as tf.Tensor).dataSync();
    const yb = (b.predict(x) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(ya, (v, i) => Math.abs(v - yb[i])))).toBeLessThan(1e-6);
    expect(Math.max(...Array.from(ya, Math.abs))).toBeGreaterThan(1e-3);
  });
});
