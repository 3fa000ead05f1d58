// Opens an ONNX model as a LayerLab graph plus the weights of each node (in the tfjs layouts), all or nothing:
// every operator is checked first and the unsupported ones are listed by name and node before anything is mapped.
// Operators map to layer kinds through the registry in operators/ (the table in README's import section);
// PyTorch's channels-first tensors become LayerLab's channels-last ones (values.ts), and the shape arithmetic torch
// writes around reshapes and LSTMs (Shape, Gather, Concat ...) is evaluated on the spot, the batch size staying unknown.
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphFile } from '../../../shared/graph/types';
import { defaultDatasetConfig, defaultTrainingConfig } from '../../../shared/graph/defaults';
import { markForAutoLayout } from '../../../shared/graph/layout';
import { ensureGraphId } from '../../../shared/graph/identity';
import { inferGraph } from '../../../shared/infer';
import { checked, ImportError, layout as layoutByDepth } from '../model-json';
import { errorDetail } from '../../../shared/api';
import { withFittingDataset } from '../dataset-match';
import { readOnnxModel, type OnnxModel, type OnnxTensor } from './read-model';
import { indexGraph } from './graph-index';
import { findEncoderBlocks, mapEncoderBlock } from './transformer-pattern';
import { MappingContext } from './mapping-context';
import { channelsFirstInputs } from './channels-first';
import { mapNode, unsupportedOps } from './operators';
import type { NodeWeights } from './weights';

export { SUPPORTED_OPS } from './operators';

export interface OnnxImport {
  graph: GraphFile;
  /** tfjs weights per LayerLab node id. */
  weights: Map<string, NodeWeights>;
  /** What changed on the way in (summed biases, zero biases added), for the run's log. */
  notes: string[];
  /** Which catalogue dataset the graph was given, or which shapes the model needs when none fits. */
  datasetNote: string;
  producer: string;
  opset: number;
}

export function importOnnxModel(model: OnnxModel, name: string): OnnxImport {
  const ix = indexGraph(model);
  const blocks = findEncoderBlocks(ix);
  const covered = new Set(blocks.flatMap((b) => [...b.covered]));
  const problem = unsupportedOps(model, covered);
  if (problem) throw new ImportError(problem.message, errorDetail('import.unsupportedOnnxOps', { ops: problem.ops }, problem.message));
  if (model.inputs.length === 0) throw new ImportError('The graph has no inputs');
  const ctx = new MappingContext(ix);
  const cf = channelsFirstInputs(ix);
  model.inputs.forEach((input, i) => ctx.addInput(input, cf.has(input.name), i === 0 ? 'x' : `x${i + 1}`));
  // A transformer block is mapped where its last node stands, so the nodes after it find its output.
  const blockAt = new Map(blocks.map((b) => [[...b.covered].find((n) => n.outputs.includes(b.output))!, b]));
  for (const n of model.nodes) {
    const block = blockAt.get(n);
    if (block) mapEncoderBlock(ctx, block, n.name.replace(/\/[^/]+$/, '') || n.name); // '/encoder/layers.0/norm2/...' -> encoder.layers.0
    else if (!covered.has(n)) mapNode(ctx, n);
  }
  model.outputs.forEach((o, i) => ctx.addOutput(o, i));
  layoutByDepth(ctx.nodes, ctx.edges);
  // A graph id now, so the run holding the weights belongs to the graph the user sees (the Runs tab's "this graph").
  const fresh = { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, nodes: ctx.nodes, edges: ctx.edges, dataset: defaultDatasetConfig(), training: defaultTrainingConfig() } as GraphFile;
  const mapped = checked(ensureGraphId(markForAutoLayout(fresh)));
  const inference = inferGraph(mapped);
  if (inference.errors.length) {
    const e = inference.errors[0];
    throw new ImportError(`The imported graph does not check out at ${e.nodeId ?? 'the graph'}: ${e.message}`);
  }
  const { graph, note } = withFittingDataset(mapped);
  return { graph, weights: ctx.weights, notes: ctx.notes, datasetNote: note, producer: model.producer, opset: model.opset };
}

/** An .onnx file's bytes as a graph and its weights. */
export function importOnnx(bytes: Uint8Array, name: string): OnnxImport {
  return importOnnxModel(readOnnxModel(bytes), name);
}

export type { OnnxTensor };
