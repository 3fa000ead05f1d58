// Small ONNX models written with onnx-proto, for tests that run without torch: an MLP (Gemm, Relu, Gemm,
// Softmax) with known weights, and helpers to build nodes, tensors and whole models.
import { onnx, type OnnxNs } from '../../../onnx/proto';

export function floatTensor(name: string, dims: number[], values: number[]): OnnxNs.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values };
}

export function node(opType: string, inputs: string[], outputs: string[], attrs: OnnxNs.IAttributeProto[] = [], name = `/${opType}`): OnnxNs.INodeProto {
  return { opType, input: inputs, output: outputs, attribute: attrs, name };
}

export const intAttr = (name: string, i: number): OnnxNs.IAttributeProto => ({ name, i, type: onnx.AttributeProto.AttributeType.INT });

export function modelBytes(nodes: OnnxNs.INodeProto[], initializer: OnnxNs.ITensorProto[], input: { name: string; dims: (number | string)[] }, output = 'y'): Uint8Array {
  const dim = (d: number | string) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  const model: OnnxNs.IModelProto = {
    irVersion: 8,
    producerName: 'layerlab-test',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'g',
      node: nodes,
      initializer,
      input: [{ name: input.name, type: { tensorType: { elemType: 1, shape: { dim: input.dims.map(dim) } } } }],
      output: [{ name: output }],
    },
  };
  // A plain copy: protobufjs answers a pooled Buffer in Node, whose slice() is a view, not a copy.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** 3 -> 4 (relu) -> 2 (softmax); weights w1[i][j] = (i - j) / 10 in torch's [out, in] layout, biases 0.1 * j. */
export function handMadeMlp(): Uint8Array {
  const w = (out: number, inp: number) => Array.from({ length: out * inp }, (_, k) => (Math.floor(k / inp) - (k % inp)) / 10);
  const b = (n: number) => Array.from({ length: n }, (_, j) => 0.1 * j);
  return modelBytes(
    [
      node('Gemm', ['x', 'w1', 'b1'], ['h'], [intAttr('transB', 1)], '/fc1/Gemm'),
      node('Relu', ['h'], ['r']),
      node('Gemm', ['r', 'w2', 'b2'], ['z'], [intAttr('transB', 1)], '/fc2/Gemm'),
      node('Softmax', ['z'], ['y'], [intAttr('axis', -1)]),
    ],
    [floatTensor('w1', [4, 3], w(4, 3)), floatTensor('b1', [4], b(4)), floatTensor('w2', [2, 4], w(2, 4)), floatTensor('b2', [2], b(2))],
    { name: 'x', dims: ['batch', 3] },
  );
}

/** The hand-made MLP's output for one sample, computed directly. */
export function handMadeMlpForward(x: number[]): number[] {
  const layer = (v: number[], out: number) => Array.from({ length: out }, (_, i) => v.reduce((s, xi, j) => s + ((i - j) / 10) * xi, 0.1 * i));
  const h = layer(x, 4).map((v) => Math.max(0, v));
  const z = layer(h, 2);
  const e = z.map(Math.exp);
  return e.map((v) => v / (e[0] + e[1]));
}

/** A model nesting `depth` subgraphs inside each other (an If-like attribute holding a graph holding a node ...),
 * written byte by byte, since encoding it with protobufjs would itself recurse that deep. */
export function nestedGraphBytes(depth: number): Uint8Array {
  const varintLength = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5);
  // Sizes from the inside out: graph_k = [node: [attribute: [g: graph_(k-1)]]].
  const graph: number[] = [0];
  const attr: number[] = [0];
  const nodeSize: number[] = [0];
  for (let k = 1; k <= depth; k++) {
    attr[k] = 1 + varintLength(graph[k - 1]) + graph[k - 1];
    nodeSize[k] = 1 + varintLength(attr[k]) + attr[k];
    graph[k] = 1 + varintLength(nodeSize[k]) + nodeSize[k];
  }
  const out = new Uint8Array(1 + varintLength(graph[depth]) + graph[depth]);
  let at = 0;
  const put = (tag: number, len: number) => {
    out[at++] = tag;
    let v = len;
    while (v >= 0x80) {
      out[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[at++] = v;
  };
  put(0x3a, graph[depth]); // ModelProto.graph
  for (let k = depth; k >= 1; k--) {
    put(0x0a, nodeSize[k]); // GraphProto.node
    put(0x2a, attr[k]); // NodeProto.attribute
    put(0x32, graph[k - 1]); // AttributeProto.g
  }
  return out;
}

export const intsAttr = (name: string, ints: number[]): OnnxNs.IAttributeProto => ({ name, ints, type: onnx.AttributeProto.AttributeType.INTS });

/** [N, 1, 8, 8] -> Conv 4x3x3 'same' + Relu -> MaxPool 2 -> Flatten -> Gemm 10 -> Softmax, arbitrary weights. */
export function handMadeCnn(): Uint8Array {
  const values = (n: number, scale: number) => Array.from({ length: n }, (_, k) => Math.sin(k * 1.7) * scale);
  return modelBytes(
    [
      node('Conv', ['x', 'conv.weight', 'conv.bias'], ['c'], [intsAttr('kernel_shape', [3, 3]), intsAttr('pads', [1, 1, 1, 1])], '/conv/Conv'),
      node('Relu', ['c'], ['r'], [], '/Relu'),
      node('MaxPool', ['r'], ['p'], [intsAttr('kernel_shape', [2, 2]), intsAttr('strides', [2, 2])], '/pool/MaxPool'),
      node('Flatten', ['p'], ['f'], [intAttr('axis', 1)], '/Flatten'),
      node('Gemm', ['f', 'fc.weight', 'fc.bias'], ['z'], [intAttr('transB', 1)], '/fc/Gemm'),
      node('Softmax', ['z'], ['y'], [intAttr('axis', -1)], '/Softmax'),
    ],
    [floatTensor('conv.weight', [4, 1, 3, 3], values(36, 0.3)), floatTensor('conv.bias', [4], values(4, 0.1)), floatTensor('fc.weight', [10, 64], values(640, 0.2)), floatTensor('fc.bias', [10], values(10, 0.1))],
    { name: 'x', dims: ['batch', 1, 8, 8] },
  );
}

/**
 * The same convolution as handMadeCnn, then global average pooling and a Gemm, written two ways: as torch does
 * (channels-first input) and as tf2onnx does for Keras (channels-last input, Transposes around the Conv).
 */
export function pooledCnn(layout: 'torch' | 'keras'): Uint8Array {
  const values = (n: number, scale: number) => Array.from({ length: n }, (_, k) => Math.cos(k * 0.9) * scale);
  const keras = layout === 'keras';
  const nodes = [
    ...(keras ? [node('Transpose', ['x'], ['xt'], [intsAttr('perm', [0, 3, 1, 2])], '/to_nchw')] : []),
    node('Conv', [keras ? 'xt' : 'x', 'cw', 'cb'], ['c'], [intsAttr('kernel_shape', [3, 3]), intsAttr('pads', [1, 1, 1, 1])], '/conv/Conv'),
    node('Relu', ['c'], ['r'], [], '/Relu'),
    ...(keras ? [node('Transpose', ['r'], ['rt'], [intsAttr('perm', [0, 2, 3, 1])], '/to_nhwc'), node('ReduceMean', ['rt'], ['p'], [intsAttr('axes', [1, 2]), intAttr('keepdims', 0)], '/gap')] : [node('GlobalAveragePool', ['r'], ['g'], [], '/gap'), node('Flatten', ['g'], ['p'], [intAttr('axis', 1)], '/flat')]),
    node('Gemm', ['p', 'fw', 'fb'], ['y'], [intAttr('transB', 1)], '/fc/Gemm'),
  ];
  return modelBytes(
    nodes,
    [floatTensor('cw', [5, 2, 3, 3], values(90, 0.4)), floatTensor('cb', [5], values(5, 0.1)), floatTensor('fw', [3, 5], values(15, 0.5)), floatTensor('fb', [3], values(3, 0.1))],
    { name: 'x', dims: keras ? ['N', 6, 6, 2] : ['N', 2, 6, 6] },
  );
}
