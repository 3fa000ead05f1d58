// Reads an ONNX file (untrusted bytes) into a small, plain model the importer maps: nodes with decoded attributes,
// float initializers as Float32Array, graph inputs with their shapes. Limits hold before and after decoding: the
// file's size, the number of nodes and weights, tensors whose data does not match their shape, and weights
// stored in external files (refused: an imported model never makes LayerLab read another file).
import { decodeModel, modelOpset, onnx, toNumber, type OnnxNs } from '../../onnx/proto';
import { ImportError } from '../model-json';

/** Larger files are refused before decoding (the web host's messages are capped at 64 MB anyway). */
export const MAX_ONNX_BYTES = 256 * 1024 * 1024;
export const MAX_ONNX_NODES = 100_000;
/** Float values in all weights together (400 MB as float32). */
export const MAX_ONNX_WEIGHT_VALUES = 100_000_000;

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** onnx.TensorProto.DataType */
  dataType: number;
  /** Float tensors (float, double, float16 read as float32). */
  floats: Float32Array | null;
  /** Integer tensors (int8..int64, bool). */
  ints: number[] | null;
}

export type OnnxAttr = number | string | number[] | string[] | OnnxTensor | { graph: true };

export interface OnnxNode {
  /** The node's name, or "OpType #index" when the file gives none (for messages). */
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attrs: Map<string, OnnxAttr>;
}

export interface OnnxModel {
  producer: string;
  opset: number;
  inputs: { name: string; dims: (number | null)[]; elemType: number }[];
  outputs: string[];
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
}

type Long = { toNumber(): number };
const num = (v: number | Long | null | undefined): number => toNumber(v);

const DT = onnx.TensorProto.DataType;
const FLOAT_TYPES = new Set<number>([DT.FLOAT, DT.DOUBLE, DT.FLOAT16]);
const INT_TYPES = new Set<number>([DT.INT8, DT.UINT8, DT.INT16, DT.UINT16, DT.INT32, DT.INT64, DT.UINT32, DT.BOOL]);
const BYTES: Record<number, number> = { [DT.FLOAT]: 4, [DT.DOUBLE]: 8, [DT.FLOAT16]: 2, [DT.INT8]: 1, [DT.UINT8]: 1, [DT.BOOL]: 1, [DT.INT16]: 2, [DT.UINT16]: 2, [DT.INT32]: 4, [DT.UINT32]: 4, [DT.INT64]: 8 };

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** One TensorProto as plain numbers; `where` names it in messages. */
export function readTensor(t: OnnxNs.ITensorProto, where: string, budget: { values: number }): OnnxTensor {
  const name = t.name ?? '';
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0) {
    throw new ImportError(`${where}: its data is stored in an external file; LayerLab imports only self-contained .onnx files (save the model with its weights inside, e.g. onnx.save(model, path, save_as_external_data=False))`);
  }
  const dims = (t.dims ?? []).map((d) => num(d));
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new ImportError(`${where}: dims [${dims.join(', ')}] are not sizes`);
  const count = dims.reduce((a, b) => a * b, 1);
  const dataType = t.dataType ?? 0;
  if (!FLOAT_TYPES.has(dataType) && !INT_TYPES.has(dataType)) {
    return { name, dims, dataType, floats: null, ints: null };
  }
  budget.values += count;
  if (budget.values > MAX_ONNX_WEIGHT_VALUES) throw new ImportError(`The model holds more than ${MAX_ONNX_WEIGHT_VALUES.toLocaleString('en-US')} weight values; LayerLab imports smaller models`);
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : null;
  const values: number[] | Float32Array = new Float32Array(count);
  if (raw) {
    const size = BYTES[dataType];
    if (raw.length !== count * size) throw new ImportError(`${where}: raw data has ${raw.length} bytes, but shape [${dims.join(', ')}] needs ${count * size}`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) {
      const o = i * size;
      switch (dataType) {
        case DT.FLOAT: values[i] = view.getFloat32(o, true); break;
        case DT.DOUBLE: values[i] = view.getFloat64(o, true); break;
        case DT.FLOAT16: values[i] = half(view.getUint16(o, true)); break;
        case DT.INT8: values[i] = view.getInt8(o); break;
        case DT.UINT8: case DT.BOOL: values[i] = view.getUint8(o); break;
        case DT.INT16: values[i] = view.getInt16(o, true); break;
        case DT.UINT16: values[i] = view.getUint16(o, true); break;
        case DT.INT32: values[i] = view.getInt32(o, true); break;
        case DT.UINT32: values[i] = view.getUint32(o, true); break;
        case DT.INT64: values[i] = Number(view.getBigInt64(o, true)); break;
      }
    }
  } else {
    const list: (number | Long)[] =
      dataType === DT.FLOAT ? t.floatData ?? [] : dataType === DT.DOUBLE ? t.doubleData ?? [] : dataType === DT.INT64 ? t.int64Data ?? [] : t.int32Data ?? [];
    if (list.length !== count) throw new ImportError(`${where}: holds ${list.length} values, but shape [${dims.join(', ')}] needs ${count}`);
    for (let i = 0; i < count; i++) values[i] = dataType === DT.FLOAT16 ? half(num(list[i])) : num(list[i]);
  }
  const isFloat = FLOAT_TYPES.has(dataType);
  return { name, dims, dataType, floats: isFloat ? values : null, ints: isFloat ? null : Array.from(values) };
}

function readAttr(a: OnnxNs.IAttributeProto, where: string, budget: { values: number }): OnnxAttr {
  const T = onnx.AttributeProto.AttributeType;
  switch (a.type) {
    case T.FLOAT: return a.f ?? 0;
    case T.INT: return num(a.i);
    case T.STRING: return new TextDecoder().decode(a.s ?? new Uint8Array());
    case T.TENSOR: return readTensor(a.t ?? {}, `${where}, attribute '${a.name}'`, budget);
    case T.FLOATS: return [...(a.floats ?? [])];
    case T.INTS: return (a.ints ?? []).map((v) => num(v));
    case T.STRINGS: return (a.strings ?? []).map((s) => new TextDecoder().decode(s));
    default: return { graph: true }; // subgraphs (If, Loop, Scan) and sparse tensors: no LayerLab kind reads them
  }
}

function decode(bytes: Uint8Array): OnnxNs.ModelProto {
  try {
    return decodeModel(bytes);
  } catch (err) {
    // protobufjs decodes nested messages recursively: a file built to nest subgraphs without end overflows the stack.
    if (/call stack/i.test((err as Error).message)) throw new ImportError('Not a readable ONNX model: its messages nest too deeply');
    const message = (err as Error).message;
    throw new ImportError(message.charAt(0).toUpperCase() + message.slice(1));
  }
}

export function readOnnxModel(bytes: Uint8Array, maxBytes = MAX_ONNX_BYTES): OnnxModel {
  if (bytes.length > maxBytes) throw new ImportError(`The file is ${(bytes.length / 2 ** 20).toFixed(1)} MB, more than the ${(maxBytes / 2 ** 20).toFixed(1)} MB LayerLab imports`);
  if (bytes.length === 0) throw new ImportError('The file is empty');
  const model = decode(bytes);
  const graph = model.graph;
  if (!graph || (graph.node ?? []).length === 0) throw new ImportError('Not an ONNX model: it has no graph (no nodes)');
  if (graph.node!.length > MAX_ONNX_NODES) throw new ImportError(`The graph has ${graph.node!.length.toLocaleString('en-US')} nodes, more than the ${MAX_ONNX_NODES.toLocaleString('en-US')} LayerLab imports`);
  const budget = { values: 0 };
  const initializers = new Map<string, OnnxTensor>();
  (graph.initializer ?? []).forEach((t, i) => initializers.set(t.name ?? '', readTensor(t, `Initializer '${t.name ?? i}'`, budget)));
  if ((graph.sparseInitializer ?? []).length > 0) throw new ImportError('The graph has sparse initializers, which LayerLab does not import');
  const nodes: OnnxNode[] = graph.node!.map((n, i) => {
    const name = n.name || `${n.opType ?? 'node'} #${i + 1}`;
    const attrs = new Map<string, OnnxAttr>();
    for (const a of n.attribute ?? []) attrs.set(a.name ?? '', readAttr(a, `Node '${name}'`, budget));
    return { name, opType: n.opType ?? '', domain: n.domain ?? '', inputs: [...(n.input ?? [])], outputs: [...(n.output ?? [])], attrs };
  });
  const inputs = (graph.input ?? [])
    .filter((v) => !initializers.has(v.name ?? '')) // old exporters list initializers as inputs too
    .map((v) => {
      const t = v.type?.tensorType;
      const dims = (t?.shape?.dim ?? []).map((d) => (d.dimValue != null && num(d.dimValue) > 0 ? num(d.dimValue) : null));
      return { name: v.name ?? '', dims, elemType: t?.elemType ?? 0 };
    });
  return {
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' ') || 'unknown',
    opset: modelOpset(model),
    inputs,
    outputs: (graph.output ?? []).map((v) => v.name ?? ''),
    nodes,
    initializers,
  };
}
