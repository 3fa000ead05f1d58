import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { attr, decodeModel, encodeModel, floatTensor, int64Tensor, makeModel, makeNode, modelOpset, readAttr, tensorToFloat32, tensorToInts, valueInfo, valueInfoDims, ONNX_OPSET } from './proto';

describe('onnx proto plumbing', () => {
  it('round-trips tensors, attributes and value infos through encode/decode', () => {
    const w = floatTensor('w', [2, 3], [1, -2.5, 3, 4, 5e-8, -6]);
    const shape = int64Tensor('shape', [2], [-1, 6]);
    const node = makeNode('Gemm', ['x', 'w'], ['y'], [attr.int('transB', 1), attr.float('alpha', 0.5), attr.ints('perm', [0, 2, 1]), attr.string('mode', 'constant')]);
    const bytes = encodeModel(makeModel({ name: 'g', node: [node], initializer: [w, shape], input: [valueInfo('x', ['batch', 3])], output: [valueInfo('y', ['batch', 2])] }));
    const back = decodeModel(bytes);
    expect(modelOpset(back)).toBe(ONNX_OPSET);
    expect(Array.from(tensorToFloat32(back.graph!.initializer![0]))).toEqual(Array.from(Float32Array.from([1, -2.5, 3, 4, 5e-8, -6])));
    expect(tensorToInts(back.graph!.initializer![1])).toEqual([-1, 6]);
    const n = back.graph!.node![0];
    expect(readAttr.int(n, 'transB', 0)).toBe(1);
    expect(readAttr.float(n, 'alpha', 1)).toBe(0.5);
    expect(readAttr.ints(n, 'perm')).toEqual([0, 2, 1]);
    expect(readAttr.string(n, 'mode', '')).toBe('constant');
    expect(readAttr.int(n, 'absent', 7)).toBe(7);
    expect(valueInfoDims(back.graph!.input![0])).toEqual(['batch', 3]);
  });

  it('rejects bytes that are not a model with a message', () => {
    expect(() => decodeModel(new Uint8Array([0xff, 0xff, 0xff, 0x01]))).toThrow(/not an ONNX model/);
  });

  it('writes a model onnxruntime runs (Gemm with a dynamic batch)', async () => {
    const w = floatTensor('w', [2, 3], [1, 2, 3, 4, 5, 6]);
    const b = floatTensor('b', [2], [0.5, -0.5]);
    const graph = { name: 'g', node: [makeNode('Gemm', ['x', 'w', 'b'], ['y'], [attr.int('transB', 1)])], initializer: [w, b], input: [valueInfo('x', ['batch', 3])], output: [valueInfo('y', ['batch', 2])] };
    const session = await ort.InferenceSession.create(encodeModel(makeModel(graph)));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 0, 0, 0, 1, 1]), [2, 3]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([1.5, 3.5, 5.5, 10.5]);
  });
});
