// A graph and its tfjs model (trained or fresh weights) -> an ONNX ModelProto at opset 17 with the weights as
// initializers, a dynamic batch axis on every input and output, float32 inputs named after the Input nodes and
// outputs named after the Output nodes. Every node is checked first: a kind or setting ONNX cannot express is
// named (kind, node id, why) before anything is built or written.
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/types';
import type { DatasetShapes } from '../../../shared/data/types';
import type { Shape } from '../../../shared/layers/types';
import { ExportError, planGraph, type GraphPlan } from '../codegen/plan';
import { encodeModel, makeModel, valueInfo, ONNX_OPSET } from '../../onnx/proto';
import { OnnxGraphContext } from './context';
import { getOnnxEmitter } from '.';

export const ONNX_FILE = 'model.onnx';

export interface OnnxTensorInfo {
  /** The tensor name in the file. */
  name: string;
  nodeId: string;
  /** With the batch axis first ('batch'); unknown axes are named too. */
  dims: (number | string)[];
}

export interface OnnxExport {
  bytes: Uint8Array;
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
  opset: number;
}

/** Every node ONNX export cannot express, with why; empty when the whole graph exports. */
export function onnxProblems(plan: GraphPlan): string[] {
  const problems: string[] = [];
  for (const n of plan.nodes) {
    const emitter = getOnnxEmitter(n.node.kind);
    const why = emitter ? (emitter.check?.(n) ?? null) : 'no ONNX emitter for this layer kind';
    if (why) problems.push(`${n.node.label ?? n.node.kind} (${n.node.id}, ${n.node.kind}): ${why}`);
  }
  return problems;
}

function dimsOf(shape: Shape, name: string): (number | string)[] {
  return ['batch', ...shape.map((d, i) => (d === null ? `${name}_dim${i + 1}` : d))];
}

/** Throws ExportError listing every node that cannot be exported. */
export function checkOnnxExportable(graph: GraphFile, shapes?: DatasetShapes): GraphPlan {
  const plan = planGraph(graph, shapes);
  const problems = onnxProblems(plan);
  if (problems.length) {
    throw new ExportError(`ONNX export cannot express ${problems.length === 1 ? 'this node' : `these ${problems.length} nodes`}: ${problems.join('; ')}. Nothing was written.`, null);
  }
  return plan;
}

export function exportOnnxModel(graph: GraphFile, model: tfTypes.LayersModel, shapes?: DatasetShapes): OnnxExport {
  const plan = checkOnnxExportable(graph, shapes);
  const g = new OnnxGraphContext(model);
  // Graph inputs and outputs carry the Input / Output node ids (reserved first, so no inner tensor takes them).
  const inputs: OnnxTensorInfo[] = plan.inputs.map((n) => {
    const name = g.fresh(n.node.id);
    return { name, nodeId: n.node.id, dims: dimsOf(n.outputShapes[0], name) };
  });
  const outputs: OnnxTensorInfo[] = plan.outputs.map((n) => {
    const name = g.fresh(n.node.id);
    return { name, nodeId: n.node.id, dims: dimsOf(n.inputShapes[0][0], name) };
  });
  const ioName = new Map([...inputs, ...outputs].map((t) => [t.nodeId, t.name]));

  const tensorOf = new Map<string, string>();
  for (const n of plan.nodes) {
    const ins = n.inputVars.map((slot) => slot.map((v) => tensorOf.get(v)!));
    const emitter = getOnnxEmitter(n.node.kind)!;
    // Input and Output emitters name their tensor after the node's graph input / output.
    const io = ioName.get(n.node.id);
    const outs = emitter.emit(io ? { ...n, name: io } : n, ins, g);
    n.outputVars.forEach((v, i) => {
      if (outs[i] === undefined) throw new ExportError(`${n.node.kind} (${n.node.id}): the ONNX emitter gave no tensor for output ${i + 1}`, n.node.id);
      tensorOf.set(v, outs[i]);
    });
  }

  const onnxGraph = {
    name: graph.name,
    node: g.nodes,
    initializer: g.initializers,
    input: inputs.map((i) => valueInfo(i.name, i.dims)),
    output: outputs.map((o) => valueInfo(o.name, o.dims)),
  };
  const bytes = encodeModel(makeModel(onnxGraph, { docString: `LayerLab graph '${graph.name}' with its tfjs weights` }));
  return { bytes, inputs, outputs, opset: ONNX_OPSET };
}
