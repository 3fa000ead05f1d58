// ONNX plumbing shared by export and import: the ModelProto classes of onnx-proto (protobufjs, ONNX v1.10
// schema), encode/decode, tensors (float32 and int64, raw little-endian data), attributes, value infos.
// Keep these exports stable: src-main/onnx/import/* builds on them too.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxNs } from 'onnx-proto';

export const onnx: typeof OnnxNs = (onnxProto as unknown as { onnx: typeof OnnxNs }).onnx;
export type { OnnxNs };
export type ModelProto = OnnxNs.IModelProto;
export type GraphProto = OnnxNs.IGraphProto;
export type NodeProto = OnnxNs.INodeProto;
export type TensorProto = OnnxNs.ITensorProto;
export type AttributeProto = OnnxNs.IAttributeProto;
export type ValueInfoProto = OnnxNs.IValueInfoProto;

/** The default-domain opset LayerLab writes: 17 is the first with LayerNormalization. */
export const ONNX_OPSET = 17;
/** IR version 8 goes with opset 17 (ONNX 1.12+); onnxruntime 1.x and onnx.checker 1.12 accept it. */
export const ONNX_IR_VERSION = 8;

export const DataType = {
  FLOAT: 1,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  DOUBLE: 11,
} as const;

const AttrType = {
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
} as const;

// ---- model ----

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Decodes model bytes; throws a plain Error naming the problem when they are not an ONNX model. */
export function decodeModel(bytes: Uint8Array): OnnxNs.ModelProto {
  let model: OnnxNs.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new Error(`not an ONNX model (protobuf decoding failed: ${(err as Error).message})`);
  }
  if (!model.graph) throw new Error('not an ONNX model (no graph in the file)');
  return model;
}

export function makeModel(graph: GraphProto, opts: { opset?: number; producerVersion?: string; docString?: string } = {}): ModelProto {
  return {
    irVersion: ONNX_IR_VERSION,
    producerName: 'LayerLab',
    producerVersion: opts.producerVersion ?? '0.1.0',
    docString: opts.docString,
    opsetImport: [{ domain: '', version: opts.opset ?? ONNX_OPSET }],
    graph,
  };
}

/** The default-domain opset a model imports (0 when it names none). */
export function modelOpset(model: ModelProto): number {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? toNumber(entry.version) : 0;
}

// ---- numbers (int64 fields decode as Long objects or numbers) ----

export function toNumber(v: number | Long | null | undefined | { toNumber(): number }): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  return v.toNumber();
}

type Long = { low: number; high: number; unsigned: boolean; toNumber(): number };

// ---- tensors ----

/** A float32 tensor (initializer or Constant value) with raw little-endian data. */
export function floatTensor(name: string, dims: number[], data: Float32Array | ArrayLike<number>): TensorProto {
  const values = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (values.length !== expected) throw new Error(`tensor ${name}: ${values.length} values for dims [${dims.join(', ')}] (${expected})`);
  return { name, dims, dataType: DataType.FLOAT, rawData: littleEndianBytes(values) };
}

export function int64Tensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`tensor ${name}: ${data.length} values for dims [${dims.join(', ')}] (${expected})`);
  const bytes = new Uint8Array(data.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setBigInt64(i * 8, BigInt(Math.trunc(data[i])), true);
  return { name, dims, dataType: DataType.INT64, rawData: bytes };
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

export function tensorDims(t: TensorProto): number[] {
  return (t.dims ?? []).map(toNumber);
}

/** A tensor's values as float32 (FLOAT and DOUBLE, raw or typed fields). */
export function tensorToFloat32(t: TensorProto): Float32Array {
  const count = tensorDims(t).reduce((a, b) => a * b, 1);
  if (t.dataType === DataType.FLOAT) {
    if (t.rawData && t.rawData.length) {
      const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
      const out = new Float32Array(t.rawData.byteLength / 4);
      for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
      return checkCount(t, out, count);
    }
    return checkCount(t, Float32Array.from(t.floatData ?? []), count);
  }
  if (t.dataType === DataType.DOUBLE) {
    if (t.rawData && t.rawData.length) {
      const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
      const out = new Float32Array(t.rawData.byteLength / 8);
      for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
      return checkCount(t, out, count);
    }
    return checkCount(t, Float32Array.from(t.doubleData ?? []), count);
  }
  throw new Error(`tensor ${t.name ?? '?'}: data type ${t.dataType} is not a float type`);
}

/** A tensor's values as numbers (INT64 and INT32, raw or typed fields). */
export function tensorToInts(t: TensorProto): number[] {
  const count = tensorDims(t).reduce((a, b) => a * b, 1);
  let out: number[];
  if (t.dataType === DataType.INT64) {
    if (t.rawData && t.rawData.length) {
      const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
      out = Array.from({ length: t.rawData.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    } else out = (t.int64Data ?? []).map(toNumber);
  } else if (t.dataType === DataType.INT32) {
    if (t.rawData && t.rawData.length) {
      const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
      out = Array.from({ length: t.rawData.byteLength / 4 }, (_, i) => view.getInt32(i * 4, true));
    } else out = [...(t.int32Data ?? [])];
  } else {
    throw new Error(`tensor ${t.name ?? '?'}: data type ${t.dataType} is not an integer type`);
  }
  return checkCount(t, out, count);
}

function checkCount<T extends { length: number }>(t: TensorProto, values: T, count: number): T {
  if (values.length !== count) throw new Error(`tensor ${t.name ?? '?'}: ${values.length} values for dims [${tensorDims(t).join(', ')}]`);
  return values;
}

// ---- attributes ----

export const attr = {
  int: (name: string, i: number): AttributeProto => ({ name, type: AttrType.INT, i }),
  ints: (name: string, ints: number[]): AttributeProto => ({ name, type: AttrType.INTS, ints }),
  float: (name: string, f: number): AttributeProto => ({ name, type: AttrType.FLOAT, f }),
  floats: (name: string, floats: number[]): AttributeProto => ({ name, type: AttrType.FLOATS, floats }),
  string: (name: string, s: string): AttributeProto => ({ name, type: AttrType.STRING, s: new TextEncoder().encode(s) }),
  strings: (name: string, strings: string[]): AttributeProto => ({ name, type: AttrType.STRINGS, strings: strings.map((s) => new TextEncoder().encode(s)) }),
  tensor: (name: string, t: TensorProto): AttributeProto => ({ name, type: AttrType.TENSOR, t }),
};

function findAttr(node: NodeProto, name: string): AttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

/** Reads a node's attribute; `fallback` when it is absent (the ONNX default). */
export const readAttr = {
  int: (node: NodeProto, name: string, fallback: number): number => {
    const a = findAttr(node, name);
    return a ? toNumber(a.i) : fallback;
  },
  ints: (node: NodeProto, name: string, fallback: number[] = []): number[] => {
    const a = findAttr(node, name);
    return a ? (a.ints ?? []).map(toNumber) : fallback;
  },
  float: (node: NodeProto, name: string, fallback: number): number => {
    const a = findAttr(node, name);
    return a ? (a.f ?? fallback) : fallback;
  },
  floats: (node: NodeProto, name: string, fallback: number[] = []): number[] => {
    const a = findAttr(node, name);
    return a ? [...(a.floats ?? [])] : fallback;
  },
  string: (node: NodeProto, name: string, fallback: string): string => {
    const a = findAttr(node, name);
    return a?.s ? new TextDecoder().decode(a.s) : fallback;
  },
  strings: (node: NodeProto, name: string, fallback: string[] = []): string[] => {
    const a = findAttr(node, name);
    return a ? (a.strings ?? []).map((s) => new TextDecoder().decode(s)) : fallback;
  },
  tensor: (node: NodeProto, name: string): TensorProto | undefined => findAttr(node, name)?.t ?? undefined,
  has: (node: NodeProto, name: string): boolean => findAttr(node, name) !== undefined,
};

// ---- nodes and value infos ----

export function makeNode(opType: string, inputs: string[], outputs: string[], attributes: AttributeProto[] = [], name?: string): NodeProto {
  return { opType, input: inputs, output: outputs, attribute: attributes, name: name ?? outputs[0] };
}

/** A tensor value info; a string dim is symbolic ('batch'), a number is fixed. */
export function valueInfo(name: string, dims: (number | string)[], elemType: number = DataType.FLOAT): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** A value info's dims: numbers for fixed sizes, strings for symbolic ones, null for unknown. */
export function valueInfoDims(v: ValueInfoProto): (number | string | null)[] | null {
  const dims = v.type?.tensorType?.shape?.dim;
  if (!dims) return null;
  return dims.map((d) => (d.dimParam ? d.dimParam : d.dimValue !== null && d.dimValue !== undefined ? toNumber(d.dimValue) : null));
}
